/** Most rows a list shows inside another page; the rest are on the list's own pages. */
export const SHORT_LIST = 10;

/** Rows a service page shows of what it calls and what calls it, the busiest first. */
export const EDGE_ROWS = 20;

/** Rows on one page of a list of its own (services, dependencies, claims): about four screens. */
export const PAGE_ROWS = 100;

/** Builds on one page of the builds list, the newest first: a few screens, however long the history. */
export const BUILDS_PER_PAGE = 20;

/** One page of a list split into pages. */
export interface ListPage<T> {
	/** The rows on this page. */
	items: T[];
	/** This page's number, from 1. */
	number: number;
	/** How many pages the list has (at least 1). */
	total: number;
	/** How many rows the whole list has. */
	count: number;
	/** Number of this page's first row, from 1. */
	first: number;
}

/** Splits a list into pages of `size` rows: every page, in order; an empty list is one empty page. */
export function paginate<T>(items: readonly T[], size = PAGE_ROWS): ListPage<T>[] {
	const total = Math.max(1, Math.ceil(items.length / size));
	return Array.from({ length: total }, (_, i) => ({
		items: items.slice(i * size, (i + 1) * size),
		number: i + 1,
		total,
		count: items.length,
		first: i * size + 1,
	}));
}

/** The route parameter of page `n` of a list at `[...page]`: nothing for the first, so it stays at the list's own address. */
export const pageParam = (n: number): string | undefined => (n === 1 ? undefined : String(n));

/** The site path of page `n` of a list whose first page is at `path` and whose others are under `rest` (both ending in a slash). */
export const pagePath = (path: string, n: number, rest = path): string => (n === 1 ? path : `${rest}${n}/`);

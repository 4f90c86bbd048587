import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pageKindOf } from './page-budgets.ts';

/** Sizes of the latest build's service pages. */
export interface PageWeights {
	/** Service pages found. */
	pages: number;
	/** Median HTML size in bytes (the mean of the two middle pages when their number is even). */
	median: number;
	/** Largest HTML size in bytes, and the site path of that page. */
	max: number;
	maxPath: string;
}

/**
 * Weighs the HTML of every service page of a site's latest build (`/services/<name>/`), as stored:
 * diagrams and charts are inline SVG, so the figure includes them.
 */
export async function servicePageWeights(siteDir: string): Promise<PageWeights> {
	const servicesDir = path.join(siteDir, 'services');
	const sizes: { size: number; path: string }[] = [];
	for (const name of await readdir(servicesDir)) {
		const sitePath = `/services/${name}/`;
		if (pageKindOf(sitePath)?.kind !== 'service') continue;
		const info = await stat(path.join(servicesDir, name, 'index.html')).catch(() => null);
		if (info?.isFile()) sizes.push({ size: info.size, path: sitePath });
	}
	if (sizes.length === 0) throw new Error(`bench: no service page under ${servicesDir}`);
	sizes.sort((a, b) => a.size - b.size || (a.path < b.path ? -1 : 1));
	const mid = sizes.length >> 1;
	const median = sizes.length % 2 === 1 ? sizes[mid]!.size : (sizes[mid - 1]!.size + sizes[mid]!.size) / 2;
	const heaviest = sizes.at(-1)!;
	return { pages: sizes.length, median, max: heaviest.size, maxPath: heaviest.path };
}

import type { CatalogLink } from './catalog-types.ts';

/** The runbook: the first link of type `runbook`, else the first titled like `Runbook`; null when none. */
export function findRunbook(links: readonly CatalogLink[]): string | null {
	const link = links.find((l) => l.type?.toLowerCase() === 'runbook') ?? links.find((l) => /\brun ?books?\b/i.test(l.title));
	return link?.url ?? null;
}

/** The source repository: the first link of type `repo`; null when none. */
export function findRepo(links: readonly CatalogLink[]): string | null {
	return links.find((l) => l.type?.toLowerCase() === 'repo')?.url ?? null;
}

/** The on-call address among the links: the first of type `oncall`; null when none. */
export function findOncall(links: readonly CatalogLink[]): string | null {
	return links.find((l) => l.type?.toLowerCase() === 'oncall')?.url ?? null;
}

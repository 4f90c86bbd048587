/**
 * How search orders its results: by Pagefind's relevance, weighed by how sure we are of each page.
 * Pagefind has no per-page boost, and a result's metadata costs one request per page, so a page's
 * confidence travels as a hidden filter with eleven values: the search page runs one filtered
 * search per value (Pagefind answers those from the index it already loaded) to learn every
 * result's band without fetching any result.
 */

/** The hidden Pagefind filter holding a page's confidence in tenths, `0` to `10`. */
export const CONFIDENCE_FILTER = 'confidence';

/** Every value the confidence filter takes. */
export const CONFIDENCE_BANDS: readonly string[] = Array.from({ length: 11 }, (_, tenths) => String(tenths));

/** A page with no score (infrastructure, a page that is not about a service) ranks as if half-sure: neither favoured nor buried. */
export const UNSCORED_WEIGHT = 0.75;

/** The band of a confidence between 0 and 1. */
export function confidenceBand(confidence: number): string {
	return String(Math.round(Math.min(1, Math.max(0, confidence)) * 10));
}

/**
 * The factor a page's relevance is multiplied by: 1 for a page we are sure of, 0.5 for one we know
 * nothing reliable about. Relevance still leads: a stale page that is the only good match stays
 * above a fresh page that barely mentions the words.
 */
export function rankWeight(band: string | undefined): number {
	return band !== undefined && CONFIDENCE_BANDS.includes(band) ? 0.5 + Number(band) / 20 : UNSCORED_WEIGHT;
}

/** A search result as Pagefind returns it, before its page is loaded. */
export interface ScoredResult {
	/** Pagefind's id for the page. */
	id: string;
	/** Pagefind's relevance. */
	score: number;
}

/** Results ordered by relevance times confidence weight, best first; equal ones keep Pagefind's order. */
export function rankResults<T extends ScoredResult>(results: readonly T[], bandOf: ReadonlyMap<string, string>): T[] {
	return results
		.map((result, index) => ({ result, index, rank: result.score * rankWeight(bandOf.get(result.id)) }))
		.sort((a, b) => b.rank - a.rank || a.index - b.index)
		.map(({ result }) => result);
}

import { describe, expect, it } from 'vitest';
import { CONFIDENCE_BANDS, confidenceBand, rankResults, rankWeight, UNSCORED_WEIGHT } from './search-ranking.ts';

describe('confidenceBand', () => {
	it('is the confidence in tenths, rounded, clamped to 0–10', () => {
		expect([0, 0.04, 0.05, 0.35, 0.949, 0.95, 1].map(confidenceBand)).toEqual(['0', '0', '1', '4', '9', '10', '10']);
		expect([-0.2, 1.7].map(confidenceBand)).toEqual(['0', '10']);
	});

	it('only takes values the search page asks for', () => {
		for (let c = 0; c <= 1; c += 0.01) expect(CONFIDENCE_BANDS).toContain(confidenceBand(c));
	});
});

describe('rankWeight', () => {
	it('goes from one half for band 0 to one for band 10', () => {
		expect(rankWeight('0')).toBe(0.5);
		expect(rankWeight('5')).toBe(0.75);
		expect(rankWeight('10')).toBe(1);
	});

	it('is neutral for a page with no band or a band it does not know', () => {
		for (const band of [undefined, '', '11', '-1', '2.5', 'high']) expect(rankWeight(band)).toBe(UNSCORED_WEIGHT);
	});
});

describe('rankResults', () => {
	const results = [
		{ id: 'stale-cart', score: 10 },
		{ id: 'fresh-payments', score: 8 },
		{ id: 'team-page', score: 9 },
		{ id: 'only-match', score: 30 },
	];
	const bands = new Map([
		['stale-cart', '1'], // 10 × 0.55 = 5.5
		['fresh-payments', '9'], // 8 × 0.95 = 7.6
		['only-match', '0'], // 30 × 0.5 = 15
	]); // team-page: 9 × 0.75 = 6.75

	it('puts a confident page above a stale one that matched slightly better', () => {
		expect(rankResults(results, bands).map((r) => r.id)).toEqual(['only-match', 'fresh-payments', 'team-page', 'stale-cart']);
	});

	it('keeps relevance first: a much better match stays on top even when nobody is sure of it', () => {
		expect(rankResults(results, bands)[0]!.id).toBe('only-match');
	});

	it('keeps the given order between equal ranks and does not change its input', () => {
		const tied = [
			{ id: 'b', score: 2 },
			{ id: 'a', score: 2 },
			{ id: 'c', score: 3 }, // 3 × 0.5 = 1.5, as a and b: 2 × 0.75
		];
		const ranked = rankResults(tied, new Map([['c', '0']]));
		expect(ranked.map((r) => r.id)).toEqual(['b', 'a', 'c']);
		expect(tied.map((r) => r.id)).toEqual(['b', 'a', 'c']);
	});

	it('orders by Pagefind alone when no page has a band', () => {
		expect(rankResults(results, new Map()).map((r) => r.id)).toEqual(['only-match', 'stale-cart', 'team-page', 'fresh-payments']);
	});
});

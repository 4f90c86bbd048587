import { describe, expect, it } from 'vitest';
import { pagePath, paginate } from './bounds.ts';

describe('paginate', () => {
	it('splits a list into full pages and a last partial one, numbering rows from 1', () => {
		const pages = paginate(Array.from({ length: 25 }, (_, i) => i), 10);
		expect(pages.map((p) => p.items.length)).toEqual([10, 10, 5]);
		expect(pages.map((p) => [p.number, p.total, p.first, p.count])).toEqual([[1, 3, 1, 25], [2, 3, 11, 25], [3, 3, 21, 25]]);
		expect(pages.flatMap((p) => p.items)).toEqual(Array.from({ length: 25 }, (_, i) => i));
	});

	it('gives an empty list one empty page, and a list of exactly one page no second', () => {
		expect(paginate([], 10)).toEqual([{ items: [], number: 1, total: 1, count: 0, first: 1 }]);
		expect(paginate([1, 2], 2)).toHaveLength(1);
	});

	it('keeps the first page at the list\'s own address', () => {
		expect(pagePath('/lists/hidden/', 1)).toBe('/lists/hidden/');
		expect(pagePath('/lists/hidden/', 3)).toBe('/lists/hidden/3/');
		expect(pagePath('/services/', 1, '/services/index/')).toBe('/services/');
		expect(pagePath('/services/', 2, '/services/index/')).toBe('/services/index/2/');
	});
});

import { describe, expect, it } from 'vitest';
import { paretoInt, weightedPicker } from './heavy-tail.ts';
import { createRng } from './prng.ts';

describe('paretoInt', () => {
	it('puts most draws at the minimum and a few far above it, never past the cap', () => {
		const rng = createRng(5);
		const draws = Array.from({ length: 20_000 }, () => paretoInt(rng, 1, 1.5, 200));
		const sorted = [...draws].sort((a, b) => a - b);
		expect(sorted[0]).toBe(1);
		expect(sorted[sorted.length / 2]).toBeLessThanOrEqual(2);
		expect(sorted.at(-1)).toBeLessThanOrEqual(200);
		expect(sorted.at(-1)).toBeGreaterThan(50);
		// P(X >= 10) = 10 ** -1.5, about 3.2%.
		const tail = draws.filter((d) => d >= 10).length / draws.length;
		expect(tail).toBeGreaterThan(0.025);
		expect(tail).toBeLessThan(0.04);
	});
});

describe('weightedPicker', () => {
	it('draws each item in proportion to its weight', () => {
		const picker = weightedPicker(['a', 'b', 'c', 'zero'], (x) => ({ a: 1, b: 2, c: 7, zero: 0 })[x] as number);
		const rng = createRng(9);
		const counts = new Map<string, number>();
		for (let i = 0; i < 10_000; i++) {
			const x = picker.pick(rng);
			counts.set(x, (counts.get(x) ?? 0) + 1);
		}
		expect(counts.get('zero')).toBeUndefined();
		expect((counts.get('a') ?? 0) / 10_000).toBeCloseTo(0.1, 1);
		expect((counts.get('b') ?? 0) / 10_000).toBeCloseTo(0.2, 1);
		expect((counts.get('c') ?? 0) / 10_000).toBeCloseTo(0.7, 1);
	});

	it('refuses to draw from an empty list', () => {
		expect(() => weightedPicker([], () => 1).pick(createRng(1))).toThrow(/nothing to pick/);
	});
});

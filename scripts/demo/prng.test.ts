import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';

describe('createRng', () => {
	it('repeats the same sequence for the same seed and differs for another', () => {
		const a = createRng(42);
		const b = createRng(42);
		const c = createRng(43);
		const seqA = Array.from({ length: 20 }, () => a.next());
		const seqB = Array.from({ length: 20 }, () => b.next());
		const seqC = Array.from({ length: 20 }, () => c.next());
		expect(seqA).toEqual(seqB);
		expect(seqA).not.toEqual(seqC);
	});

	it('stays in range and covers it', () => {
		const rng = createRng(7);
		const ints = new Set<number>();
		for (let i = 0; i < 2000; i++) {
			const x = rng.next();
			expect(x).toBeGreaterThanOrEqual(0);
			expect(x).toBeLessThan(1);
			ints.add(rng.int(3, 8));
		}
		expect([...ints].sort()).toEqual([3, 4, 5, 6, 7, 8]);
	});

	it('makes lowercase hex ids of the requested length', () => {
		const rng = createRng(1);
		for (let i = 0; i < 100; i++) {
			expect(rng.hex(32)).toMatch(/^[0-9a-f]{32}$/);
			expect(rng.hex(16)).toMatch(/^[0-9a-f]{16}$/);
		}
	});

	it('picks by weight and log-normal values centre on the median', () => {
		const rng = createRng(9);
		let heavy = 0;
		const samples: number[] = [];
		for (let i = 0; i < 4000; i++) {
			if (rng.weighted(['light', 'heavy'], (x) => (x === 'heavy' ? 3 : 1)) === 'heavy') heavy++;
			samples.push(rng.logNormal(10, 0.5));
		}
		expect(heavy / 4000).toBeGreaterThan(0.7);
		expect(heavy / 4000).toBeLessThan(0.8);
		samples.sort((x, y) => x - y);
		expect(samples[2000]).toBeGreaterThan(9);
		expect(samples[2000]).toBeLessThan(11);
	});
});

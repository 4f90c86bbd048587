import { describe, expect, it } from 'vitest';
import { LatencySketch } from './latency-sketch.ts';

// Seeded so a failure can be replayed.
function mulberry32(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Nearest-rank quantile of sorted values, the definition the sketch documents. */
function exactQuantile(sorted: number[], q: number): number {
	return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
}

const QUANTILES = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

describe('LatencySketch', () => {
	it.each([
		['log-normal latencies', (r: () => number) => Math.exp(3 + 1.5 * gaussian(r))],
		['uniform 0..1000 ms', (r: () => number) => r() * 1000],
		['heavy tail (Pareto)', (r: () => number) => 0.5 / (1 - r()) ** 1.2],
		['sub-millisecond', (r: () => number) => r() * 0.01],
	])('keeps quantiles within 1%% of exact on %s', (_name, draw) => {
		const random = mulberry32(42);
		const sketch = new LatencySketch();
		const values: number[] = [];
		for (let i = 0; i < 20_000; i++) {
			const value = draw(random);
			values.push(value);
			sketch.add(value);
		}
		values.sort((a, b) => a - b);
		expect(sketch.count).toBe(values.length);
		for (const q of QUANTILES) {
			const exact = exactQuantile(values, q);
			const estimate = sketch.quantile(q);
			expect(Math.abs(estimate - exact) / exact, `q=${q}: ${estimate} vs ${exact}`).toBeLessThanOrEqual(0.01 + 1e-12);
		}
		// Memory depends on the range of values, not on how many there are.
		expect(sketch.bucketCount).toBeLessThan(2000);
	});

	it('merging equals adding everything to one sketch', () => {
		const random = mulberry32(7);
		const all = new LatencySketch();
		const parts = [new LatencySketch(), new LatencySketch(), new LatencySketch()];
		for (let i = 0; i < 9_000; i++) {
			const value = random() < 0.01 ? 0 : Math.exp(6 * random());
			all.add(value);
			parts[i % 3]?.add(value);
		}
		const merged = new LatencySketch();
		for (const part of parts) merged.merge(part);
		expect(merged.count).toBe(all.count);
		expect(merged.bucketCount).toBe(all.bucketCount);
		for (const q of QUANTILES) expect(merged.quantile(q)).toBe(all.quantile(q));
	});

	it('answers exactly for one value and for zeros', () => {
		const one = new LatencySketch();
		one.add(123.456);
		expect([one.quantile(0), one.quantile(0.5), one.quantile(1)]).toEqual([123.456, 123.456, 123.456]);
		const zeros = new LatencySketch();
		zeros.add(0);
		zeros.add(0);
		zeros.add(5);
		expect(zeros.quantile(0.5)).toBe(0);
		expect(zeros.quantile(1)).toBe(5);
	});

	it('rejects values and requests that have no answer', () => {
		const sketch = new LatencySketch();
		expect(() => sketch.quantile(0.5)).toThrow(RangeError);
		expect(() => sketch.add(-1)).toThrow(RangeError);
		expect(() => sketch.add(Number.NaN)).toThrow(RangeError);
		sketch.add(1);
		expect(() => sketch.quantile(1.5)).toThrow(RangeError);
		expect(() => sketch.merge(new LatencySketch(0.02))).toThrow(RangeError);
	});
});

function gaussian(random: () => number): number {
	return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

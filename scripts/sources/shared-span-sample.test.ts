import { describe, expect, it } from 'vitest';
import { inputViews } from './input-views.ts';
import { SAMPLE_CAP, SharedSpanSample } from './shared-span-sample.ts';

const id = (n: number, digits: number) => n.toString(16).padStart(digits, '0');
/** Spans `from` to `to` (exclusive), each its own trace, as input `input`. */
function observe(sample: SharedSpanSample, input: number, from: number, to: number): void {
	for (let n = from; n < to; n++) sample.observe(input, id(Math.floor(n / 4), 32), id(n, 16));
}

describe('SharedSpanSample', () => {
	it('tells repeated spans from different traffic, after its threshold halved many times', () => {
		const sample = new SharedSpanSample();
		observe(sample, 0, 0, 400_000);
		// Different traffic: the next 400,000 spans.
		observe(sample, 1, 400_000, 800_000);
		// A second export of a quarter of input 0.
		observe(sample, 2, 100_000, 200_000);
		// Rotated out of one stream with input 1: shares only the spans of one straddling trace.
		observe(sample, 3, 799_996, 900_000);
		const repeats = sample.repeats();
		expect(repeats(0, 2)).toBe(true);
		expect(repeats(2, 0)).toBe(true);
		expect(repeats(0, 1)).toBe(false);
		expect(repeats(1, 2)).toBe(false);
		expect(repeats(1, 3)).toBe(false);
		expect(repeats(0, 3)).toBe(false);
	});

	it('holds no more than its cap, whatever it is fed', () => {
		const sample = new SharedSpanSample();
		observe(sample, 0, 0, SAMPLE_CAP * 3);
		expect(sample.size).toBeLessThanOrEqual(SAMPLE_CAP);
		expect(sample.size).toBeGreaterThan(SAMPLE_CAP / 4);
		observe(sample, 1, 0, 1000);
		expect(sample.repeats()(0, 1)).toBe(true);
	});
});

describe('inputViews', () => {
	it('adds span inputs that hold different traffic, and opens a view for one that repeats every view so far', () => {
		// 0: east, 1: second export of west, 2: west, 3: links, 4: nothing.
		const repeat = new Set(['1,2']);
		const { views, repeated } = inputViews(['spans', 'spans', 'spans', 'links', 'empty'], (a, b) => repeat.has(a < b ? `${a},${b}` : `${b},${a}`));
		expect(views).toEqual([[0, 1], [2], [3]]);
		expect([...repeated]).toEqual([[2, 1]]);
	});
});

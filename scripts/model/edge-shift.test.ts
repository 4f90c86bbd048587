import { describe, expect, it } from 'vitest';
import { DEFAULT_SHIFT_OPTIONS } from '../config/shift-options.ts';
import { edgeShift, isFailing, twoProportionZ, type EdgeTraffic } from './edge-shift.ts';

const traffic = (calls: number, errors: number, p50: number | null = null, p95: number | null = null): EdgeTraffic => ({ calls, errors, p50, p95, windowMs: 60_000 });
const shift = (before: EdgeTraffic, after: EdgeTraffic) => edgeShift('b1', before, after, DEFAULT_SHIFT_OPTIONS);

describe('edgeShift', () => {
	it('finds an error share that moved far on many calls', () => {
		const change = shift(traffic(400, 2), traffic(400, 300));
		expect(change.shifted).toEqual(['errors']);
		expect(change.errorShareBefore).toBeCloseTo(0.005);
		expect(change.errorShareAfter).toBe(0.75);
	});

	it('calls the same jump on a handful of calls too few to tell, not a finding', () => {
		const change = shift(traffic(4, 0), traffic(4, 3));
		expect(change.shifted).toEqual([]);
		expect(change.tooFewCalls).toEqual(['errors']);
	});

	it('ignores a small move in error share even when the calls make it significant', () => {
		const z = twoProportionZ(10_000, 1_000_000, 12_000, 1_000_000);
		expect(z).toBeGreaterThan(DEFAULT_SHIFT_OPTIONS.minZ);
		expect(shift(traffic(1_000_000, 10_000), traffic(1_000_000, 12_000))).toMatchObject({ shifted: [], tooFewCalls: [] });
	});

	it('needs the median to move with the p95 unless the calls are many', () => {
		expect(shift(traffic(30, 0, 10, 40), traffic(30, 0, 1010, 1050)).shifted).toEqual(['latency']);
		// One slow call among thirty moves the p95 alone: not enough to tell.
		expect(shift(traffic(30, 0, 10, 40), traffic(30, 0, 11, 400))).toMatchObject({ shifted: [], tooFewCalls: ['latency'] });
		expect(shift(traffic(500, 0, 10, 40), traffic(500, 0, 11, 400)).shifted).toEqual(['latency']);
	});

	it('finds a call rate that halved, and leaves a busy edge that moved a little alone', () => {
		expect(shift(traffic(2400, 0), traffic(450, 0)).shifted).toEqual(['calls']);
		expect(shift(traffic(2400, 0), traffic(2000, 0)).shifted).toEqual([]);
		expect(shift(traffic(3, 0), traffic(1, 0))).toMatchObject({ shifted: [], tooFewCalls: ['calls'] });
	});
});

describe('isFailing', () => {
	it('marks an edge past the error share on enough calls, and not on a handful', () => {
		expect(isFailing({ calls: 200, errors: 151 }, DEFAULT_SHIFT_OPTIONS)).toBe(true);
		expect(isFailing({ calls: 200, errors: 4 }, DEFAULT_SHIFT_OPTIONS)).toBe(false);
		expect(isFailing({ calls: 4, errors: 3 }, DEFAULT_SHIFT_OPTIONS)).toBe(false);
	});
});

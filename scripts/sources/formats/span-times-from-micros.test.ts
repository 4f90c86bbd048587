import { describe, expect, it } from 'vitest';
import { spanTimesFromMicros } from './span-times-from-micros.ts';

// What the times were when they went through BigInt nanoseconds.
function reference(startUs: number, durationUs: number | undefined) {
	const startNs = BigInt(startUs) * 1000n;
	const endNs = durationUs === undefined ? 0n : startNs + BigInt(durationUs) * 1000n;
	return { startMs: Number(startNs / 1_000_000n), endMs: Number(endNs / 1_000_000n), durationMs: Number(endNs - startNs) / 1e6 };
}

describe('spanTimesFromMicros', () => {
	it('matches exact nanosecond arithmetic, at millisecond boundaries and near 2^53', () => {
		const starts = [0, 1, 999, 1000, 1_767_261_599_999_999, 1_767_261_600_000_000, 1_767_261_600_000_999, Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER];
		const durations = [undefined, 0, 1, 999, 1000, 1001, 123_456_789, Number.MAX_SAFE_INTEGER];
		for (const start of starts) {
			for (const duration of durations) {
				expect(spanTimesFromMicros(start, duration), `${start} + ${duration}`).toEqual(reference(start, duration));
			}
		}
	});

	it('gives a span without an end a negative duration unless it starts at 0', () => {
		expect(spanTimesFromMicros(1_767_261_600_000_000, undefined).durationMs).toBeLessThan(0);
		expect(Object.is(spanTimesFromMicros(0, undefined).durationMs, 0)).toBe(true);
	});
});

import type { SpanInput } from '../derive-service-graph.ts';

/** A span's times as `SpanInput` carries them. */
export type SpanTimes = Pick<SpanInput, 'startMs' | 'endMs' | 'durationMs'>;

/**
 * The times of a span given in microseconds (Zipkin, Jaeger): a start (0 when unknown) and a
 * duration (undefined when the span has no end). Exact for any safe integers, without BigInt:
 * whole milliseconds are added apart from the microseconds left over, so no sum rounds.
 */
export function spanTimesFromMicros(startUs: number, durationUs: number | undefined): SpanTimes {
	const startRemUs = startUs % 1000;
	const startMs = (startUs - startRemUs) / 1000;
	// No end reads as an end at 0, as in OTLP: a negative duration unless the start is 0 too.
	if (durationUs === undefined) return { startMs, endMs: 0, durationMs: (0 - startUs) / 1000 };
	const durationRemUs = durationUs % 1000;
	const endMs = startMs + (durationUs - durationRemUs) / 1000 + Math.floor((startRemUs + durationRemUs) / 1000);
	return { startMs, endMs, durationMs: durationUs / 1000 };
}

import { describe, expect, it } from 'vitest';
import type { SpanInput } from '../derive-service-graph.ts';
import { forEachOtlpSpan, OtlpShapeError } from './otlp-spans.ts';

function spansOf(...raw: Record<string, unknown>[]): [SpanInput, ...SpanInput[]] {
	const out: SpanInput[] = [];
	const spans = raw.map((span) => ({ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', ...span }));
	forEachOtlpSpan([{ scopeSpans: [{ spans }] }], (span) => out.push(span));
	return out as [SpanInput, ...SpanInput[]];
}

// What the times were when they went through BigInt nanoseconds.
function reference(start: string | number | undefined, end: string | number | undefined) {
	const startNs = start === undefined ? 0n : BigInt(start);
	const endNs = end === undefined ? 0n : BigInt(end);
	return { startMs: Number(startNs / 1_000_000n), endMs: Number(endNs / 1_000_000n), durationMs: Number(endNs - startNs) / 1e6 };
}

describe('forEachOtlpSpan times', () => {
	it('matches exact nanosecond arithmetic, including a nanosecond either side of a millisecond', () => {
		const times = [
			undefined,
			'0',
			'7',
			'999999',
			'1000000',
			'1767225599999999999',
			'1767225600000000000',
			'1767225600000000001',
			'1767225600000999999',
			'1767225600123456789',
			'1767225600000000000000000',
			'99999999999999999999999999',
			1_000_001,
			1767225600000001000,
		];
		for (const start of times) {
			for (const end of times) {
				const [span] = spansOf({ startTimeUnixNano: start, endTimeUnixNano: end });
				expect({ startMs: span.startMs, endMs: span.endMs, durationMs: span.durationMs }, `${start} → ${end}`).toEqual(reference(start, end));
			}
		}
	});

	it('keeps a microsecond span accurate to the nanosecond', () => {
		const [span] = spansOf({ startTimeUnixNano: '1767225600999999500', endTimeUnixNano: '1767225601000000500' });
		expect(span).toMatchObject({ startMs: 1767225600999, endMs: 1767225601000, durationMs: 0.001 });
	});

	it('rejects timestamps that are not plain digits', () => {
		for (const bad of ['', ' 1', '1 2', '1e21', '1.5', '-1', '0x10', '1_000', '1'.repeat(31), -1, 1.5]) {
			expect(() => spansOf({ startTimeUnixNano: bad }), JSON.stringify(bad)).toThrow(OtlpShapeError);
		}
	});
});

describe('forEachOtlpSpan ids', () => {
	it('keeps lowercase hex, lowercases uppercase hex, decodes base64 and drops all-zero ids', () => {
		const [upper, base64, zeroParent] = spansOf(
			{ spanId: 'EEE19B7EC3C1B174', parentSpanId: '00f067aa0ba902b7' },
			{ spanId: '7uGbfsPBsXQ=', parentSpanId: 'AAAAAAAAAAA=' },
			{ parentSpanId: '0000000000000000' },
		) as [SpanInput, SpanInput, SpanInput];
		expect([upper.spanId, upper.parentSpanId]).toEqual(['eee19b7ec3c1b174', '00f067aa0ba902b7']);
		expect([base64.spanId, base64.parentSpanId]).toEqual(['eee19b7ec3c1b174', undefined]);
		expect(zeroParent.parentSpanId).toBeUndefined();
	});

	it('rejects ids that are not hex, and a missing or all-zero span id', () => {
		for (const spanId of ['eee19b7ec3c1b17g', 'eee19b7ec3c1b17', '0000000000000000', 'EEE19B7EC3C1B17Z', 'eee19b7ec3c1b17\u00e9', 42]) {
			expect(() => spansOf({ spanId }), String(spanId)).toThrow(OtlpShapeError);
		}
		expect(() => spansOf({ spanId: 'eee19b7ec3c1b17g' })).toThrow('spans[0].spanId must be 16 hex digits, found "eee19b7ec3c1b17g"');
	});
});

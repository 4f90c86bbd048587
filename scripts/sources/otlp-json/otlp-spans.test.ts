import { describe, expect, it } from 'vitest';
import type { SpanInput } from '../derive-service-graph.ts';
import type { InvalidRecordError } from '../formats/skipped-records.ts';
import { forEachOtlpSpan } from './otlp-spans.ts';

/** The spans read from one request holding `raw` (with a trace id, span id and name unless given), and what was skipped. */
function read(...raw: Record<string, unknown>[]): { spans: SpanInput[]; skipped: string[] } {
	const spans: SpanInput[] = [];
	const skipped: string[] = [];
	const input = raw.map((span) => ({ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'op', ...span }));
	const record = (error: InvalidRecordError, at: readonly (string | number)[]) => skipped.push(`${error.reason} at ${at.join('/')}:${error.what}`);
	forEachOtlpSpan([{ scopeSpans: [{ spans: input }] }], ['resourceSpans'], (span) => spans.push(span), record);
	return { spans, skipped };
}

function spansOf(...raw: Record<string, unknown>[]): [SpanInput, ...SpanInput[]] {
	const { spans, skipped } = read(...raw);
	expect(skipped).toEqual([]);
	return spans as [SpanInput, ...SpanInput[]];
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

	it('skips a span whose timestamp is not plain digits', () => {
		for (const bad of ['', ' 1', '1 2', '1e21', '1.5', '-1', '0x10', '1_000', '1'.repeat(31), -1, 1.5]) {
			const { spans, skipped } = read({ startTimeUnixNano: bad }, { spanId: '00f067aa0ba902b7', endTimeUnixNano: bad });
			expect(spans, JSON.stringify(bad)).toEqual([]);
			expect(skipped.map((s) => s.split(':')[0]), JSON.stringify(bad)).toEqual([
				'time at resourceSpans/0/scopeSpans/0/spans/0',
				'time at resourceSpans/0/scopeSpans/0/spans/1',
			]);
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

	it('skips a span whose ids are not hex, or whose trace or span id is missing or all zeros, and keeps the others', () => {
		for (const spanId of ['eee19b7ec3c1b17g', 'eee19b7ec3c1b17', '0000000000000000', 'EEE19B7EC3C1B17Z', 'eee19b7ec3c1b17\u00e9', 42, '', undefined]) {
			const { spans, skipped } = read({ spanId }, { spanId: '00f067aa0ba902b7' });
			expect(spans.map((s) => s.spanId), String(spanId)).toEqual(['00f067aa0ba902b7']);
			expect(skipped.map((s) => s.split(' ')[0]), String(spanId)).toEqual(['span-id']);
		}
		expect(read({ spanId: 'eee19b7ec3c1b17g' }).skipped).toEqual(['span-id at resourceSpans/0/scopeSpans/0/spans/0:.spanId must be 16 hex digits, found "eee19b7ec3c1b17g"']);
		expect(read({ traceId: '00000000000000000000000000000000' }).skipped).toEqual(['trace-id at resourceSpans/0/scopeSpans/0/spans/0:.traceId is all zeros']);
		expect(read({ traceId: undefined }).skipped).toEqual(['trace-id at resourceSpans/0/scopeSpans/0/spans/0:.traceId is missing']);
		expect(read({ parentSpanId: 'zz' }).skipped).toEqual(['parent-id at resourceSpans/0/scopeSpans/0/spans/0:.parentSpanId must be 16 hex digits, found "zz"']);
	});

	it('skips a span without a name, or that is not an object', () => {
		const { spans, skipped } = read({ name: undefined }, { name: '' }, { spanId: '00f067aa0ba902b7' });
		expect(spans).toHaveLength(1);
		expect(skipped).toEqual([
			'name at resourceSpans/0/scopeSpans/0/spans/0:.name is missing: OTLP requires every span to have one',
			'name at resourceSpans/0/scopeSpans/0/spans/1:.name is missing: OTLP requires every span to have one',
		]);
		const notObjects: string[] = [];
		forEachOtlpSpan([{ scopeSpans: [{ spans: [null, [1]] }] }], ['resourceSpans'], () => expect.fail('no span'), (error) => notObjects.push(`${error.reason}:${error.what}`));
		expect(notObjects).toEqual(['not-an-object: must be a span object, found null', 'not-an-object: must be a span object, found an array']);
	});
});

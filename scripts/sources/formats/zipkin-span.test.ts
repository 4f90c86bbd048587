import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { realData } from '../../../fixtures/real-data.ts';
import type { SpanInput } from '../span-input.ts';
import { SkippedRecords } from './skipped-records.ts';
import { ZipkinTraceWindow, zipkinSpanInputs } from './zipkin-span.ts';

const byId = (spans: SpanInput[]) => [...spans].sort((a, b) => `${a.traceId}${a.spanId}`.localeCompare(`${b.traceId}${b.spanId}`));

it('a trace window that turns each trace into spans as soon as the next one starts gives what the whole document gives', () => {
	const files = ['ascend', 'messaging-kafka', 'netflix', 'smartthings-mobile-web-install', 'smartthings-oauth-authorization', 'yelp'];
	const raw = files
		.flatMap((name) => JSON.parse(readFileSync(realData('traces/zipkin', `${name}.json`), 'utf8')) as unknown[])
		.map((value, i) => ({ value, at: [i] }));
	const whole = zipkinSpanInputs(raw, new SkippedRecords());
	expect(new Set(whole.map((s) => s.traceId)).size).toBeGreaterThan(5);

	const streamed: SpanInput[] = [];
	const flushedAt: number[] = [];
	// Idle after one span of another trace: each file's trace is flushed when the next file's begins.
	const window = new ZipkinTraceWindow(new SkippedRecords(), (span) => streamed.push(span), 1);
	for (const [i, { value, at }] of raw.entries()) {
		const before = streamed.length;
		window.add(value, at);
		if (streamed.length > before) flushedAt.push(i);
	}
	window.finish();
	expect(flushedAt.length).toBeGreaterThan(3);
	expect(byId(streamed)).toEqual(byId(whole));
});

import { describe, expect, it } from 'vitest';
import { realData } from '../../fixtures/real-data.ts';
import { createServiceGraphDeriver, SpanKind, type SpanInput } from '../sources/derive-service-graph.ts';
import { readOtlpFile } from '../sources/otlp-json/read-otlp-file.ts';
import type { TelemetrySnapshot } from '../sources/snapshot.ts';
import { mergeModel } from './merge-model.ts';
import { modelSchema, type Model } from './model-schema.ts';
import { content } from './test-helpers/model-inputs.ts';

const hotrodFile = realData('traces/otlp/hotrod_jaeger-v3-getTrace-response.otlp.json');

async function hotrodSpans(): Promise<SpanInput[]> {
	const all: SpanInput[] = [];
	await readOtlpFile({ absolute: hotrodFile, display: 'hotrod' }, (s) => void all.push(s));
	return all;
}

// The model of a window holding these spans, as a build derives and merges it (no notes).
function modelOf(spans: SpanInput[]): Model {
	const starts = spans.map((s) => s.startMs);
	const window = { start: new Date(Math.min(...starts)), end: new Date(Math.max(...starts) + 1) };
	const deriver = createServiceGraphDeriver(window);
	for (const s of spans) deriver.add(s);
	const graph = deriver.finish();
	const snapshot: TelemetrySnapshot = {
		schemaVersion: 1,
		source: { name: 'test', inputs: [] },
		pulledAt: window.end.toISOString(),
		window: { start: window.start.toISOString(), end: window.end.toISOString() },
		stats: graph.stats,
		services: graph.services,
		edges: graph.edges,
	};
	const model = mergeModel(content([], []), snapshot, { buildId: 'b', now: window.end, staleAfterDays: 90 });
	return modelSchema.parse(model);
}

const edgeOf = (model: Model, from: string, to: string) => model.edges.find((e) => e.from === from && e.to === to)!;

/** The same trace with new ids (a second request), all failures cleared. */
function cleanCopy(spans: SpanInput[]): SpanInput[] {
	return spans.map((s) => ({ ...s, traceId: `c${s.traceId.slice(1)}`, error: false }));
}

describe('what failure reveals, from the real HotROD trace', () => {
	it('flags a fallback called only in failing traces as error-only, and the edges every request takes as not', async () => {
		const spans = await hotrodSpans();
		// After each failed GetDriver, driver asks a fallback cache: a call made only when redis fails.
		const fallback = spans
			.filter((s) => s.service === 'redis-manual' && s.error)
			.map((s): SpanInput => ({ ...s, spanId: `${s.spanId.slice(0, -4)}fb00`, service: 'driver-cache', name: 'GetDriverCached', error: false }));
		const model = modelOf([...spans, ...fallback, ...cleanCopy(spans)]);
		expect(edgeOf(model, 'driver', 'driver-cache')).toMatchObject({ calls: fallback.length, errorOnly: true });
		expect(model.services.find((s) => s.name === 'driver-cache')?.errorOnlyCallee).toBe(true);
		for (const [from, to] of [['driver', 'redis-manual'], ['frontend', 'customer'], ['customer', 'mysql']]) {
			expect(edgeOf(model, from!, to!).errorOnly).toBe(false);
			expect(model.services.find((s) => s.name === to)?.errorOnlyCallee).toBe(false);
		}
		// Half the calls on the edges every request takes were in the failing trace.
		expect(edgeOf(model, 'frontend', 'customer')).toMatchObject({ calls: 2, errorTraceCalls: 1 });
	});

	it('measures retries and how one dispatch multiplies into calls to redis', async () => {
		const spans = await hotrodSpans();
		const model = modelOf(spans);
		const getDriver = spans.filter((s) => s.service === 'redis-manual');
		const failed = getDriver.filter((s) => s.error).length;
		const redis = edgeOf(model, 'driver', 'redis-manual');
		// driver received one call (FindNearest) and made one redis call per span redis-manual emitted.
		expect(edgeOf(model, 'frontend', 'driver').calls).toBe(1);
		expect(redis).toMatchObject({ calls: getDriver.length, retries: failed, amplification: getDriver.length });
		expect(redis.retryShare).toBeCloseTo(failed / getDriver.length, 4);
		// frontend is the entry point: nobody was seen calling it, so its calls have no amplification.
		expect(edgeOf(model, 'frontend', 'route').amplification).toBeNull();
		expect(model.amplifiedPaths[0]).toEqual({
			path: ['frontend', 'driver', 'redis-manual'],
			hops: [
				{ from: 'frontend', to: 'driver', calls: 1, amplification: null },
				{ from: 'driver', to: 'redis-manual', calls: getDriver.length, amplification: getDriver.length },
			],
			amplification: getDriver.length,
		});
		expect(model.cycles).toEqual([]);
		expect(model.services.find((s) => s.name === 'driver')?.instances).toBe(1);
	});

	it('sees a retrying client multiply the calls behind it along the path', async () => {
		const spans = await hotrodSpans();
		// frontend → driver is retried twice after failing, as a gRPC client with a retry policy does: each attempt reaches driver, which asks redis again.
		const client = spans.find((s) => s.kind === SpanKind.CLIENT && s.service === 'frontend' && spans.some((c) => c.parentSpanId === s.spanId && c.service === 'driver'))!;
		const subtree = (root: SpanInput): SpanInput[] => [root, ...spans.filter((s) => s.parentSpanId === root.spanId).flatMap(subtree)];
		const attempt = subtree(client);
		const copies = [1, 2].flatMap((n) =>
			attempt.map((s): SpanInput => {
				const id = (x: string) => `${x.slice(0, -4)}${(0xe000 + n).toString(16)}`;
				const shift = n * 1000;
				return { ...s, spanId: id(s.spanId), parentSpanId: s === client ? s.parentSpanId : id(s.parentSpanId!), startMs: s.startMs + shift, endMs: s.endMs + shift, error: s === client ? n < 2 : s.error };
			}),
		);
		const retried = modelOf([...spans.map((s) => (s === client ? { ...s, error: true } : s)), ...copies]);
		const plain = modelOf(spans);
		expect(edgeOf(retried, 'frontend', 'driver')).toMatchObject({ calls: 3, retries: 2 });
		expect(edgeOf(retried, 'frontend', 'driver').retryShare).toBeCloseTo(2 / 3, 4);
		expect(edgeOf(retried, 'driver', 'redis-manual').calls).toBe(3 * edgeOf(plain, 'driver', 'redis-manual').calls);
		// Per call driver received, redis is asked as often as before: the retries multiplied the load, not the fan-out.
		expect(edgeOf(retried, 'driver', 'redis-manual').amplification).toBe(edgeOf(plain, 'driver', 'redis-manual').amplification);
	});
});

import { describe, expect, it } from 'vitest';
import { realData } from '../../fixtures/real-data.ts';
import { createServiceGraphDeriver, SpanKind, type ServiceGraph, type SpanInput } from './derive-service-graph.ts';
import { readOtlpFile } from './otlp-json/read-otlp-file.ts';
import { MAX_INSTANCES_PER_SERVICE } from './snapshot.ts';

const hotrodFile = realData('traces/otlp/hotrod_jaeger-v3-getTrace-response.otlp.json');

async function hotrodSpans(): Promise<SpanInput[]> {
	const all: SpanInput[] = [];
	await readOtlpFile({ absolute: hotrodFile, display: 'hotrod' }, (s) => void all.push(s));
	return all;
}

function derive(spans: SpanInput[], inputs?: number[], views?: number[][]): ServiceGraph {
	const starts = spans.map((s) => s.startMs);
	const deriver = createServiceGraphDeriver({ start: new Date(Math.min(...starts)), end: new Date(Math.max(...starts) + 1) });
	spans.forEach((s, i) => deriver.add(s, inputs?.[i] ?? 0));
	return deriver.finish(views);
}

const edge = (graph: ServiceGraph, from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to)!;

// A new span id for copy `n` of a span: the last digits replaced, so it cannot equal a real one.
const copyId = (id: string, n: number) => `${id.slice(0, -4)}${(0xf000 + n).toString(16)}`;

/**
 * What a client that retries on failure leaves in a trace: the original attempt failed, and each
 * retry is a copy of the client span and of the server's spans under it (new ids), sent after it.
 */
function retryCalls(spans: SpanInput[], client: SpanInput, retries: number, mark: 'error-before' | 'resend-count'): SpanInput[] {
	const subtree = (root: SpanInput): SpanInput[] => [root, ...spans.filter((s) => s.parentSpanId === root.spanId).flatMap(subtree)];
	const original = subtree(client);
	const out = spans.map((s) => (s === client && mark === 'error-before' ? { ...s, error: true } : s));
	for (let n = 1; n <= retries; n++) {
		const shift = n * (client.endMs - client.startMs + 1);
		for (const s of original) {
			const copy: SpanInput = { ...s, spanId: copyId(s.spanId, n), startMs: s.startMs + shift, endMs: s.endMs + shift };
			if (s !== client) copy.parentSpanId = copyId(s.parentSpanId!, n);
			if (s === client) copy.error = mark === 'error-before' && n < retries;
			if (s === client && mark === 'resend-count') copy.resendCount = n;
			out.push(copy);
		}
	}
	return out;
}

describe('retries in the real HotROD trace', () => {
	it('counts HotROD driver re-asking redis after each failed GetDriver, and not frontend asking route ten times', async () => {
		const spans = await hotrodSpans();
		const graph = derive(spans);
		// The file's own retry loop: every failed GetDriver is followed by another attempt for the same driver.
		const getDriver = spans.filter((s) => s.service === 'redis-manual' && s.name === 'GetDriver');
		const failed = getDriver.filter((s) => s.error).length;
		expect(failed).toBeGreaterThan(0);
		expect(edge(graph, 'driver', 'redis-manual')).toMatchObject({ calls: getDriver.length + 1, retries: failed });
		// Ten GET /route calls from one parent, none failed: a loop, not retries.
		expect(spans.filter((s) => s.service === 'route').length).toBe(10);
		expect(edge(graph, 'frontend', 'route')).toMatchObject({ calls: 10, retries: 0 });
	});

	it('counts the copies a retrying client sends, whether told by a failed attempt or by a resend count', async () => {
		const spans = await hotrodSpans();
		const byId = new Map(spans.map((s) => [s.spanId, s]));
		const client = spans.find((s) => s.kind === SpanKind.CLIENT && s.service === 'frontend' && spans.some((c) => c.parentSpanId === s.spanId && c.service === 'customer'))!;
		const before = derive(spans);
		for (const mark of ['error-before', 'resend-count'] as const) {
			const graph = derive(retryCalls(spans, client, 2, mark));
			expect(edge(graph, 'frontend', 'customer')).toMatchObject({ calls: edge(before, 'frontend', 'customer').calls + 2, retries: 2 });
			// The retried calls carry the server's own work along: customer queries mysql once per attempt.
			expect(edge(graph, 'customer', 'mysql').calls).toBe(3 * edge(before, 'customer', 'mysql').calls);
			expect(edge(graph, 'customer', 'mysql').retries).toBe(0);
		}
		expect(byId.get(client.parentSpanId!)?.service).toBe('frontend');
	});
});

describe('calls in failing traces', () => {
	it('counts every call of a trace holding a failed span, and none of a clean trace', async () => {
		const spans = await hotrodSpans();
		// HotROD's one trace has failed GetDriver spans: every call in it is in an error trace.
		const failing = derive(spans);
		for (const e of failing.edges) expect(e.errorTraceCalls).toBe(e.calls);
		const clean = derive(spans.map((s) => ({ ...s, error: false })));
		for (const e of clean.edges) expect(e.errorTraceCalls).toBe(0);
		expect(clean.edges.map((e) => e.calls)).toEqual(failing.edges.map((e) => e.calls));
	});

	it('keeps the busiest view of the same traffic, its error-trace calls and retries with it', async () => {
		const spans = await hotrodSpans();
		// The same traffic exported twice (input 1 is a second view of input 0): counted once, not twice.
		const twice = [...spans, ...spans.map((s) => ({ ...s, traceId: `f${s.traceId.slice(1)}` }))];
		const graph = derive(twice, [...spans.map(() => 0), ...spans.map(() => 1)], [[0], [1]]);
		const once = derive(spans);
		expect(graph.edges).toEqual(once.edges);
	});
});

describe('instances', () => {
	it('counts the instance HotROD names for each service', async () => {
		const graph = derive(await hotrodSpans());
		expect(graph.services.filter((s) => s.kind === 'service').map((s) => s.instances)).toEqual(graph.services.filter((s) => s.kind === 'service').map(() => 1));
		expect(graph.services.find((s) => s.name === 'mysql')?.instances).toBe(1);
	});

	it('counts distinct instances per service, 0 when none is named, and stops at the cap', () => {
		const base = Date.parse('2026-01-01T00:00:00Z');
		const spanOf = (service: string, i: number, instance: string | undefined): SpanInput => ({
			traceId: (i + 1).toString(16).padStart(32, '0'),
			spanId: '1'.padStart(16, '0'),
			parentSpanId: undefined,
			service,
			serviceVersion: undefined,
			kind: SpanKind.SERVER,
			error: false,
			startMs: base + i,
			endMs: base + i + 1,
			durationMs: 1,
			callee: undefined,
			instance,
		});
		const spans = [
			...Array.from({ length: 6 }, (_, i) => spanOf('cart', i, `cart-${i % 3}`)),
			spanOf('legacy', 7, undefined),
			...Array.from({ length: MAX_INSTANCES_PER_SERVICE + 5 }, (_, i) => spanOf('lambda', 10 + i, `lambda-${i}`)),
		];
		const graph = derive(spans);
		expect(graph.services.map((s) => [s.name, s.instances])).toEqual([
			['cart', 3],
			['lambda', MAX_INSTANCES_PER_SERVICE],
			['legacy', 0],
		]);
	});
});

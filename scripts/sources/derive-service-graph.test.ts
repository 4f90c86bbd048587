import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServiceGraphDeriver, SpanKind, type ServiceGraph, type ServiceGraphOptions, type SpanInput } from './derive-service-graph.ts';
import { createNamer } from './naming/service-naming.ts';
import { readOtlpFile } from './otlp-json/read-otlp-file.ts';
import { realData } from '../../fixtures/real-data.ts';

const UNKNOWN_COUNTING = { basis: 'unknown', ratio: null, evidence: null };

const window = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-02T00:00:00Z') };
const base = window.start.getTime();

function span(traceId: string, spanId: string, parentSpanId: string | undefined, service: string, kind: SpanInput['kind'], startMs: number, endMs: number, extra: Partial<SpanInput> = {}): SpanInput {
	return {
		traceId,
		spanId,
		parentSpanId,
		service,
		serviceVersion: undefined,
		kind,
		error: false,
		startMs: base + Math.floor(startMs),
		endMs: base + Math.floor(endMs),
		durationMs: endMs - startMs,
		callee: undefined,
		...extra,
	};
}

// A small world: web calls api (client/server), api queries a database and calls billing.
const spans: SpanInput[] = [];
for (let t = 0; t < 30; t++) {
	const trace = t.toString(16).padStart(32, '0');
	const ms = t * 1000;
	spans.push(
		span(trace, '01', undefined, 'web', SpanKind.SERVER, ms, ms + 100),
		span(trace, '02', '01', 'web', SpanKind.CLIENT, ms + 5, ms + 95 - t, { error: t % 10 === 0 }),
		span(trace, '03', '02', 'api', SpanKind.SERVER, ms + 6, ms + 90),
		span(trace, '04', '03', 'api', SpanKind.CLIENT, ms + 10, ms + 20 + t, {
			callee: { name: 'postgresql:app', kind: 'database', via: 'database' },
		}),
		span(trace, '05', '03', 'billing', SpanKind.SERVER, ms + 30, ms + 40),
	);
}

function derive(input: SpanInput[]) {
	const deriver = createServiceGraphDeriver(window);
	for (const s of input) deriver.add(s);
	return deriver.finish();
}

describe('createServiceGraphDeriver', () => {
	it('does not depend on the order spans arrive in', () => {
		const inOrder = derive(spans);
		let seed = 1;
		const shuffled = [...spans].sort(() => ((seed = (seed * 16807) % 2147483647) % 3) - 1);
		expect(shuffled).not.toEqual(spans);
		expect(derive(shuffled)).toEqual(inOrder);
		expect(derive([...spans].reverse())).toEqual(inOrder);
	});

	it('derives calls, errors and caller-side latency per edge', () => {
		const graph = derive(spans);
		expect(graph.stats).toEqual({ spans: 150, traces: 30, spansOutsideWindow: 0, orphanSpans: 0, counting: UNKNOWN_COUNTING });
		expect(graph.edges.map((e) => [e.from, e.to, e.via, e.calls, e.errors])).toEqual([
			['api', 'billing', 'parent-child', 30, 0],
			['api', 'postgresql:app', 'database', 30, 0],
			['web', 'api', 'parent-child', 30, 3],
		]);
		// web → api is timed by the client spans: 90 − t ms for t = 0..29, so the median (15th of 30 by nearest rank) is 75.
		const latency = graph.edges.find((e) => e.from === 'web')?.latencyMs;
		expect(Math.abs((latency?.p50 ?? 0) - 75) / 75).toBeLessThanOrEqual(0.01);
		expect(Math.abs((latency?.p99 ?? 0) - 90) / 90).toBeLessThanOrEqual(0.01);
	});

	it('ignores a span seen twice', () => {
		const graph = derive([...spans, ...spans.slice(0, 5)]);
		expect(graph.duplicateSpans).toBe(5);
		expect(graph.stats.spans).toBe(150);
		expect(graph.edges.find((e) => e.from === 'web')?.calls).toBe(30);
	});

	it('can be finished only once', () => {
		const deriver = createServiceGraphDeriver(window);
		deriver.finish();
		expect(() => deriver.finish()).toThrow();
		expect(() => deriver.add(spans[0] as SpanInput)).toThrow();
	});

	it('adds aggregated links as untimed edges between untimed services, summing repeats', () => {
		const deriver = createServiceGraphDeriver(window);
		deriver.addLink({ from: 'a', to: 'b', calls: 10, errors: 1 });
		deriver.addLink({ from: 'a', to: 'b', calls: 5, errors: 0 });
		const graph = deriver.finish();
		expect(graph.services.map((s) => [s.name, s.firstSeen, s.lastSeen])).toEqual([
			['a', null, null],
			['b', null, null],
		]);
		expect(graph.edges).toEqual([
			{ from: 'a', to: 'b', via: 'link', calls: 15, errors: 1, errorTraceCalls: 0, retries: 0, consumerCalls: 0, reads: 0, writes: 0, latencyMs: null, firstSeen: null, lastSeen: null },
		]);
	});

	it('counts the trace starts of each service, and a store call as a read or a write when its span says which', () => {
		const named = spans.map((s) => (s.spanId === '04' ? { ...s, access: Number.parseInt(s.traceId, 16) % 3 === 0 ? ('write' as const) : Number.parseInt(s.traceId, 16) % 3 === 1 ? ('read' as const) : undefined } : s));
		const graph = derive(named);
		expect(graph.services.map((s) => [s.name, s.rootSpans])).toEqual([
			['api', 0],
			['billing', 0],
			['postgresql:app', 0],
			['web', 30],
		]);
		const store = graph.edges.find((e) => e.to === 'postgresql:app')!;
		expect([store.calls, store.reads, store.writes]).toEqual([30, 10, 10]);
		expect(graph.edges.filter((e) => e.to !== 'postgresql:app').every((e) => e.reads === 0 && e.writes === 0)).toBe(true);
	});
});

describe('createServiceGraphDeriver with bounded memory', () => {
	const repoRoot = path.resolve(import.meta.dirname, '../..');
	const hotrod = realData('traces/otlp/hotrod_jaeger-v3-getTrace-response.otlp.json');
	const year = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') };
	const unbounded = { traceIdleSpans: Infinity, maxBufferedSpans: Infinity };

	/** Every span of the files, in the order the source reads them. */
	async function spansOf(files: string[]): Promise<SpanInput[]> {
		const all: SpanInput[] = [];
		for (const file of files) await readOtlpFile({ absolute: file, display: file }, (s) => void all.push(s));
		return all;
	}

	function deriveWith(input: SpanInput[], w: { start: Date; end: Date }, options: ServiceGraphOptions) {
		const deriver = createServiceGraphDeriver(w, options);
		for (const s of input) deriver.add(s);
		return deriver.finish();
	}

	// The graph without the memory figures, which are what differ by design.
	const graphOf = ({ stats, services, edges }: ServiceGraph) => ({ stats, services, edges });

	it('equals the unbounded join on the demo telemetry while holding a fraction of it', async () => {
		const dir = path.join(repoRoot, 'content/telemetry');
		const input = await spansOf((await readdir(dir)).sort().map((name) => path.join(dir, name)));
		expect(input.length).toBeGreaterThan(5000);
		const whole = deriveWith(input, year, unbounded);
		expect(whole.peakHeldSpans).toBe(input.length);
		expect(whole.stats.spans).toBe(input.length);
		// The demo files keep a trace's spans within ~430 spans of each other.
		for (const traceIdleSpans of [500, 2000]) {
			const bounded = deriveWith(input, year, { traceIdleSpans });
			expect(graphOf(bounded)).toEqual(graphOf(whole));
			expect(bounded.lateSpans).toBe(0);
			expect(bounded.peakHeldSpans).toBeLessThan(input.length / 2);
		}
		expect(graphOf(deriveWith(input, year, {}))).toEqual(graphOf(whole));
	});

	it('counts spans of traces joined too early honestly: late, orphaned, trace not counted twice', async () => {
		const dir = path.join(repoRoot, 'content/telemetry');
		const input = await spansOf((await readdir(dir)).sort().map((name) => path.join(dir, name)));
		const whole = deriveWith(input, year, unbounded);
		const tight = deriveWith(input, year, { traceIdleSpans: 30 });
		expect(tight.lateSpans).toBeGreaterThan(0);
		expect(tight.stats.spans).toBe(whole.stats.spans);
		expect(tight.stats.traces).toBe(whole.stats.traces);
		expect(tight.stats.orphanSpans).toBeGreaterThan(whole.stats.orphanSpans);
		const calls = (g: ServiceGraph) => g.edges.filter((e) => e.via === 'parent-child').reduce((n, e) => n + e.calls, 0);
		expect(calls(tight)).toBeLessThan(calls(whole));
		// Per-service counts do not depend on joining.
		expect(tight.services.filter((s) => s.kind === 'service').map((s) => [s.name, s.spans])).toEqual(
			whole.services.filter((s) => s.kind === 'service').map((s) => [s.name, s.spans]),
		);
	});

	it('equals the unbounded join on the real HotROD trace, and splits it only when forced to', async () => {
		const input = await spansOf([hotrod]);
		const w = { start: new Date('2026-06-21T00:00:00Z'), end: new Date('2026-06-22T00:00:00Z') };
		const whole = deriveWith(input, w, unbounded);
		expect(whole.stats.spans).toBe(input.length);
		expect(graphOf(deriveWith(input, w, {}))).toEqual(graphOf(whole));
		expect(graphOf(deriveWith(input, w, { traceIdleSpans: input.length }))).toEqual(graphOf(whole));
		const capped = deriveWith(input, w, { maxBufferedSpans: 10 });
		expect(capped.peakHeldSpans).toBeLessThanOrEqual(10);
		expect(capped.stats.traces).toBe(1);
		expect(capped.lateSpans).toBeGreaterThan(0);
		expect(capped.stats.orphanSpans).toBeGreaterThan(whole.stats.orphanSpans);
	});

	it('folds raw service names with a namer and lists them in rawNames', async () => {
		const input = await spansOf([path.resolve(import.meta.dirname, 'otlp-json/fixtures/legacy/tempo-batches.json')]);
		const w = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-02T00:00:00Z') };
		const named = deriveWith(input, w, { namer: createNamer() });
		expect(named.services.map((s) => [s.name, s.rawNames, s.spans])).toEqual([
			['cartservice', ['cartservice-579f59597d-wc2lz'], 1],
			['frontend', ['frontend-579b9bff58-t2dbm', 'frontend-579b9bff58-x8wq2'], 3],
		]);
		// Two pods of one deployment are one service: no edge between them.
		expect(named.edges.map((e) => [e.from, e.to, e.via, e.calls, e.errors])).toEqual([['frontend', 'cartservice', 'parent-child', 1, 1]]);
		const raw = deriveWith(input, w, {});
		expect(raw.services.every((s) => s.rawNames.length === 0)).toBe(true);
		expect(raw.edges).toHaveLength(2);
	});

	it('names the ends of aggregated links with the namer too', () => {
		const deriver = createServiceGraphDeriver(window, { namer: createNamer() });
		deriver.addLink({ from: 'frontend-579b9bff58-t2dbm', to: 'adservice-5f6585d649-fnmft', calls: 3, errors: 0 });
		deriver.addLink({ from: 'frontend-6b8d69b9fb-wjqdg', to: 'adservice', calls: 2, errors: 1 });
		const graph = deriver.finish();
		expect(graph.services.map((s) => [s.name, s.rawNames])).toEqual([
			['adservice', ['adservice-5f6585d649-fnmft']],
			['frontend', ['frontend-579b9bff58-t2dbm', 'frontend-6b8d69b9fb-wjqdg']],
		]);
		expect(graph.edges.map((e) => [e.from, e.to, e.calls, e.errors])).toEqual([['frontend', 'adservice', 5, 1]]);
	});
});

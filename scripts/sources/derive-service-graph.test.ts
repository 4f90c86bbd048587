import { describe, expect, it } from 'vitest';
import { createServiceGraphDeriver, SpanKind, type SpanInput } from './derive-service-graph.ts';

const UNKNOWN_COUNTING = { basis: 'unknown', ratio: null, evidence: null };

const window = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-02T00:00:00Z') };
const base = BigInt(window.start.getTime()) * 1_000_000n;

function span(traceId: string, spanId: string, parentSpanId: string | undefined, service: string, kind: SpanInput['kind'], startMs: number, endMs: number, extra: Partial<SpanInput> = {}): SpanInput {
	return {
		traceId,
		spanId,
		parentSpanId,
		service,
		serviceVersion: undefined,
		kind,
		error: false,
		startNs: base + BigInt(startMs * 1_000_000),
		endNs: base + BigInt(endMs * 1_000_000),
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
			{ from: 'a', to: 'b', via: 'link', calls: 15, errors: 1, latencyMs: null, firstSeen: null, lastSeen: null },
		]);
	});
});

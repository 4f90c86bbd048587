import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { createServiceGraphDeriver, type ServiceGraph, type SpanInput } from '../derive-service-graph.ts';
import type { FormatSink } from './telemetry-format.ts';
import { readZipkinV2Text, zipkinV2Format } from './zipkin-v2.ts';
import { onePerLine } from './test-helpers/one-per-line.ts';
import { realData } from '../../../fixtures/real-data.ts';

const zipkinDir = realData('traces/zipkin');
const fixtures = path.join(import.meta.dirname, 'fixtures');
const ZIPKIN_ERA = { start: new Date('2017-01-01T00:00:00Z'), end: new Date('2020-01-01T00:00:00Z') };
const FIXTURE_DAY = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-02T00:00:00Z') };

function sinkInto(spans: SpanInput[]): FormatSink {
	return { span: (span) => spans.push(span), link: () => expect.fail('zipkin-v2 produced a link'), warn: () => {} };
}

async function graphOf(file: string, window = FIXTURE_DAY): Promise<{ graph: ServiceGraph; spans: SpanInput[] }> {
	const spans: SpanInput[] = [];
	const result = await zipkinV2Format.read({ absolute: file, display: path.basename(file) }, sinkInto(spans));
	expect(result).toEqual({ spans: spans.length, links: 0, skipped: [] });
	const deriver = createServiceGraphDeriver(window);
	for (const span of spans) deriver.add(span);
	return { graph: deriver.finish(), spans };
}

const edgeTable = (graph: ServiceGraph) =>
	Object.fromEntries(graph.edges.map((e) => [`${e.from} -> ${e.to} (${e.via})`, { calls: e.calls, errors: e.errors }]));

type RawSpan = {
	traceId: string;
	id: string;
	parentId?: string;
	kind?: string;
	localEndpoint?: { serviceName?: string; ipv4?: string; port?: number };
	remoteEndpoint?: { serviceName?: string };
	tags?: Record<string, string>;
};

/**
 * A second, naive reading of a Zipkin file: no merging pass and no id rewriting, just lookups.
 * Kind-less spans that repeat a kinded span's id are fragments of it; a SERVER span that repeats
 * a CLIENT span's id is that call's server half; each span's caller is found by id.
 */
function naiveGraph(raw: RawSpan[]) {
	const service = (name: string | undefined) => name?.trim().toLowerCase() || 'unknown_service';
	const sameId = (s: RawSpan) => raw.filter((o) => o.traceId === s.traceId && o.id === s.id);
	const isFragment = (s: RawSpan) =>
		!s.kind && sameId(s).some((o) => o.kind && (!s.localEndpoint?.serviceName || service(o.localEndpoint?.serviceName) === service(s.localEndpoint?.serviceName)));
	const spans = raw.filter((s) => !isFragment(s));
	const error = new Set(spans.filter((s) => s.tags && 'error' in s.tags));
	for (const fragment of raw.filter(isFragment)) {
		if (!fragment.tags || !('error' in fragment.tags)) continue;
		const own = sameId(fragment).find((o) => o.kind && service(o.localEndpoint?.serviceName) === service(fragment.localEndpoint?.serviceName));
		error.add(own ?? (sameId(fragment).find((o) => o.kind && o.kind !== 'SERVER') as RawSpan));
	}
	const isServerHalf = (s: RawSpan) => s.kind === 'SERVER' && sameId(s).some((o) => o.kind === 'CLIENT');
	const topic = (s: RawSpan) => ((s.kind === 'PRODUCER' || s.kind === 'CONSUMER') && s.tags?.['kafka.topic'] ? `kafka:${s.tags['kafka.topic']}` : undefined);
	const callerOf = (s: RawSpan): RawSpan | undefined => {
		if (isServerHalf(s)) return spans.find((o) => o.traceId === s.traceId && o.id === s.id && o.kind === 'CLIENT');
		if (!s.parentId || s.parentId === s.id) return undefined;
		const candidates = spans.filter((o) => o.traceId === s.traceId && o.id === s.parentId);
		const halves = candidates.filter(isServerHalf);
		const mine = halves.filter((h) => service(h.localEndpoint?.serviceName) === service(s.localEndpoint?.serviceName));
		const sameHost = mine.find((h) => h.localEndpoint?.ipv4 === s.localEndpoint?.ipv4 && h.localEndpoint?.port === s.localEndpoint?.port);
		return sameHost ?? mine[0] ?? candidates.find((c) => !isServerHalf(c) && service(c.localEndpoint?.serviceName) === service(s.localEndpoint?.serviceName)) ?? halves[0] ?? candidates[0];
	};

	const edges: Record<string, { calls: number; errors: number }> = {};
	const count = (key: string, failed: boolean) => {
		edges[key] ??= { calls: 0, errors: 0 };
		edges[key].calls++;
		if (failed) edges[key].errors++;
	};
	const names = new Set(spans.map((s) => service(s.localEndpoint?.serviceName)));
	const answered = new Set<RawSpan>();
	for (const s of spans) {
		const queue = topic(s);
		if (queue) {
			names.add(queue);
			count(`${service(s.localEndpoint?.serviceName)} -> ${queue} (messaging)`, error.has(s));
		}
		const caller = callerOf(s);
		if (!caller || service(caller.localEndpoint?.serviceName) === service(s.localEndpoint?.serviceName)) continue;
		if ((caller.kind === 'PRODUCER' && topic(caller)) || (s.kind === 'CONSUMER' && topic(s))) continue;
		answered.add(caller);
		const callerTimed = caller.kind === 'CLIENT' || caller.kind === 'PRODUCER';
		count(`${service(caller.localEndpoint?.serviceName)} -> ${service(s.localEndpoint?.serviceName)} (parent-child)`, error.has(s) || (callerTimed && error.has(caller)));
	}
	for (const s of spans) {
		if (answered.has(s) || topic(s) || (s.kind !== 'CLIENT' && s.kind !== 'PRODUCER') || !s.remoteEndpoint?.serviceName) continue;
		const peer = service(s.remoteEndpoint.serviceName);
		if (peer === service(s.localEndpoint?.serviceName)) continue;
		names.add(peer);
		count(`${service(s.localEndpoint?.serviceName)} -> ${peer} (peer)`, error.has(s));
	}
	return { spans: spans.length, services: [...names].sort(), edges };
}

describe('zipkin-v2 format on real Zipkin traces', () => {
	const files = readdirSync(zipkinDir).filter((name) => name.endsWith('.json')).sort();

	it('finds the six files of the real data set', () => {
		expect(files).toEqual([
			'ascend.json',
			'messaging-kafka.json',
			'netflix.json',
			'smartthings-mobile-web-install.json',
			'smartthings-oauth-authorization.json',
			'yelp.json',
		]);
	});

	it.each(files)('%s: agrees with a naive reading of the same JSON', async (name) => {
		const file = path.join(zipkinDir, name);
		const head = readFileSync(file, 'utf8').slice(0, 65536);
		expect(zipkinV2Format.sniff(head, { absolute: file, display: name })).toBe(true);
		const { graph } = await graphOf(file, ZIPKIN_ERA);
		const expected = naiveGraph(JSON.parse(readFileSync(file, 'utf8')) as RawSpan[]);
		expect(graph.services.map((s) => s.name)).toEqual(expected.services);
		expect(edgeTable(graph)).toEqual(expected.edges);
		expect(graph.stats.spans).toBe(expected.spans);
		expect(graph.stats.spansOutsideWindow).toBe(0);
		expect(graph.stats.orphanSpans).toBe(0);
		expect(graph.duplicateSpans).toBe(0);
	});

	it('ascend.json: three services, the gateway calling the other two once each (read by hand)', async () => {
		const { graph } = await graphOf(path.join(zipkinDir, 'ascend.json'), ZIPKIN_ERA);
		expect(graph.services.map((s) => [s.name, s.kind, s.spans])).toEqual([
			['auth-service', 'service', 2],
			['content-service', 'service', 3],
			['mobile-gateway', 'service', 3],
		]);
		expect(edgeTable(graph)).toEqual({
			'mobile-gateway -> auth-service (parent-child)': { calls: 1, errors: 0 },
			'mobile-gateway -> content-service (parent-child)': { calls: 1, errors: 0 },
		});
		// The call is timed by the client span: 20,333 µs.
		const call = graph.edges.find((e) => e.to === 'content-service');
		expect(call?.latencyMs?.p50).toBeCloseTo(20.333, 1);
		expect(call?.firstSeen).toBe('2018-07-11T04:08:08.548Z');
	});

	it('netflix.json: fragments without a service merge into their span instead of becoming unknown_service', async () => {
		const { graph } = await graphOf(path.join(zipkinDir, 'netflix.json'), ZIPKIN_ERA);
		expect(graph.services.map((s) => s.name)).toEqual(['api', 'apip', 'evcache_g', 'session_logs']);
		expect(graph.stats.spans).toBe(6);
	});

	it('smartthings: one 5-way fan-out of a shared span id counts five calls, and names are lower-cased', async () => {
		const { graph } = await graphOf(path.join(zipkinDir, 'smartthings-mobile-web-install.json'), ZIPKIN_ERA);
		expect(edgeTable(graph)['bouncer -> pusher (parent-child)']).toEqual({ calls: 5, errors: 0 });
		expect(graph.services.map((s) => s.name)).toContain('stlogin');
		expect(graph.services.map((s) => s.name)).not.toContain('stLogin');
	});

	it('a window that misses the trace counts its spans as outside', async () => {
		const { graph } = await graphOf(path.join(zipkinDir, 'yelp.json'), FIXTURE_DAY);
		expect(graph.stats).toMatchObject({ spans: 0, spansOutsideWindow: 16 });
		expect(graph.edges).toEqual([]);
	});
});

describe('zipkin-v2 format on fixtures', () => {
	it('makes the shared server half a child of the client, one per server instance', async () => {
		const { graph, spans } = await graphOf(path.join(fixtures, 'zipkin-shared.json'));
		expect(edgeTable(graph)).toEqual({
			'backend -> postgresql:orders (database)': { calls: 1, errors: 0 },
			// Two server instances answered the one client span; the kind-less fragment's error tag belongs to the first.
			'frontend -> backend (parent-child)': { calls: 2, errors: 1 },
			// No `shared` flag: still the server half, so a parent/child call and no peer edge.
			'gateway -> legacy (parent-child)': { calls: 1, errors: 0 },
		});
		expect(graph.stats).toMatchObject({ spans: 7, traces: 2, orphanSpans: 0 });
		const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
		expect(spans.filter((s) => s.traceId === trace).map((s) => [s.service, s.spanId, s.parentSpanId])).toEqual([
			['frontend', '0000000000000001', undefined],
			['frontend', '0000000000000002', '0000000000000001'],
			['backend', '00000000000000020000000000000001', '0000000000000002'],
			['backend', '00000000000000020000000000000002', '0000000000000002'],
			// The database client ran on 10.0.0.2, so it hangs under that server instance.
			['backend', '0000000000000003', '00000000000000020000000000000002'],
		]);
		const frontendCall = graph.edges.find((e) => e.from === 'frontend');
		// Timed by the client span (50 ms), both times.
		expect(frontendCall?.latencyMs?.p50).toBeCloseTo(50, 0);
	});

	it('keeps spans without a service name under unknown_service and places untimed spans at their trace start', async () => {
		const { graph, spans } = await graphOf(path.join(fixtures, 'zipkin-missing-service.json'));
		expect(graph.services.map((s) => [s.name, s.spans])).toEqual([
			['billing', 2],
			['unknown_service', 2],
		]);
		expect(edgeTable(graph)).toEqual({
			'billing -> unknown_service (parent-child)': { calls: 1, errors: 0 },
			'unknown_service -> billing (parent-child)': { calls: 1, errors: 0 },
		});
		// The trace with no timestamp at all cannot be placed in any window.
		expect(graph.stats).toMatchObject({ spans: 4, spansOutsideWindow: 2, orphanSpans: 0 });
		const untimed = spans.find((s) => s.spanId === '0000000000000004');
		expect(untimed).toMatchObject({ startMs: 1767261600000, endMs: 0 });
		expect(untimed?.durationMs).toBeLessThan(0);
	});

	it('counts the error tag whatever its value, and not HTTP status codes', async () => {
		const { graph } = await graphOf(path.join(fixtures, 'zipkin-errors.json'));
		expect(edgeTable(graph)).toEqual({ 'api -> payments (peer)': { calls: 2, errors: 1 } });
		expect(graph.services.find((s) => s.name === 'payments')?.kind).toBe('external');
	});

	it('reports invalid JSON with file, line and column', async () => {
		const error = await zipkinV2Format
			.read({ absolute: path.join(fixtures, 'zipkin-bad-json.json'), display: 'telemetry/bad.json' }, sinkInto([]))
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(HalflifeError);
		expect(error).toMatchObject({ name: 'TelemetryMalformed', location: { file: 'telemetry/bad.json', line: 5, column: 5 } });
		expect((error as Error).message).toContain('line 5, column 5');
	});

	it('says what it expected when given an object', async () => {
		const error = (await zipkinV2Format
			.read({ absolute: path.join(fixtures, 'zipkin-object.json'), display: 'spans.json' }, sinkInto([]))
			.catch((e: unknown) => e)) as HalflifeError;
		expect(error.name).toBe('TelemetryMalformed');
		expect(error.location).toEqual({ file: 'spans.json' });
		expect(error.message).toBe(
			'spans.json: expected Zipkin v2 JSON: an array of spans, or an array of traces (arrays of spans) as /api/v2/traces returns, found an object with keys "spans".',
		);
	});

	it('skips a span with a bad id, naming its path and line, and reads the rest', async () => {
		const spans: SpanInput[] = [];
		const result = await zipkinV2Format.read({ absolute: path.join(fixtures, 'zipkin-bad-id.json'), display: 'ids.json' }, sinkInto(spans));
		expect(spans.map((s) => s.spanId)).toEqual(['0000000000000001']);
		expect(result.skipped).toEqual([{ reason: 'span-id', count: 1, line: 1, detail: '[0][1].id must be 16 hex digits, not all zeros, found "not-hex"', at: [0, 1] }]);
	});

	it('reads a real trace with planted invalid spans as the same trace without them', async () => {
		const raw = JSON.parse(readFileSync(path.join(zipkinDir, 'smartthings-oauth-authorization.json'), 'utf8')) as RawSpan[];
		expect(raw.length).toBeGreaterThan(20);
		const bad = new Map<number, Record<string, unknown>>([
			[3, { traceId: '0000000000000000' }],
			[9, { id: undefined }],
			[12, { timestamp: 'yesterday' }],
			[15, { parentId: 'not a parent' }],
		]);
		const planted = raw.map((span, i) => (bad.has(i) ? { ...span, ...bad.get(i) } : span));
		// Span i is on line i + 2.
		const text = onePerLine(planted);
		const spans: SpanInput[] = [];
		const result = readZipkinV2Text(text, 'oauth.json', sinkInto(spans));
		expect(result.skipped.map(({ reason, count, line }) => [reason, count, line])).toEqual([
			['trace-id', 1, 5],
			['span-id', 1, 11],
			['time', 1, 14],
			['parent-id', 1, 17],
		]);
		expect(result.skipped[0]!.detail).toBe('[3].traceId must be 16 or 32 hex digits, not all zeros, found "0000000000000000"');
		const without: SpanInput[] = [];
		readZipkinV2Text(JSON.stringify(raw.filter((_, i) => !bad.has(i))), 'clean.json', sinkInto(without));
		expect(spans).toEqual(without);
	});

	it('refuses a document most of whose spans are invalid, and delivers nothing from it', () => {
		const raw = JSON.parse(readFileSync(path.join(zipkinDir, 'ascend.json'), 'utf8')) as RawSpan[];
		const zeroed = raw.map((span, i) => (i % 4 === 3 ? span : { ...span, traceId: '0'.repeat(32) }));
		const spans: SpanInput[] = [];
		expect(() => readZipkinV2Text(JSON.stringify(zeroed), 'zeros.json', sinkInto(spans))).toThrow(
			expect.objectContaining({ name: 'TelemetryMalformed', message: expect.stringMatching(/^zeros\.json: \d+ of its 8 records are invalid, more than half/) }),
		);
		expect(spans).toEqual([]);
	});

	it('reads the same spans from text as from the file', async () => {
		const file = path.join(fixtures, 'zipkin-shared.json');
		const fromText: SpanInput[] = [];
		readZipkinV2Text(readFileSync(file, 'utf8'), 'http://zipkin/api/v2/traces', sinkInto(fromText));
		expect(fromText).toEqual((await graphOf(file)).spans);
	});
});

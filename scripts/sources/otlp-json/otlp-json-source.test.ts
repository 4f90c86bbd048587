import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { snapshotSchema, type SourceContext, type TelemetrySnapshot } from '../snapshot.ts';
import { otlpJsonSource, type OtlpJsonOptions } from './otlp-json-source.ts';
import { REAL_DATA } from '../../../fixtures/real-data.ts';

const UNKNOWN_COUNTING = { basis: 'unknown', ratio: null, evidence: null };

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const realdata = REAL_DATA;
const hotrodFile = path.join(realdata, 'traces/otlp/hotrod_jaeger-v3-getTrace-response.otlp.json');
const exampleFile = path.join(realdata, 'schemas/otlp_example_trace.json');
const fixtures = path.join(import.meta.dirname, 'fixtures');

const DAY = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-02T00:00:00Z') };
/** The fixtures' traces start at this instant; times below are offsets from it. */
const T0 = Date.parse('2026-01-01T10:00:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

function context(contentDir: string, window = DAY) {
	const messages = { info: [] as string[], warn: [] as string[] };
	const ctx: SourceContext = {
		contentDir,
		now: new Date('2026-01-03T00:00:00Z'),
		window,
		logger: { info: (m) => messages.info.push(m), warn: (m) => messages.warn.push(m) },
	};
	return { ctx, messages };
}

async function load(contentDir: string, options: OtlpJsonOptions = {}, window = DAY): Promise<TelemetrySnapshot> {
	const snapshot = await otlpJsonSource(options).load(context(contentDir, window).ctx);
	// Every snapshot the source returns must match the shared contract.
	return snapshotSchema.parse(snapshot);
}

async function loadError(contentDir: string, options: OtlpJsonOptions = {}): Promise<HalflifeError> {
	const error = await otlpJsonSource(options)
		.load(context(contentDir).ctx)
		.then(
			() => undefined,
			(e: unknown) => e,
		);
	expect(error).toBeInstanceOf(HalflifeError);
	return error as HalflifeError;
}

const edge = (snapshot: TelemetrySnapshot, from: string, to: string, via = 'parent-child') =>
	snapshot.edges.find((e) => e.from === from && e.to === to && e.via === via);

const isSorted = (keys: string[]) => keys.every((key, i) => i === 0 || (keys[i - 1] as string) <= key);

describe('otlp-json source on real data', () => {
	it('derives the HotROD service graph (Jaeger v2 API response)', async () => {
		const window = { start: new Date('2026-06-21T00:00:00Z'), end: new Date('2026-06-22T00:00:00Z') };
		// A file outside the content folder is named by its absolute path.
		const snapshot = await load(path.join(repoRoot, 'content'), { paths: [hotrodFile] }, window);

		// An independent, naive reading of the same file: spanId → service, then count each
		// child whose parent belongs to another service, timed by a client parent when there is one.
		const json = JSON.parse(await readFile(hotrodFile, 'utf8'));
		type RawSpan = {
			traceId: string;
			spanId: string;
			parentSpanId?: string;
			kind: number;
			status?: { code?: number };
			startTimeUnixNano: string;
			endTimeUnixNano: string;
		};
		const spans: { service: string; span: RawSpan }[] = [];
		for (const resourceSpans of json.result.resourceSpans) {
			const service = resourceSpans.resource.attributes.find((a: { key: string }) => a.key === 'service.name').value.stringValue;
			for (const scope of resourceSpans.scopeSpans) for (const span of scope.spans) spans.push({ service, span });
		}
		const byId = new Map(spans.map((s) => [s.span.spanId, s]));
		const durationMs = (span: RawSpan) => Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1e6;
		const expectedEdges = new Map<string, { calls: number; errors: number }>();
		const expectedDurations = new Map<string, number[]>();
		for (const { service, span } of spans) {
			const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
			if (!parent || parent.service === service) continue;
			const key = `${parent.service} -> ${service}`;
			const counts = expectedEdges.get(key) ?? { calls: 0, errors: 0 };
			counts.calls++;
			if (span.status?.code === 2 || (parent.span.kind === 3 && parent.span.status?.code === 2)) counts.errors++;
			expectedEdges.set(key, counts);
			const durations = expectedDurations.get(key) ?? [];
			durations.push(durationMs(parent.span.kind === 3 ? parent.span : span));
			expectedDurations.set(key, durations);
		}
		const spansPerService = new Map<string, number>();
		for (const { service } of spans) spansPerService.set(service, (spansPerService.get(service) ?? 0) + 1);

		expect(snapshot.services.map((s) => s.name)).toEqual(['customer', 'driver', 'frontend', 'mysql', 'redis-manual', 'route']);
		expect(new Map(snapshot.services.map((s) => [s.name, s.spans]))).toEqual(spansPerService);
		expect(snapshot.services.every((s) => s.kind === 'service')).toBe(true);
		expect(new Map(snapshot.edges.map((e) => [`${e.from} -> ${e.to}`, { calls: e.calls, errors: e.errors }]))).toEqual(
			expectedEdges,
		);
		expect(snapshot.edges.every((e) => e.via === 'parent-child')).toBe(true);
		expect(expectedEdges.size).toBeGreaterThan(3);
		expect(snapshot.stats).toEqual({
			counting: UNKNOWN_COUNTING,
			spans: spans.length,
			traces: new Set(spans.map((s) => s.span.traceId)).size,
			spansOutsideWindow: 0,
			orphanSpans: spans.filter((s) => s.span.parentSpanId && !byId.has(s.span.parentSpanId)).length,
		});
		expect(snapshot.source).toMatchObject({ name: 'otlp-json', inputs: [{ path: hotrodFile, format: 'otlp-json', spans: spans.length }] });

		// Latency percentiles: within 1% of the exact nearest-rank values (plus µs rounding).
		for (const e of snapshot.edges) {
			const sorted = (expectedDurations.get(`${e.from} -> ${e.to}`) ?? []).sort((a, b) => a - b);
			for (const [q, estimate] of [[0.5, e.latencyMs?.p50], [0.95, e.latencyMs?.p95], [0.99, e.latencyMs?.p99]] as const) {
				const exact = sorted[Math.ceil(q * sorted.length) - 1] as number;
				expect(Math.abs((estimate ?? 0) - exact) / exact, `${e.from} -> ${e.to} p${q * 100}`).toBeLessThanOrEqual(0.0101);
			}
		}
		expect(snapshot.pulledAt).toBe('2026-01-03T00:00:00.000Z');
		expect(snapshot.window).toEqual({ start: '2026-06-21T00:00:00.000Z', end: '2026-06-22T00:00:00.000Z' });
	});

	it('counts HotROD as outside a window that does not contain it', async () => {
		const snapshot = await load(repoRoot, { paths: [hotrodFile] }, DAY);
		expect(snapshot.stats).toEqual({ spans: 0, traces: 0, spansOutsideWindow: 40, orphanSpans: 0, counting: UNKNOWN_COUNTING });
		expect(snapshot.services).toEqual([]);
		expect(snapshot.edges).toEqual([]);
	});

	it('reads the official OTLP/JSON example (upper-case ids, parent not in the file)', async () => {
		const window = { start: new Date('2018-12-13T00:00:00Z'), end: new Date('2018-12-14T00:00:00Z') };
		const snapshot = await load(repoRoot, { paths: [exampleFile] }, window);
		expect(snapshot.stats).toEqual({ spans: 1, traces: 1, spansOutsideWindow: 0, orphanSpans: 1, counting: UNKNOWN_COUNTING });
		expect(snapshot.services).toEqual([
			{
				name: 'my.service',
				rawNames: [],
				kind: 'service',
				spans: 1,
				firstSeen: '2018-12-13T14:51:00.000Z',
				lastSeen: '2018-12-13T14:51:01.000Z',
				versions: [],
				instances: 0,
				// Its parent is not in the file: no trace starts here.
				rootSpans: 0,
			},
		]);
		expect(snapshot.edges).toEqual([]);
	});
});

describe('otlp-json source on fixtures', () => {
	it('joins spans across JSON lines and resources, with errors, versions and latencies', async () => {
		const { ctx, messages } = context(path.join(fixtures, 'lines'));
		const snapshot = snapshotSchema.parse(await otlpJsonSource().load(ctx));
		expect(snapshot.source.inputs).toEqual([{ path: 'telemetry/traces.jsonl', format: 'otlp-json', spans: 12, spanStarts: { first: at(0), last: at(312) } }]);
		expect(snapshot.stats).toEqual({ spans: 12, traces: 3, spansOutsideWindow: 0, orphanSpans: 0, counting: UNKNOWN_COUNTING });
		expect(snapshot.services).toEqual([
			{ name: 'checkout', rawNames: [], kind: 'service', spans: 4, firstSeen: at(12), lastSeen: at(338), versions: ['2.0.0', '2.1.0'], instances: 0, rootSpans: 0 },
			{ name: 'frontend', rawNames: [], kind: 'service', spans: 6, firstSeen: at(0), lastSeen: at(400), versions: ['1.2.0'], instances: 0, rootSpans: 3 },
			{ name: 'payments', rawNames: [], kind: 'service', spans: 2, firstSeen: at(25), lastSeen: at(215), versions: [], instances: 0, rootSpans: 0 },
		]);
		expect(snapshot.edges.map((e) => [e.from, e.to, e.via, e.calls, e.errors])).toEqual([
			// Client parent failed once (string status), server child failed once (numeric status).
			['checkout', 'payments', 'parent-child', 2, 0],
			['frontend', 'checkout', 'parent-child', 3, 2],
		]);
		// frontend → checkout is timed by the CLIENT spans (50, 45, 30 ms), not the server spans.
		const checkout = edge(snapshot, 'frontend', 'checkout');
		expect(checkout?.latencyMs?.p50).toBeCloseTo(45, 0);
		expect(Math.abs((checkout?.latencyMs?.p99 ?? 0) - 50) / 50).toBeLessThanOrEqual(0.01);
		expect([checkout?.firstSeen, checkout?.lastSeen]).toEqual([at(10), at(340)]);
		// checkout → payments has SERVER parents, so it is timed by the children (20 and 10 ms);
		// the failed server parent of the second call does not make it an error.
		const payments = edge(snapshot, 'checkout', 'payments');
		expect(Math.abs((payments?.latencyMs?.p50 ?? 0) - 10) / 10).toBeLessThanOrEqual(0.01);
		expect(Math.abs((payments?.latencyMs?.p95 ?? 0) - 20) / 20).toBeLessThanOrEqual(0.01);
		expect(messages.warn.join('\n')).toMatch(/skipped 1 line\(s\) of metrics/);
	});

	it('reads gzip by its magic bytes, whatever the file is called', async () => {
		const snapshot = await load(path.join(fixtures, 'gzip'), { paths: ['telemetry/*.gz', 'telemetry/*.json'] });
		expect(snapshot.source.inputs).toMatchObject([
			{ path: 'telemetry/batch.json', format: 'otlp-json', spans: 1 },
			{ path: 'telemetry/traces.jsonl.gz', format: 'otlp-json', spans: 2 },
		]);
		expect(snapshot.services.map((s) => [s.name, s.kind, s.spans, s.versions])).toEqual([
			['api', 'service', 2, []],
			['postgresql:inventory', 'database', 0, []],
			['web', 'service', 1, ['3']],
		]);
		expect(snapshot.edges.map((e) => [e.from, e.to, e.via, e.calls])).toEqual([
			['api', 'postgresql:inventory', 'database', 1],
			['web', 'api', 'parent-child', 1],
		]);
	});

	it('infers databases, queues and peers that emit no spans of their own', async () => {
		const snapshot = await load(path.join(fixtures, 'callees'));
		expect(snapshot.services.map((s) => [s.name, s.kind, s.spans])).toEqual([
			['api.stripe.com', 'external', 0],
			['inventory', 'service', 1],
			['kafka:order-events', 'queue', 0],
			['kafka:shipments', 'queue', 0],
			['legacy-host', 'external', 0],
			['mysql:mysql.internal', 'database', 0],
			['orders', 'service', 18],
			['payments-api', 'external', 0],
			['postgresql:orders', 'database', 0],
			['rabbitmq:invoices', 'queue', 0],
			['redis:0', 'database', 0],
			['search', 'external', 0],
			['shipping', 'service', 1],
		]);
		expect(snapshot.edges.map((e) => [e.from, e.to, e.via, e.calls, e.errors])).toEqual([
			['orders', 'api.stripe.com', 'peer', 1, 0],
			// A client span answered by an instrumented server is a parent/child call, not a database call.
			['orders', 'inventory', 'parent-child', 1, 0],
			// A peer call to an instrumented service whose span is missing still counts, under `peer`.
			['orders', 'inventory', 'peer', 1, 0],
			['orders', 'kafka:order-events', 'messaging', 1, 0],
			// A PRODUCER answered by a CONSUMER in another service goes through its topic, timed by
			// the producer (5 ms): the producer depends on the topic, not on who consumes it.
			['orders', 'kafka:shipments', 'messaging', 1, 0],
			['orders', 'legacy-host', 'peer', 1, 0],
			['orders', 'mysql:mysql.internal', 'database', 1, 0],
			['orders', 'payments-api', 'peer', 1, 0],
			// Legacy (db.system, db.name) and current (db.system.name, db.namespace) names meet in one node.
			['orders', 'postgresql:orders', 'database', 2, 1],
			['orders', 'rabbitmq:invoices', 'messaging', 1, 0],
			['orders', 'redis:0', 'database', 1, 0],
			// A client span whose only child is in its own service still called something outside.
			['orders', 'search', 'peer', 1, 0],
			// The consumer depends on the topic too, even when only the producer names it; timed by the consumer (20 ms).
			['shipping', 'kafka:shipments', 'messaging', 1, 0],
		]);
		expect(edge(snapshot, 'orders', 'kafka:shipments', 'messaging')?.latencyMs?.p50).toBeCloseTo(5, 1);
		expect(edge(snapshot, 'shipping', 'kafka:shipments', 'messaging')?.latencyMs?.p50).toBeCloseTo(20, 1);
		expect(snapshot.services.find((s) => s.name === 'postgresql:orders')).toMatchObject({ firstSeen: at(10), lastSeen: at(25) });
		// Not edges: a SERVER span's peer.service, an INTERNAL span's db.system, a client without
		// callee attributes, and a client naming its own service.
		const names = snapshot.services.map((s) => s.name);
		for (const absent of ['ignored-peer', 'sqlite:cache', 'postgresql:inventorydb']) expect(names).not.toContain(absent);
		expect(snapshot.edges.some((e) => e.to === 'orders')).toBe(false);
		expect(isSorted(snapshot.edges.map((e) => `${e.from}\u0000${e.to}\u0000${e.via}`))).toBe(true);
	});

	it('counts spans whose parent never appears as orphans (single JSON document)', async () => {
		const snapshot = await load(path.join(fixtures, 'orphans'));
		expect(snapshot.stats).toEqual({ spans: 5, traces: 2, spansOutsideWindow: 0, orphanSpans: 2, counting: UNKNOWN_COUNTING });
		// An orphan client span still tells who it called.
		expect(snapshot.edges.map((e) => [e.from, e.to, e.via])).toEqual([['cart', 'redis', 'peer']]);
	});

	it('counts only spans that start inside [start, end)', async () => {
		const snapshot = await load(path.join(fixtures, 'window'));
		expect(snapshot.stats).toEqual({ spans: 5, traces: 3, spansOutsideWindow: 4, orphanSpans: 1, counting: UNKNOWN_COUNTING });
		expect(snapshot.services.map((s) => [s.name, s.kind, s.spans, s.firstSeen, s.lastSeen])).toEqual([
			// Starts at the window start (kept) to 1 ns before its end (kept), which ends 5 ms later.
			['clock', 'service', 4, '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.004Z'],
			// Its parent started 1 ns before the window: outside, so this span is an orphan, and no edge.
			['late', 'service', 1, '2026-01-01T00:00:00.001Z', '2026-01-01T00:00:00.003Z'],
			['ntp', 'external', 0, '2026-01-01T00:00:00.010Z', '2026-01-01T00:00:00.010Z'],
		]);
		// The call ends before it starts: counted, but with no usable latency.
		expect(snapshot.edges).toEqual([
			{
				from: 'clock',
				to: 'ntp',
				via: 'peer',
				calls: 1,
				errors: 0,
				errorTraceCalls: 0,
				retries: 0,
				consumerCalls: 0,
				reads: 0,
				writes: 0,
				latencyMs: null,
				firstSeen: '2026-01-01T00:00:00.010Z',
				lastSeen: '2026-01-01T00:00:00.010Z',
			},
		]);
	});

	it('keeps spans without service.name as unknown_service', async () => {
		const snapshot = await load(path.join(fixtures, 'unknown-service'));
		expect(snapshot.stats.spans).toBe(4);
		expect(snapshot.services.map((s) => [s.name, s.spans, s.versions])).toEqual([
			['gateway', 1, []],
			['unknown_service', 3, ['0.9']],
		]);
		expect(snapshot.edges.map((e) => [e.from, e.to, e.calls])).toEqual([['gateway', 'unknown_service', 1]]);
	});

	it('gives the same snapshot whatever the order of its inputs', async () => {
		const dirs = ['lines', 'callees', 'window'].map((d) => path.join(fixtures, d, 'telemetry/*.jsonl'));
		const forward = await load(repoRoot, { paths: dirs });
		const backward = await load(repoRoot, { paths: [...dirs].reverse() });
		expect(backward).toEqual(forward);
		expect(forward.source.inputs.reduce((sum, input) => sum + input.spans, 0)).toBe(forward.stats.spans);
	});
});

describe('otlp-json source errors', () => {
	const malformed = path.join(fixtures, 'malformed');

	it('names the file, line and column of a line that is not JSON', async () => {
		const error = await loadError(malformed, { paths: ['bad-json.jsonl'] });
		const line = (await readFile(path.join(malformed, 'bad-json.jsonl'), 'utf8')).split('\n')[2] as string;
		expect(error.name).toBe('TelemetryMalformed');
		expect(error.location).toEqual({ file: 'bad-json.jsonl', line: 3, column: line.indexOf('}') + 1 });
		expect(error.message).toBe(`Line 3 is not valid JSON at column ${line.indexOf('}') + 1}: unexpected character "}", expected a value.`);
	});

	it('reports a truncated last line', async () => {
		const error = await loadError(malformed, { paths: ['truncated.jsonl'] });
		const line = (await readFile(path.join(malformed, 'truncated.jsonl'), 'utf8')).split('\n')[1] as string;
		expect(error.location).toEqual({ file: 'truncated.jsonl', line: 2, column: line.length + 1 });
		expect(error.message).toMatch(/^Line 2 is not valid JSON at column \d+: unexpected end of input/);
	});

	it('reports a line without resourceSpans', async () => {
		const error = await loadError(malformed, { paths: ['no-resource-spans.jsonl'] });
		expect(error.location).toEqual({ file: 'no-resource-spans.jsonl', line: 2, column: undefined });
		expect(error.message).toBe('Line 2: missing `resourceSpans`: expected an OTLP ExportTraceServiceRequest.');
	});

	it('skips a span with a bad trace id, naming its line and path, and reads the rest', async () => {
		const snapshot = await load(malformed, { paths: ['bad-trace-id.jsonl'] });
		expect(snapshot.stats.spans).toBe(1);
		expect(snapshot.source.inputs[0]!.skipped).toEqual([
			{ reason: 'trace-id', count: 1, line: 2, detail: 'resourceSpans[0].scopeSpans[0].spans[0].traceId must be 32 hex digits, found "not-a-trace-id"' },
		]);
	});

	it('refuses a file most of whose spans are invalid, naming the first', async () => {
		const error = await loadError(malformed, { paths: ['mostly-zero-ids.jsonl'] });
		expect(error).toMatchObject({ name: 'TelemetryMalformed', location: { file: 'mostly-zero-ids.jsonl', line: 1 } });
		expect(error.message).toBe(
			'mostly-zero-ids.jsonl: 2 of its 3 records are invalid, more than half, so it is not read: a wrong or damaged export rather than a few bad records. The first: resourceSpans[0].scopeSpans[0].spans[0].traceId is all zeros.',
		);
	});

	it('reports the line and column of a syntax error in a pretty-printed document', async () => {
		const error = await loadError(malformed, { paths: ['bad-document.json'] });
		expect(error.location).toEqual({ file: 'bad-document.json', line: 5, column: 7 });
		expect(error.message).toBe("Not valid JSON at line 5, column 7: unexpected character \"\\\"\", expected ',' or '}'.");
	});

	it('reports corrupt gzip as malformed input', async () => {
		const error = await loadError(malformed, { paths: ['truncated.jsonl.gz'] });
		expect(error.name).toBe('TelemetryMalformed');
		expect(error.location).toEqual({ file: 'truncated.jsonl.gz', line: undefined, column: undefined });
		expect(error.message).toMatch(/^The gzip data is corrupt or truncated after line 1 /);
	});

	it('fails with TelemetryNotFound when nothing matches', async () => {
		const error = await loadError(fixtures);
		expect(error.name).toBe('TelemetryNotFound');
		expect(error.message).toContain('`telemetry/**/*.jsonl` or `telemetry/**/*.json`');
	});

	it('rejects unknown or empty options as ConfigInvalid', () => {
		expect(() => otlpJsonSource({ paths: [] })).toThrow(HalflifeError);
		expect(() => otlpJsonSource({ path: ['x'] } as OtlpJsonOptions)).toThrow(/Unrecognized key/);
	});
});

describe('otlp-json source with invalid spans in real files', () => {
	type Line = { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };

	/** Writes `files` into a fresh folder, loads them all, and removes the folder. */
	async function loadWritten(files: Record<string, string>, window: { start: Date; end: Date }) {
		const dir = await mkdtemp(path.join(tmpdir(), 'halflife-otlp-invalid-'));
		try {
			for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
			return await load(dir, { paths: Object.keys(files) }, window);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}
	const week = { start: new Date('2026-11-16T00:00:00Z'), end: new Date('2026-11-23T00:00:00Z') };
	const withoutInputs = (snapshot: TelemetrySnapshot) => ({ ...snapshot, source: undefined });

	it('skips one all-zero trace id in a Collector file, reports its line, and reads the file as if that span were not there', async () => {
		const lines = (await readFile(path.join(repoRoot, 'content/telemetry/2026-11-16.otlp.jsonl'), 'utf8')).trimEnd().split('\n');
		const third = JSON.parse(lines[2]!) as Line;
		const spans = third.resourceSpans[2]!.scopeSpans[0]!.spans;
		const victim = spans[7]!;
		const planted = lines.map((line, i) => (i === 2 ? line.replace(`"traceId":"${victim.traceId as string}","spanId":"${victim.spanId as string}"`, `"traceId":"${'0'.repeat(32)}","spanId":"${victim.spanId as string}"`) : line));
		expect(planted[2]).not.toBe(lines[2]);
		spans.splice(7, 1);
		const removed = lines.map((line, i) => (i === 2 ? JSON.stringify(third) : line));

		const read = await loadWritten({ 'planted.jsonl': `${planted.join('\n')}\n` }, week);
		expect(read.source.inputs[0]!.skipped).toEqual([
			{ reason: 'trace-id', count: 1, line: 3, detail: 'resourceSpans[2].scopeSpans[0].spans[7].traceId is all zeros' },
		]);
		expect(read.stats.spans).toBeGreaterThan(1000);
		expect(withoutInputs(read)).toEqual(withoutInputs(await loadWritten({ 'removed.jsonl': `${removed.join('\n')}\n` }, week)));
	});

	it('skips a span without a name and one with an unreadable time in the real HotROD document, naming their lines', async () => {
		const text = await readFile(hotrodFile, 'utf8');
		const doc = JSON.parse(text) as { result: Line };
		const spans = doc.result.resourceSpans[0]!.scopeSpans[0]!.spans;
		delete spans[0]!.name;
		spans[1]!.startTimeUnixNano = 'soon';
		// Pretty-printed as the original is: line numbers are where each span object starts.
		const planted = JSON.stringify(doc, null, 2);
		const read = await loadWritten({ 'hotrod.json': planted }, { start: new Date('2026-06-21T00:00:00Z'), end: new Date('2026-06-22T00:00:00Z') });
		// The line a span's object opens on: the nearest `{` above its span id.
		const lines = planted.split('\n');
		const lineOf = (span: Record<string, unknown>) => {
			let i = lines.findIndex((line) => line.includes(`"spanId": "${span.spanId as string}"`));
			while (!lines[i]!.trimEnd().endsWith('{')) i--;
			return i + 1;
		};
		expect(read.source.inputs[0]!.skipped).toEqual([
			{ reason: 'name', count: 1, line: lineOf(spans[0]!), detail: 'result.resourceSpans[0].scopeSpans[0].spans[0].name is missing: OTLP requires every span to have one' },
			{ reason: 'time', count: 1, line: lineOf(spans[1]!), detail: 'result.resourceSpans[0].scopeSpans[0].spans[1].startTimeUnixNano must be a non-negative integer of nanoseconds, found "soon"' },
		]);
		spans.splice(0, 2);
		const removed = await loadWritten({ 'hotrod.json': JSON.stringify(doc) }, { start: new Date('2026-06-21T00:00:00Z'), end: new Date('2026-06-22T00:00:00Z') });
		expect(withoutInputs(read)).toEqual(withoutInputs(removed));
	});
});

describe('otlp-json source options for naming and memory', () => {
	const legacyDir = path.join(fixtures, 'legacy');

	it('folds pod names by default, records them as rawNames, and can be told not to', async () => {
		const snapshot = await load(legacyDir, { paths: ['tempo-batches.json'] });
		expect(snapshot.services.map((s) => [s.name, s.rawNames])).toEqual([
			['cartservice', ['cartservice-579f59597d-wc2lz']],
			['frontend', ['frontend-579b9bff58-t2dbm', 'frontend-579b9bff58-x8wq2']],
		]);
		const raw = await load(legacyDir, { paths: ['tempo-batches.json'], naming: { builtins: [] } });
		expect(raw.services.map((s) => s.name)).toEqual(['cartservice-579f59597d-wc2lz', 'frontend-579b9bff58-t2dbm', 'frontend-579b9bff58-x8wq2']);
		const renamed = await load(legacyDir, { paths: ['tempo-batches.json'], naming: { rules: [{ pattern: '^(\\w+)service$', replacement: '$1' }] } });
		expect(renamed.services.map((s) => s.name)).toEqual(['cart', 'frontend']);
	});

	it('warns when spans arrive after their trace was joined, naming the option to raise', async () => {
		const year = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') };
		const { ctx, messages } = context(repoRoot, year);
		const snapshot = await otlpJsonSource({ paths: ['content/telemetry/*.jsonl'], traceIdleSpans: 30 }).load(ctx);
		expect(snapshot.stats.orphanSpans).toBeGreaterThan(0);
		expect(messages.warn.join('\n')).toMatch(/\d+ spans arrived more than 30 spans after .*`traceIdleSpans`/);
		const relaxed = context(repoRoot, year);
		await otlpJsonSource({ paths: ['content/telemetry/*.jsonl'] }).load(relaxed.ctx);
		expect(relaxed.messages.warn.join('\n')).not.toMatch(/traceIdleSpans/);
	});

	it('rejects a bad idle limit or naming rule as ConfigInvalid', () => {
		expect(() => otlpJsonSource({ traceIdleSpans: 0 })).toThrow(/traceIdleSpans/);
		expect(() => otlpJsonSource({ naming: { rules: [{ pattern: '(', replacement: '' }] } })).toThrow(/regular expression/);
	});
});

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createRng } from '../demo/prng.ts';

/** What `generateOtlpLines` wrote. */
export interface GeneratedOtlp {
	/** Bytes written. */
	bytes: number;
	/** Lines (export requests) written. */
	lines: number;
	/** Spans written. */
	spans: number;
	/** Traces written. */
	traces: number;
	/** The window every span starts in. */
	window: { start: Date; end: Date };
}

const SERVICES = 40;
const TRACES_PER_LINE = 64;
/** The first trace starts here; each next one 5 ms later, so 1 GB stays within a day. */
const START_MS = Date.parse('2026-01-01T00:00:00Z');
const TRACE_GAP_MS = 5;

interface SpanText {
	service: number;
	json: string;
}

/**
 * Writes a deterministic OTLP/JSON-lines file of at least `targetBytes`, shaped like the Collector
 * file exporter's output: each line one `ExportTraceServiceRequest` of a batch of traces, spans
 * grouped by resource, resources with Kubernetes attributes, spans with HTTP and database
 * attributes and an `ot=th` tracestate; about one trace in ten has its last spans in the next
 * line, as a batch cut in the middle of a trace would.
 */
export async function generateOtlpLines(file: string, targetBytes: number, seed = 1): Promise<GeneratedOtlp> {
	const rng = createRng(seed);
	const out = createWriteStream(file, { highWaterMark: 4 * 1024 * 1024 });
	const resources = Array.from({ length: SERVICES }, (_, i) => {
		const name = `svc-${String(i).padStart(2, '0')}`;
		const pod = `${name}-${rng.hex(9).replace(/[0-9a]/g, 'b')}-${rng.hex(5).replace(/[0-9a]/g, 'x')}`;
		return JSON.stringify({
			attributes: [
				{ key: 'service.name', value: { stringValue: name } },
				{ key: 'service.version', value: { stringValue: `1.${i % 7}.0` } },
				{ key: 'k8s.pod.name', value: { stringValue: pod } },
				{ key: 'k8s.namespace.name', value: { stringValue: 'production' } },
				{ key: 'telemetry.sdk.language', value: { stringValue: i % 2 ? 'go' : 'java' } },
			],
		});
	});
	const result: GeneratedOtlp = { bytes: 0, lines: 0, spans: 0, traces: 0, window: { start: new Date(START_MS), end: new Date(START_MS) } };
	let carried: SpanText[] = [];
	let t = 0;
	while (result.bytes < targetBytes) {
		let spans: SpanText[] = carried;
		carried = [];
		for (let n = 0; n < TRACES_PER_LINE; n++, t++) {
			const trace = simulateTrace(rng, t);
			result.spans += trace.length;
			result.traces++;
			if (rng.chance(0.1)) {
				const cut = rng.int(1, Math.min(3, trace.length - 1));
				carried.push(...trace.slice(-cut));
				spans = spans.concat(trace.slice(0, -cut));
			} else {
				spans = spans.concat(trace);
			}
		}
		const line = requestLine(spans, resources);
		result.bytes += Buffer.byteLength(line) + 1;
		result.lines++;
		if (!out.write(`${line}\n`)) await once(out, 'drain');
	}
	if (carried.length > 0) {
		const line = requestLine(carried, resources);
		result.bytes += Buffer.byteLength(line) + 1;
		result.lines++;
		out.write(`${line}\n`);
	}
	out.end();
	await once(out, 'finish');
	result.window.end = new Date(START_MS + (t + 1) * TRACE_GAP_MS + 60_000);
	return result;
}

function requestLine(spans: SpanText[], resources: string[]): string {
	const byService = new Map<number, string[]>();
	for (const span of spans) {
		let list = byService.get(span.service);
		if (!list) byService.set(span.service, (list = []));
		list.push(span.json);
	}
	const resourceSpans = [...byService].map(
		([service, list]) =>
			`{"resource":${resources[service]},"scopeSpans":[{"scope":{"name":"io.opentelemetry.bench","version":"1.0.0"},"spans":[${list.join(',')}]}]}`,
	);
	return `{"resourceSpans":[${resourceSpans.join(',')}]}`;
}

/** One trace: a request through a few services, each calling the next over HTTP, some querying a database. */
function simulateTrace(rng: ReturnType<typeof createRng>, index: number): SpanText[] {
	const traceId = rng.hex(32);
	const startNs = BigInt(START_MS + index * TRACE_GAP_MS) * 1_000_000n;
	const spans: SpanText[] = [];
	const depth = rng.int(2, 6);
	let service = rng.int(0, 9);
	let parent: string | undefined;
	let offsetUs = 0;
	for (let level = 0; level < depth; level++) {
		const serverId = rng.hex(16);
		const durationUs = (depth - level) * 1000 + rng.int(0, 999);
		spans.push({ service, json: span(traceId, serverId, parent, 'SERVER', startNs, offsetUs, durationUs, httpServer(rng)) });
		if (rng.chance(0.4)) {
			const dbId = rng.hex(16);
			spans.push({ service, json: span(traceId, dbId, serverId, 'CLIENT', startNs, offsetUs + 10, 300, database(rng, service)) });
		}
		if (level === depth - 1) break;
		const clientId = rng.hex(16);
		const next = (service + rng.int(1, 7)) % SERVICES;
		spans.push({ service, json: span(traceId, clientId, serverId, 'CLIENT', startNs, offsetUs + 50, durationUs - 100, httpClient(rng, next)) });
		parent = clientId;
		service = next;
		offsetUs += 60;
	}
	return spans;
}

function span(traceId: string, spanId: string, parent: string | undefined, kind: string, startNs: bigint, offsetUs: number, durationUs: number, attributes: string): string {
	const start = startNs + BigInt(offsetUs) * 1000n;
	const end = start + BigInt(durationUs) * 1000n;
	const parentField = parent ? `"parentSpanId":"${parent}",` : '';
	return `{"traceId":"${traceId}","spanId":"${spanId}",${parentField}"traceState":"ot=th:c","name":"op","kind":"SPAN_KIND_${kind}","startTimeUnixNano":"${start}","endTimeUnixNano":"${end}","attributes":${attributes},"status":{}}`;
}

const attr = (key: string, value: string) => `{"key":"${key}","value":{"stringValue":"${value}"}}`;

function httpServer(rng: ReturnType<typeof createRng>): string {
	const route = `/api/v1/items/${rng.int(1, 99)}`;
	return `[${attr('http.request.method', rng.chance(0.8) ? 'GET' : 'POST')},${attr('url.path', route)},${attr('http.route', '/api/v1/items/{id}')},{"key":"http.response.status_code","value":{"intValue":"200"}},${attr('user_agent.original', 'Mozilla/5.0 (X11; Linux x86_64) bench')}]`;
}

function httpClient(rng: ReturnType<typeof createRng>, callee: number): string {
	return `[${attr('http.request.method', 'GET')},${attr('server.address', `svc-${String(callee).padStart(2, '0')}.production.svc.cluster.local`)},{"key":"server.port","value":{"intValue":"8080"}},${attr('url.full', `http://svc-${callee}/api/v1/items/${rng.int(1, 99)}`)}]`;
}

function database(rng: ReturnType<typeof createRng>, service: number): string {
	return `[${attr('db.system', 'postgresql')},${attr('db.namespace', `db${service % 5}`)},${attr('db.query.text', `SELECT id, name, price FROM items WHERE id = $1 AND tenant = $2 -- ${rng.int(0, 9)}`)}]`;
}

import { readFileSync } from 'node:fs';

/**
 * A deliberately small OTLP/JSON reader for tests, written apart from the generator's own code
 * so that a bug in the generator's edge logic cannot hide itself.
 */

/** One span as read back from a file. */
export interface RawSpan {
	/** `service.name` of its resource. */
	service: string;
	/** `service.version` of its resource. */
	version: string;
	/** `service.instance.id` of its resource, `''` when it has none. */
	instance: string;
	/** Trace id. */
	traceId: string;
	/** Span id. */
	spanId: string;
	/** Parent span id, `''` for roots. */
	parentSpanId: string;
	/** Span kind number. */
	kind: number;
	/** Span name. */
	name: string;
	/** Start in nanoseconds. */
	start: bigint;
	/** End in nanoseconds. */
	end: bigint;
	/** Attributes, values as strings. */
	attrs: Record<string, string>;
	/** Whether status code is 2. */
	error: boolean;
}

/** A whole telemetry file read back. */
export interface RawFile {
	/** Every span. */
	spans: RawSpan[];
	/** Spans per line. */
	spansPerLine: number[];
	/** resourceSpans entries per line. */
	resourcesPerLine: number[];
}

interface JsonAttr {
	key: string;
	value: { stringValue?: string; intValue?: string };
}

/** Reads an OTLP/JSON-lines file. */
export function readOtlpFile(file: string): RawFile {
	const text = readFileSync(file, 'utf8');
	const out: RawFile = { spans: [], spansPerLine: [], resourcesPerLine: [] };
	for (const line of text.split('\n')) {
		if (line === '') continue;
		const request = JSON.parse(line) as { resourceSpans: { resource: { attributes: JsonAttr[] }; scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
		let count = 0;
		for (const rs of request.resourceSpans) {
			const res = toRecord(rs.resource.attributes);
			for (const ss of rs.scopeSpans) {
				for (const s of ss.spans) {
					count++;
					out.spans.push({
						service: res['service.name'] ?? '',
						version: res['service.version'] ?? '',
						instance: res['service.instance.id'] ?? '',
						traceId: s.traceId as string,
						spanId: s.spanId as string,
						parentSpanId: (s.parentSpanId as string | undefined) ?? '',
						kind: s.kind as number,
						name: s.name as string,
						start: BigInt(s.startTimeUnixNano as string),
						end: BigInt(s.endTimeUnixNano as string),
						attrs: toRecord(s.attributes as JsonAttr[]),
						error: (s.status as { code?: number } | undefined)?.code === 2,
					});
				}
			}
		}
		out.spansPerLine.push(count);
		out.resourcesPerLine.push(request.resourceSpans.length);
	}
	return out;
}

/** Calls and errors per `caller -> callee` edge; consuming a topic counts as `consumer -> kafka:<topic>`. */
export function edgesOf(spans: readonly RawSpan[]): Map<string, { calls: number; errors: number }> {
	const children = new Map<string, RawSpan[]>();
	for (const s of spans) {
		const key = `${s.traceId}:${s.parentSpanId}`;
		children.set(key, [...(children.get(key) ?? []), s]);
	}
	const edges = new Map<string, { calls: number; errors: number }>();
	const add = (from: string, to: string, error: boolean): void => {
		const e = edges.get(`${from} -> ${to}`) ?? { calls: 0, errors: 0 };
		e.calls++;
		if (error) e.errors++;
		edges.set(`${from} -> ${to}`, e);
	};
	for (const s of spans) {
		if (s.kind === 4 || s.kind === 5) add(s.service, `kafka:${s.attrs['messaging.destination.name']}`, s.error);
		if (s.kind !== 3) continue;
		const server = (children.get(`${s.traceId}:${s.spanId}`) ?? []).find((c) => c.kind === 2 && c.service !== s.service);
		if (server) add(s.service, server.service, s.error);
		else if (s.attrs['db.system']) add(s.service, `${s.attrs['db.system']}:${s.attrs['db.namespace']}`, s.error);
		else if (s.attrs['peer.service'] ?? s.attrs['server.address']) add(s.service, (s.attrs['peer.service'] ?? s.attrs['server.address']) as string, s.error);
	}
	return edges;
}

function toRecord(attrs: JsonAttr[] | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const a of attrs ?? []) out[a.key] = a.value.stringValue ?? a.value.intValue ?? '';
	return out;
}

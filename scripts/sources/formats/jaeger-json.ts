import { SpanKind, UNKNOWN_SERVICE, type SpanInput, type SpanKindNumber } from '../derive-service-graph.ts';
import { CALLEE_ATTRIBUTES, inferCallee } from '../otlp-json/infer-callee.ts';
import { warnApiErrors } from './dependency-links.ts';
import {
	describeFound,
	isJsonObject,
	jsonTypeName,
	malformedJson,
	normalizeHexId,
	parseJsonDocument,
	quoteInput,
	readJsonDocument,
} from './json-document.ts';
import { jsonHeadShape } from './json-head.ts';
import { spanTimesFromMicros } from './span-times-from-micros.ts';
import type { FormatResult, FormatSink, TelemetryFormat } from './telemetry-format.ts';

const EXPECTED =
	'expected Jaeger JSON traces: {"data": [{"traceID", "spans", "processes"}]} as the Jaeger UI exports and /api/traces returns';

const KINDS: Record<string, SpanKindNumber> = {
	client: SpanKind.CLIENT,
	server: SpanKind.SERVER,
	producer: SpanKind.PRODUCER,
	consumer: SpanKind.CONSUMER,
	internal: SpanKind.INTERNAL,
};

/** OpenTracing's database tags, read as the OpenTelemetry names `inferCallee` knows when those are absent. */
const OPENTRACING_ALIASES: readonly [string, string][] = [
	['db.type', 'db.system'],
	['db.instance', 'db.name'],
	['message_bus.destination', 'messaging.destination'],
];

/**
 * Jaeger's JSON traces: the Jaeger UI's "Download JSON" export and the query API's `/api/traces`
 * answer (`{"data": [trace, ...]}`), also a bare trace or an array of traces.
 *
 * - Parent: the first CHILD_OF reference within the same trace; without one, the first
 *   FOLLOWS_FROM reference in it. FOLLOWS_FROM is a causal, asynchronous hand-off (the referenced
 *   span does not wait), i.e. producer → consumer, so it becomes a call from the referenced span's
 *   service to this span's service, timed by this span, unless the referenced span is a PRODUCER
 *   or either side names a queue (then the deriver's messaging rules apply). References to other
 *   traces are ignored: such a span is a root.
 * - Kind: tag `span.kind`. Error: tag `error` = true, or `otel.status_code` = ERROR.
 * - Service: the process's `serviceName` (`unknown_service` when empty); version: process tag `service.version`.
 * - Callee of CLIENT, PRODUCER and CONSUMER spans: from tags (`peer.service`, `db.*`, `messaging.*`,
 *   OpenTracing's `db.type`/`db.instance`), as for OTLP.
 * - A span without `startTime` is placed at the earliest start of its trace, with no duration.
 */
export const jaegerJsonFormat: TelemetryFormat = {
	name: 'jaeger-json',
	description: 'Jaeger JSON traces, as the Jaeger UI exports and /api/traces returns (`{"data": [{"traceID", "spans", "processes"}]}`)',
	sniff(head) {
		const shape = jsonHeadShape(head);
		if (!shape) return false;
		// `{"data": []}` is an empty answer of either Jaeger API: nothing to read either way.
		if (shape.path === '{data[') return shape.empty || shape.keys.has('traceID') || shape.keys.has('spans');
		if (shape.path === '{' || shape.path === '[') return !shape.empty && shape.keys.has('traceID') && shape.keys.has('spans');
		return false;
	},
	async read(file, sink) {
		return readJaegerJsonValue(await readJsonDocument(file), file.display, sink);
	},
};

/** Reads Jaeger JSON traces from text (an HTTP response body, say); `display` names it in errors. */
export function readJaegerJsonText(text: string, display: string, sink: FormatSink): FormatResult {
	return readJaegerJsonValue(parseJsonDocument(text, display), display, sink);
}

/** The traces of a parsed Jaeger document, with the path of each for messages; throws `TelemetryMalformed` for another shape. */
export function jaegerTraces(value: unknown, display: string): { trace: unknown; at: string }[] {
	if (Array.isArray(value)) return value.map((trace, i) => ({ trace, at: `[${i}]` }));
	// The query API answers `"data": null` when nothing matched.
	if (isJsonObject(value) && value.data === null && 'total' in value) return [];
	if (isJsonObject(value) && Array.isArray(value.data)) return value.data.map((trace, i) => ({ trace, at: `data[${i}]` }));
	if (isJsonObject(value) && Array.isArray(value.spans)) return [{ trace: value, at: '' }];
	throw malformedJson(display, `${EXPECTED}, found ${describeFound(value)}.`);
}

/** Reads a parsed Jaeger document into the sink; throws `TelemetryMalformed` naming `display` and the bad field. */
export function readJaegerJsonValue(value: unknown, display: string, sink: FormatSink): FormatResult {
	const traces = jaegerTraces(value, display);
	if (isJsonObject(value)) warnApiErrors(value.errors, display, sink);
	const spans: SpanInput[] = [];
	for (const { trace, at } of traces) spans.push(...jaegerTraceSpans(trace, at, display));
	for (const span of spans) sink.span(span);
	return { spans: spans.length, links: 0 };
}

/** The graph spans of one Jaeger trace object; `at` is its path in the document, for messages. */
export function jaegerTraceSpans(trace: unknown, at: string, display: string): SpanInput[] {
	const fail = (detail: string) => malformedJson(display, `${detail}.`);
	if (!isJsonObject(trace)) throw fail(`${at || 'the document'} must be a trace object, found ${jsonTypeName(trace)}`);
	if (!Array.isArray(trace.spans)) throw fail(`${at}.spans must be an array, found ${jsonTypeName(trace.spans)}`);
	const processes = isJsonObject(trace.processes) ? trace.processes : {};
	const traceIdOfTrace = normalizeHexId(trace.traceID, 32);

	let earliestUs: number | undefined;
	const parsed = trace.spans.map((span, i) => {
		const spanAt = `${at}.spans[${i}]`.replace(/^\./, '');
		if (!isJsonObject(span)) throw fail(`${spanAt} must be a span object, found ${jsonTypeName(span)}`);
		const traceId = normalizeHexId(span.traceID, 32) ?? traceIdOfTrace;
		if (!traceId) throw fail(`${spanAt}.traceID must be up to 32 hex digits, found ${describeValue(span.traceID)}`);
		const spanId = normalizeHexId(span.spanID, 16);
		if (!spanId) throw fail(`${spanAt}.spanID must be up to 16 hex digits, found ${describeValue(span.spanID)}`);
		const startUs = micros(span.startTime, `${spanAt}.startTime`, fail);
		if (startUs !== undefined && (earliestUs === undefined || startUs < earliestUs)) earliestUs = startUs;
		return { span, spanAt, traceId, spanId, startUs, durationUs: span.duration === 0 ? 0 : micros(span.duration, `${spanAt}.duration`, fail) };
	});

	return parsed.map(({ span, spanAt, traceId, spanId, startUs, durationUs }) => {
		const process = isJsonObject(span.process)
			? span.process
			: typeof span.processID === 'string' && isJsonObject(processes[span.processID])
				? (processes[span.processID] as Record<string, unknown>)
				: {};
		const service = typeof process.serviceName === 'string' && process.serviceName.trim() !== '' ? process.serviceName.trim() : UNKNOWN_SERVICE;
		const tags = tagMap(span.tags);
		const kind = KINDS[(tags.get('span.kind') ?? '').toLowerCase()] ?? SpanKind.UNSPECIFIED;
		const start = startUs ?? earliestUs;
		const times = spanTimesFromMicros(start ?? 0, startUs !== undefined ? durationUs : undefined);
		const pointsOut = kind === SpanKind.CLIENT || kind === SpanKind.PRODUCER || kind === SpanKind.CONSUMER;
		return {
			traceId,
			spanId,
			parentSpanId: parentOf(span, traceId, spanAt, fail),
			service,
			serviceVersion: tagMap(process.tags).get('service.version'),
			kind,
			error: tags.get('error')?.toLowerCase() === 'true' || tags.get('otel.status_code')?.toUpperCase() === 'ERROR',
			...times,
			callee: pointsOut ? inferCallee(calleeAttributes(tags)) : undefined,
		};
	});
}

function parentOf(span: Record<string, unknown>, traceId: string, at: string, fail: (detail: string) => Error): string | undefined {
	const references = Array.isArray(span.references) ? span.references : [];
	let followsFrom: string | undefined;
	for (const [r, reference] of references.entries()) {
		if (!isJsonObject(reference)) continue;
		const refTrace = normalizeHexId(reference.traceID, 32);
		if (refTrace !== undefined && refTrace !== traceId) continue;
		const refSpan = normalizeHexId(reference.spanID, 16);
		if (refSpan === null) throw fail(`${at}.references[${r}].spanID must be up to 16 hex digits, found ${describeValue(reference.spanID)}`);
		if (refSpan === undefined) continue;
		if (reference.refType === 'CHILD_OF') return refSpan;
		if (reference.refType === 'FOLLOWS_FROM') followsFrom ??= refSpan;
	}
	if (followsFrom !== undefined) return followsFrom;
	// Jaeger's older model carried the parent in `parentSpanID`.
	const legacy = normalizeHexId(span.parentSpanID, 16);
	return legacy ?? undefined;
}

/** Jaeger tags (`[{key, type, value}]`) as text; values of any scalar type, trimmed, empty ones left out. */
function tagMap(list: unknown): Map<string, string> {
	const tags = new Map<string, string>();
	if (!Array.isArray(list)) return tags;
	for (const tag of list) {
		if (!isJsonObject(tag) || typeof tag.key !== 'string' || tags.has(tag.key)) continue;
		const { value } = tag;
		if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
		const text = String(value).trim();
		if (text !== '') tags.set(tag.key, text);
	}
	return tags;
}

function calleeAttributes(tags: Map<string, string>): Map<string, string> {
	const attributes = new Map<string, string>();
	for (const [key, value] of tags) if (CALLEE_ATTRIBUTES.has(key)) attributes.set(key, value);
	for (const [legacy, current] of OPENTRACING_ALIASES) {
		const value = tags.get(legacy);
		if (value !== undefined && !attributes.has(current)) attributes.set(current, value);
	}
	return attributes;
}

function micros(value: unknown, at: string, fail: (detail: string) => Error): number | undefined {
	if (value === undefined || value === null || value === 0) return undefined;
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
	throw fail(`${at} must be a positive integer of microseconds, found ${describeValue(value)}`);
}

function describeValue(value: unknown): string {
	return typeof value === 'string' ? quoteInput(value) : jsonTypeName(value);
}

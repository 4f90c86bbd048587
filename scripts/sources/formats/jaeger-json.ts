import { CALLEE_ATTRIBUTES, inferCallee } from '../otlp-json/infer-callee.ts';
import { instanceOf, resendCountOf } from '../retry-evidence.ts';
import { storeAccess } from '../access-evidence.ts';
import { SpanKind, UNKNOWN_SERVICE, type SpanInput, type SpanKindNumber } from '../span-input.ts';
import { warnApiErrors } from './dependency-links.ts';
import {
	describeFound,
	isJsonObject,
	jsonTypeName,
	malformedJson,
	normalizeHexId,
	quoteInput,
	readJsonDocumentText,
} from './json-document.ts';
import { jsonHeadShape } from './json-head.ts';
import { formatJsonPath, type JsonPath } from './json-path.ts';
import { streamJsonRecords } from './json-record-stream.ts';
import { InvalidRecordError, SkippedRecords } from './skipped-records.ts';
import { spanTimesFromMicros } from './span-times-from-micros.ts';
import type { FormatReadOptions, FormatResult, FormatSink, TelemetryFile, TelemetryFormat } from './telemetry-format.ts';

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
 * - A span that is not an object, has no valid trace or span id, a reference or time that cannot
 *   be read, or no `operationName`, is skipped and counted; more than half of them is an error.
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
	read: readJaegerJsonFile,
};

/**
 * Reads a Jaeger JSON file trace by trace (the elements of `data`, or of a root array), in
 * bounded memory whatever its size; a trace's spans reach the sink as it is read, so they may
 * have before an error is thrown. A bare trace object is read whole, being one trace.
 */
async function readJaegerJsonFile(file: TelemetryFile, sink: FormatSink, options: FormatReadOptions = {}): Promise<FormatResult> {
	const skipped = new SkippedRecords();
	let spans = 0;
	const deliver = (list: SpanInput[]) => {
		spans += list.length;
		for (const span of list) sink.span(span);
	};
	const rest = await streamJsonRecords(file, [[], ['data']], ({ value, at, lineOf }) => {
		deliver(jaegerTraceSpans(value, at, file.display, skipped, (path) => lineOf(path.slice(at.length))));
	}, options);
	for (const { trace, at } of jaegerTraces(rest, file.display)) deliver(jaegerTraceSpans(trace, at, file.display, skipped));
	if (isJsonObject(rest)) warnApiErrors(rest.errors, file.display, sink);
	skipped.assertMostlyValid(file.display, spans);
	return { spans, links: 0, skipped: skipped.list() };
}

/** Reads Jaeger JSON traces from text (an HTTP response body, say); `display` names it in errors. */
export function readJaegerJsonText(text: string, display: string, sink: FormatSink): FormatResult {
	return readJsonDocumentText(text, display, (value) => readJaegerJsonValue(value, display, sink));
}

/** The traces of a parsed Jaeger document, with the path of each for messages; throws `TelemetryMalformed` for another shape. */
export function jaegerTraces(value: unknown, display: string): { trace: unknown; at: JsonPath }[] {
	if (Array.isArray(value)) return value.map((trace, i) => ({ trace, at: [i] }));
	// The query API answers `"data": null` when nothing matched.
	if (isJsonObject(value) && value.data === null && 'total' in value) return [];
	if (isJsonObject(value) && Array.isArray(value.data)) return value.data.map((trace, i) => ({ trace, at: ['data', i] }));
	if (isJsonObject(value) && Array.isArray(value.spans)) return [{ trace: value, at: [] }];
	throw malformedJson(display, `${EXPECTED}, found ${describeFound(value)}.`);
}

/** Reads a parsed Jaeger document into the sink; throws `TelemetryMalformed` naming `display` for another shape, or when most spans are invalid. */
export function readJaegerJsonValue(value: unknown, display: string, sink: FormatSink): FormatResult {
	const traces = jaegerTraces(value, display);
	if (isJsonObject(value)) warnApiErrors(value.errors, display, sink);
	const skipped = new SkippedRecords();
	const spans: SpanInput[] = [];
	for (const { trace, at } of traces) spans.push(...jaegerTraceSpans(trace, at, display, skipped));
	skipped.assertMostlyValid(display, spans.length);
	for (const span of spans) sink.span(span);
	return { spans: spans.length, links: 0, skipped: skipped.list() };
}

/**
 * The graph spans of one Jaeger trace object at `at` in its document; invalid spans go to
 * `skipped`, and a trace that is not a trace object is `TelemetryMalformed`.
 */
export function jaegerTraceSpans(
	trace: unknown,
	at: JsonPath,
	display: string,
	skipped: SkippedRecords,
	lineOf?: (path: JsonPath) => number | null,
): SpanInput[] {
	const fail = (detail: string) => malformedJson(display, `${detail}.`);
	if (!isJsonObject(trace)) throw fail(`${formatJsonPath(at) || 'the document'} must be a trace object, found ${jsonTypeName(trace)}`);
	if (!Array.isArray(trace.spans)) throw fail(`${formatJsonPath([...at, 'spans'])} must be an array, found ${jsonTypeName(trace.spans)}`);
	const processes = isJsonObject(trace.processes) ? trace.processes : {};
	const traceIdOfTrace = normalizeHexId(trace.traceID, 32);

	let earliestUs: number | undefined;
	const valid: ValidSpan[] = [];
	for (const [i, span] of trace.spans.entries()) {
		try {
			const checked = checkSpan(span, traceIdOfTrace);
			if (checked.startUs !== undefined && (earliestUs === undefined || checked.startUs < earliestUs)) earliestUs = checked.startUs;
			valid.push(checked);
		} catch (error) {
			if (!(error instanceof InvalidRecordError)) throw error;
			const path = [...at, 'spans', i];
			skipped.skip(error, path, lineOf && (() => lineOf(path)));
		}
	}

	return valid.map(({ span, traceId, spanId, parentSpanId, startUs, durationUs }) => {
		const process = isJsonObject(span.process)
			? span.process
			: typeof span.processID === 'string' && isJsonObject(processes[span.processID])
				? (processes[span.processID] as Record<string, unknown>)
				: {};
		const service = typeof process.serviceName === 'string' && process.serviceName.trim() !== '' ? process.serviceName.trim() : UNKNOWN_SERVICE;
		const processTags = tagMap(process.tags);
		const tags = tagMap(span.tags);
		const kind = KINDS[(tags.get('span.kind') ?? '').toLowerCase()] ?? SpanKind.UNSPECIFIED;
		const start = startUs ?? earliestUs;
		const times = spanTimesFromMicros(start ?? 0, startUs !== undefined ? durationUs : undefined);
		const pointsOut = kind === SpanKind.CLIENT || kind === SpanKind.PRODUCER || kind === SpanKind.CONSUMER;
		const callee = pointsOut ? inferCallee(calleeAttributes(tags)) : undefined;
		return {
			traceId,
			spanId,
			parentSpanId,
			service,
			serviceVersion: processTags.get('service.version'),
			kind,
			error: tags.get('error')?.toLowerCase() === 'true' || tags.get('otel.status_code')?.toUpperCase() === 'ERROR',
			...times,
			callee,
			name: span.operationName as string,
			instance: processInstance(processTags),
			resendCount: kind === SpanKind.CLIENT ? resendCountOf(tags) : undefined,
			access: storeAccess(callee, tags, span.operationName as string),
		};
	});
}

/** A span that passed `checkSpan`, with what it read. */
interface ValidSpan {
	span: Record<string, unknown>;
	traceId: string;
	spanId: string;
	parentSpanId: string | undefined;
	startUs: number | undefined;
	durationUs: number | undefined;
}

// Everything that makes a span unusable, checked before any span is placed: ids, times, references, name.
function checkSpan(span: unknown, traceIdOfTrace: string | null | undefined): ValidSpan {
	if (!isJsonObject(span)) throw new InvalidRecordError('not-an-object', ` must be a span object, found ${jsonTypeName(span)}`);
	const traceId = normalizeHexId(span.traceID, 32) ?? traceIdOfTrace;
	if (!traceId) throw new InvalidRecordError('trace-id', `.traceID must be up to 32 hex digits, not all zeros, found ${describeValue(span.traceID)}`);
	const spanId = normalizeHexId(span.spanID, 16);
	if (!spanId) throw new InvalidRecordError('span-id', `.spanID must be up to 16 hex digits, not all zeros, found ${describeValue(span.spanID)}`);
	const startUs = micros(span.startTime, '.startTime');
	const durationUs = span.duration === 0 ? 0 : micros(span.duration, '.duration');
	const parentSpanId = parentOf(span, traceId);
	if (typeof span.operationName !== 'string' || span.operationName === '') {
		const found = span.operationName === undefined || span.operationName === null || span.operationName === '' ? 'is missing' : `must be the span's name, found ${describeValue(span.operationName)}`;
		throw new InvalidRecordError('name', `.operationName ${found}`);
	}
	return { span, traceId, spanId, parentSpanId, startUs, durationUs };
}

function parentOf(span: Record<string, unknown>, traceId: string): string | undefined {
	const references = Array.isArray(span.references) ? span.references : [];
	let followsFrom: string | undefined;
	for (const [r, reference] of references.entries()) {
		if (!isJsonObject(reference)) continue;
		const refTrace = normalizeHexId(reference.traceID, 32);
		if (refTrace !== undefined && refTrace !== traceId) continue;
		const refSpan = normalizeHexId(reference.spanID, 16);
		if (refSpan === null) throw new InvalidRecordError('parent-id', `.references[${r}].spanID must be up to 16 hex digits, found ${describeValue(reference.spanID)}`);
		if (refSpan === undefined) continue;
		if (reference.refType === 'CHILD_OF') return refSpan;
		if (reference.refType === 'FOLLOWS_FROM') followsFrom ??= refSpan;
	}
	if (followsFrom !== undefined) return followsFrom;
	// Jaeger's older model carried the parent in `parentSpanID`.
	const legacy = normalizeHexId(span.parentSpanID, 16);
	return legacy ?? undefined;
}

/**
 * The instance a Jaeger process names: OpenTelemetry's resource attributes when the exporter kept
 * them (`service.instance.id`, `k8s.pod.name`, `host.name`), else the Jaeger client's own
 * `hostname`, else its `ip`.
 */
function processInstance(tags: Map<string, string>): string | undefined {
	return instanceOf(tags) ?? tags.get('hostname') ?? tags.get('ip');
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

function micros(value: unknown, field: string): number | undefined {
	if (value === undefined || value === null || value === 0) return undefined;
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
	throw new InvalidRecordError('time', `${field} must be a positive integer of microseconds, found ${describeValue(value)}`);
}

function describeValue(value: unknown): string {
	return typeof value === 'string' ? quoteInput(value) : jsonTypeName(value);
}

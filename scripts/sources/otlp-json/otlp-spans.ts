import { SpanKind, UNKNOWN_SERVICE, type SpanInput, type SpanKindNumber } from '../derive-service-graph.ts';
import { CALLEE_ATTRIBUTES, inferCallee } from './infer-callee.ts';

/** Thrown when parsed JSON does not have the OTLP shape; the reader adds the file and line. */
export class OtlpShapeError extends Error {
	override readonly name = 'OtlpShapeError';
}

/** What one parsed JSON value holds: the `resourceSpans` of a trace request, or another OTLP signal. */
export type OtlpRequestContent = { resourceSpans: unknown[] } | { otherSignal: string };

const OTHER_SIGNALS = ['resourceMetrics', 'resourceLogs', 'resourceProfiles'];
const RESOURCE_ATTRIBUTES: ReadonlySet<string> = new Set(['service.name', 'service.version']);
const KIND_NAMES: Record<string, SpanKindNumber> = {
	SPAN_KIND_UNSPECIFIED: SpanKind.UNSPECIFIED,
	SPAN_KIND_INTERNAL: SpanKind.INTERNAL,
	SPAN_KIND_SERVER: SpanKind.SERVER,
	SPAN_KIND_CLIENT: SpanKind.CLIENT,
	SPAN_KIND_PRODUCER: SpanKind.PRODUCER,
	SPAN_KIND_CONSUMER: SpanKind.CONSUMER,
};
const STATUS_CODE_ERROR = 2;

/**
 * Finds the spans in one JSON value: an OTLP `ExportTraceServiceRequest` (`{"resourceSpans": [...]}`),
 * or Jaeger v2's API response that wraps one (`{"result": {"resourceSpans": [...]}}`).
 * Requests of other OTLP signals (metrics, logs, profiles) are recognised so they can be skipped.
 */
export function otlpRequestContent(value: unknown): OtlpRequestContent {
	if (!isObject(value)) throw new OtlpShapeError(`expected a JSON object, found ${typeName(value)}`);
	const request = isObject(value.result) && 'resourceSpans' in value.result ? value.result : value;
	if ('resourceSpans' in request) {
		if (!Array.isArray(request.resourceSpans)) {
			throw new OtlpShapeError(`\`resourceSpans\` must be an array, found ${typeName(request.resourceSpans)}`);
		}
		return { resourceSpans: request.resourceSpans };
	}
	const other = OTHER_SIGNALS.find((key) => key in value);
	if (other) return { otherSignal: other };
	if (isObject(value.error)) {
		throw new OtlpShapeError('this is an error response from a tracing API, not spans (`error` instead of `resourceSpans`)');
	}
	throw new OtlpShapeError('missing `resourceSpans`: expected an OTLP ExportTraceServiceRequest');
}

/** Calls `onSpan` for every span in a `resourceSpans` array; throws OtlpShapeError naming the bad field. */
export function forEachOtlpSpan(resourceSpans: unknown[], onSpan: (span: SpanInput) => void): void {
	for (const [r, resourceEntry] of resourceSpans.entries()) {
		const at = `resourceSpans[${r}]`;
		if (!isObject(resourceEntry)) throw new OtlpShapeError(`${at} must be an object, found ${typeName(resourceEntry)}`);
		const resource = isObject(resourceEntry.resource) ? resourceEntry.resource : {};
		const resourceAttributes = pickAttributes(resource.attributes, RESOURCE_ATTRIBUTES);
		const service = resourceAttributes.get('service.name') ?? UNKNOWN_SERVICE;
		const serviceVersion = resourceAttributes.get('service.version');
		// `instrumentationLibrarySpans` is the pre-1.0 name of `scopeSpans`, still in old exports.
		const scopesKey = 'scopeSpans' in resourceEntry ? 'scopeSpans' : 'instrumentationLibrarySpans';
		const scopes = optionalArray(resourceEntry[scopesKey], `${at}.${scopesKey}`);
		for (const [s, scope] of scopes.entries()) {
			const scopeAt = `${at}.${scopesKey}[${s}]`;
			if (!isObject(scope)) throw new OtlpShapeError(`${scopeAt} must be an object, found ${typeName(scope)}`);
			const spans = optionalArray(scope.spans, `${scopeAt}.spans`);
			for (const [k, span] of spans.entries()) {
				onSpan(toSpanInput(span, `${scopeAt}.spans[${k}]`, service, serviceVersion));
			}
		}
	}
}

function toSpanInput(span: unknown, at: string, service: string, serviceVersion: string | undefined): SpanInput {
	if (!isObject(span)) throw new OtlpShapeError(`${at} must be an object, found ${typeName(span)}`);
	const kind = spanKind(span.kind);
	const isCaller = kind === SpanKind.CLIENT || kind === SpanKind.PRODUCER;
	// Consumers name the topic they read, which is what they depend on.
	const isConsumer = kind === SpanKind.CONSUMER;
	const status = isObject(span.status) ? span.status.code : undefined;
	return {
		traceId: requiredId(span.traceId, 16, `${at}.traceId`),
		spanId: requiredId(span.spanId, 8, `${at}.spanId`),
		parentSpanId: optionalId(span.parentSpanId, 8, `${at}.parentSpanId`),
		service,
		serviceVersion,
		kind,
		error: status === STATUS_CODE_ERROR || status === 'STATUS_CODE_ERROR',
		startNs: unixNano(span.startTimeUnixNano, `${at}.startTimeUnixNano`),
		endNs: unixNano(span.endTimeUnixNano, `${at}.endTimeUnixNano`),
		// Only callers and consumers can point at something outside themselves; skip the attribute scan for the rest.
		callee: isCaller || isConsumer ? inferCallee(pickAttributes(span.attributes, CALLEE_ATTRIBUTES)) : undefined,
	};
}

/**
 * Reads the wanted keys of an OTLP `KeyValue` list into a map of strings. Scalar values
 * (string, int as string or number, bool, double) become their text; empty strings,
 * arrays, maps and bytes are left out. A list that is not an array reads as empty:
 * attributes only refine names, so a bad one should not fail the pull.
 */
export function pickAttributes(list: unknown, wanted: ReadonlySet<string>): Map<string, string> {
	const picked = new Map<string, string>();
	if (!Array.isArray(list)) return picked;
	for (const entry of list) {
		if (!isObject(entry) || typeof entry.key !== 'string' || !wanted.has(entry.key)) continue;
		const text = anyValueText(entry.value);
		if (text !== undefined && !picked.has(entry.key)) picked.set(entry.key, text);
	}
	return picked;
}

function anyValueText(value: unknown): string | undefined {
	if (!isObject(value)) return undefined;
	let text: string | undefined;
	if (typeof value.stringValue === 'string') text = value.stringValue;
	else if (typeof value.intValue === 'string' || typeof value.intValue === 'number') text = String(value.intValue);
	else if (typeof value.boolValue === 'boolean') text = String(value.boolValue);
	else if (typeof value.doubleValue === 'number' || typeof value.doubleValue === 'string') text = String(value.doubleValue);
	text = text?.trim();
	return text ? text : undefined;
}

function spanKind(value: unknown): SpanKindNumber {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 5) return value as SpanKindNumber;
	if (typeof value === 'string') return KIND_NAMES[value] ?? SpanKind.UNSPECIFIED;
	return SpanKind.UNSPECIFIED;
}

/**
 * OTLP/JSON writes ids as hex; early exporters used protobuf's base64 for bytes, so that is accepted too.
 * Returns lowercase hex, or undefined for an absent, empty or all-zero id.
 */
function optionalId(value: unknown, bytes: number, at: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') throw new OtlpShapeError(`${at} must be a hex string, found ${typeName(value)}`);
	let hex: string | undefined;
	if (value.length === bytes * 2 && /^[0-9a-fA-F]+$/.test(value)) {
		hex = value.toLowerCase();
	} else if (value.length === Math.ceil(bytes / 3) * 4 && /^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
		const decoded = Buffer.from(value, 'base64');
		if (decoded.length === bytes) hex = decoded.toString('hex');
	}
	if (hex === undefined) {
		throw new OtlpShapeError(`${at} must be ${bytes * 2} hex digits, found ${quote(value)}`);
	}
	return /^0+$/.test(hex) ? undefined : hex;
}

function requiredId(value: unknown, bytes: number, at: string): string {
	const id = optionalId(value, bytes, at);
	if (id === undefined) throw new OtlpShapeError(`${at} is missing (or all zeros)`);
	return id;
}

/** Nanosecond timestamps exceed 2^53, so they are read as BigInt; JSON numbers are accepted with their float precision. */
function unixNano(value: unknown, at: string): bigint {
	// proto3 JSON leaves zero values out, so an absent timestamp means 0.
	if (value === undefined || value === null) return 0n;
	if (typeof value === 'string' && /^\d{1,30}$/.test(value)) return BigInt(value);
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return BigInt(value);
	throw new OtlpShapeError(`${at} must be a non-negative integer of nanoseconds, found ${quote(value)}`);
}

function optionalArray(value: unknown, at: string): unknown[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw new OtlpShapeError(`${at} must be an array, found ${typeName(value)}`);
	return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Input text in a message is untrusted and could be huge: escape it and keep it short.
function quote(value: unknown): string {
	const text = String(value);
	return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function typeName(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

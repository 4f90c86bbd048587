import type { JsonPath } from '../formats/json-path.ts';
import { InvalidRecordError } from '../formats/skipped-records.ts';
import { SpanKind, UNKNOWN_SERVICE, type InferredCallee, type SpanInput, type SpanKindNumber } from '../span-input.ts';
import { INSTANCE_ATTRIBUTES, instanceOf, RETRY_ATTRIBUTES, resendCountOf } from '../retry-evidence.ts';
import { CALLEE_ATTRIBUTES, inferCallee } from './infer-callee.ts';
import { ACCESS_ATTRIBUTES, storeAccess, type Access } from '../access-evidence.ts';
import { SAMPLING_ATTRIBUTES, spanSampling, type SpanSampling } from './sampling-evidence.ts';

/** Thrown when parsed JSON does not have the OTLP shape; the reader adds the file and line. */
export class OtlpShapeError extends Error {
	override readonly name = 'OtlpShapeError';
}

/** What one parsed JSON value holds: the `resourceSpans` of a trace request and their path in it, or another OTLP signal. */
export type OtlpRequestContent = { resourceSpans: unknown[]; at: JsonPath } | { otherSignal: string };

/** Receives each span's sampling evidence, when it has any. */
export type SamplingObserver = (sampling: SpanSampling) => void;

/** Receives each span that is skipped as invalid, with its path in the request. */
export type SkipObserver = (error: InvalidRecordError, at: JsonPath) => void;

const OTHER_SIGNALS = ['resourceMetrics', 'resourceLogs', 'resourceProfiles'];
const RESOURCE_ATTRIBUTES: ReadonlySet<string> = new Set(['service.name', 'service.version', ...INSTANCE_ATTRIBUTES]);
const CALLER_ATTRIBUTES: ReadonlySet<string> = new Set([...CALLEE_ATTRIBUTES, ...SAMPLING_ATTRIBUTES, ...RETRY_ATTRIBUTES, ...ACCESS_ATTRIBUTES]);
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
 * Jaeger v2's API response that wraps one (`{"result": {"resourceSpans": [...]}}`), Grafana Tempo's
 * (`{"trace": {...}}`), or the pre-1.0 shape Tempo and old exporters wrote (`{"batches": [...]}`,
 * with `instrumentationLibrarySpans` and base64 ids, which `forEachOtlpSpan` reads too).
 * Requests of other OTLP signals (metrics, logs, profiles) are recognised so they can be skipped.
 */
export function otlpRequestContent(value: unknown): OtlpRequestContent {
	if (!isObject(value)) throw new OtlpShapeError(`expected a JSON object, found ${typeName(value)}`);
	const wrapper = isObject(value.result) ? 'result' : isObject(value.trace) ? 'trace' : undefined;
	const wrapped = wrapper ? (value[wrapper] as Record<string, unknown>) : undefined;
	const unwrap = wrapped !== undefined && ('resourceSpans' in wrapped || 'batches' in wrapped);
	const request = unwrap ? wrapped : value;
	const key = 'resourceSpans' in request ? 'resourceSpans' : 'batches' in request ? 'batches' : undefined;
	if (key) {
		const resourceSpans = request[key];
		if (!Array.isArray(resourceSpans)) {
			throw new OtlpShapeError(`\`${key}\` must be an array, found ${typeName(resourceSpans)}`);
		}
		return { resourceSpans, at: unwrap && wrapper ? [wrapper, key] : [key] };
	}
	const other = OTHER_SIGNALS.find((signal) => signal in value);
	if (other) return { otherSignal: other };
	if (isObject(value.error)) {
		throw new OtlpShapeError('this is an error response from a tracing API, not spans (`error` instead of `resourceSpans`)');
	}
	throw new OtlpShapeError('missing `resourceSpans`: expected an OTLP ExportTraceServiceRequest');
}

/**
 * Calls `onSpan` for every valid span in a `resourceSpans` array found at `at`, `onSkip` for every
 * invalid one (see `toSpanInput`), and `onSampling` for every span that carries sampling
 * evidence; throws OtlpShapeError naming the field when the request around the spans is not OTLP.
 * `firstIndex` is the index of `resourceSpans[0]` in the document's array, when it is a slice of it.
 */
export function forEachOtlpSpan(
	resourceSpans: unknown[],
	at: JsonPath,
	onSpan: (span: SpanInput) => void,
	onSkip: SkipObserver,
	onSampling?: SamplingObserver,
	firstIndex = 0,
): void {
	for (let i = 0; i < resourceSpans.length; i++) {
		const resourceEntry = resourceSpans[i];
		const r = firstIndex + i;
		if (!isObject(resourceEntry)) throw new OtlpShapeError(`resourceSpans[${r}] must be an object, found ${typeName(resourceEntry)}`);
		const resource = isObject(resourceEntry.resource) ? resourceEntry.resource : {};
		const resourceAttributes = pickAttributes(resource.attributes, RESOURCE_ATTRIBUTES);
		const service = resourceAttributes.get('service.name') ?? UNKNOWN_SERVICE;
		const serviceVersion = resourceAttributes.get('service.version');
		// One string per resource, shared by its spans.
		const instance = instanceOf(resourceAttributes);
		// `instrumentationLibrarySpans` is the pre-1.0 name of `scopeSpans`, still in old exports.
		const scopesKey = 'scopeSpans' in resourceEntry ? 'scopeSpans' : 'instrumentationLibrarySpans';
		const scopes = optionalArray(resourceEntry[scopesKey], () => `resourceSpans[${r}].${scopesKey}`);
		for (let s = 0; s < scopes.length; s++) {
			const scope = scopes[s];
			// Paths are built only for messages: building one per span costs real throughput.
			const scopeAt = () => `resourceSpans[${r}].${scopesKey}[${s}]`;
			if (!isObject(scope)) throw new OtlpShapeError(`${scopeAt()} must be an object, found ${typeName(scope)}`);
			const spans = optionalArray(scope.spans, () => `${scopeAt()}.spans`);
			for (let k = 0; k < spans.length; k++) {
				let span: SpanInput;
				try {
					span = toSpanInput(spans[k], service, serviceVersion, instance, onSampling);
				} catch (error) {
					if (!(error instanceof InvalidRecordError)) throw error;
					onSkip(error, [...at, r, scopesKey, s, 'spans', k]);
					continue;
				}
				onSpan(span);
			}
		}
	}
}

/**
 * One OTLP span as the graph takes it. Throws `InvalidRecordError` for a span the graph cannot
 * place: not an object, a trace or span id missing, all zeros or not hex, a parent id not hex,
 * a time that is not nanoseconds, or no name (OTLP requires one).
 */
function toSpanInput(
	span: unknown,
	service: string,
	serviceVersion: string | undefined,
	instance: string | undefined,
	onSampling: SamplingObserver | undefined,
): SpanInput {
	if (!isObject(span)) throw new InvalidRecordError('not-an-object', ` must be a span object, found ${typeName(span)}`);
	const traceId = requiredId(span.traceId, 16, '.traceId', 'trace-id');
	const spanId = requiredId(span.spanId, 8, '.spanId', 'span-id');
	const parentSpanId = optionalId(span.parentSpanId, 8, '.parentSpanId', 'parent-id');
	const startMs = unixNanoMs(span.startTimeUnixNano, '.startTimeUnixNano');
	const startSubNs = subMsNs;
	const endMs = unixNanoMs(span.endTimeUnixNano, '.endTimeUnixNano');
	if (typeof span.name !== 'string' || span.name === '') throw new InvalidRecordError('name', '.name is missing: OTLP requires every span to have one');
	const kind = spanKind(span.kind);
	// Callers name what they call; consumers name the topic they read, which is what they depend on.
	const namesCallee = kind === SpanKind.CLIENT || kind === SpanKind.PRODUCER || kind === SpanKind.CONSUMER;
	const status = isObject(span.status) ? span.status.code : undefined;
	let callee: InferredCallee | undefined;
	let resendCount: number | undefined;
	let access: Access | undefined;
	// Skip the attribute scan when nothing would use it.
	if (namesCallee || onSampling) {
		const attributes = pickAttributes(span.attributes, namesCallee ? CALLER_ATTRIBUTES : SAMPLING_ATTRIBUTES);
		if (namesCallee) {
			callee = inferCallee(attributes);
			resendCount = resendCountOf(attributes);
			access = storeAccess(callee, attributes, span.name);
		}
		if (onSampling) {
			const sampling = spanSampling(attributes, span.traceState);
			if (sampling) onSampling(sampling);
		}
	}
	const msApart = endMs - startMs;
	// Under 2^53 ns apart the difference in ns is an exact double, as Number(BigInt) would give it.
	const durationMs =
		msApart < 9e6 && msApart > -9e6 ? (msApart * 1e6 + (subMsNs - startSubNs)) / 1e6 : Number(nanos(endMs, subMsNs) - nanos(startMs, startSubNs)) / 1e6;
	const error = status === STATUS_CODE_ERROR || status === 'STATUS_CODE_ERROR';
	return { traceId, spanId, parentSpanId, service, serviceVersion, kind, error, startMs, endMs, durationMs, callee, name: span.name, instance, resendCount, access };
}

/**
 * Reads the wanted keys of an OTLP `KeyValue` list into a map of strings. Scalar values
 * (string, int as string or number, bool, double) become their text; empty strings,
 * arrays, maps and bytes are left out. A list that is not an array reads as empty:
 * attributes only refine names, so a bad one should not fail the pull.
 */
export function pickAttributes(list: unknown, wanted: ReadonlySet<string>): ReadonlyMap<string, string> {
	// Most spans carry none of the wanted keys: allocate a map only when one is found.
	let picked: Map<string, string> | undefined;
	if (!Array.isArray(list)) return NOTHING_PICKED;
	for (const entry of list) {
		if (!isObject(entry) || typeof entry.key !== 'string' || !wanted.has(entry.key)) continue;
		const text = anyValueText(entry.value);
		if (text === undefined) continue;
		picked ??= new Map();
		if (!picked.has(entry.key)) picked.set(entry.key, text);
	}
	return picked ?? NOTHING_PICKED;
}

const NOTHING_PICKED: ReadonlyMap<string, string> = new Map();

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
 * Returns lowercase hex, or undefined for an absent, empty or all-zero id; throws `InvalidRecordError` for another value.
 */
function optionalId(value: unknown, bytes: number, field: string, reason: 'trace-id' | 'span-id' | 'parent-id'): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') throw new InvalidRecordError(reason, `${field} must be a hex string, found ${typeName(value)}`);
	let hex: string | undefined;
	if (value.length === bytes * 2) {
		// The common case first: one table lookup per character, no copy.
		const digits = lowerHexDigits(value);
		if (digits === NONZERO_HEX) return value;
		if (digits === ZERO_HEX) return undefined;
		if (HEX.test(value)) hex = value.toLowerCase();
	} else if (value.length === Math.ceil(bytes / 3) * 4 && /^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
		const decoded = Buffer.from(value, 'base64');
		if (decoded.length === bytes) hex = decoded.toString('hex');
	}
	if (hex === undefined) throw new InvalidRecordError(reason, `${field} must be ${bytes * 2} hex digits, found ${quote(value)}`);
	return ALL_ZEROS.test(hex) ? undefined : hex;
}

const HEX = /^[0-9a-fA-F]+$/;
const ALL_ZEROS = /^0+$/;
const NOT_LOWER_HEX = 0;
const ZERO_HEX = 1;
const NONZERO_HEX = 2;
// Per ASCII code: 0 not a lowercase hex digit, ZERO_HEX for `0`, NONZERO_HEX for the others.
const LOWER_HEX_DIGIT = new Uint8Array(128);
for (const digit of '123456789abcdef') LOWER_HEX_DIGIT[digit.charCodeAt(0)] = NONZERO_HEX;
LOWER_HEX_DIGIT[48] = ZERO_HEX;

/** Whether a string is all lowercase hex digits, and if so whether any is not 0: a table is about 3x cheaper than the regexes. */
function lowerHexDigits(text: string): number {
	let seen = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		const digit = code < 128 ? (LOWER_HEX_DIGIT[code] as number) : NOT_LOWER_HEX;
		if (digit === NOT_LOWER_HEX) return NOT_LOWER_HEX;
		seen |= digit;
	}
	return seen & NONZERO_HEX ? NONZERO_HEX : ZERO_HEX;
}

function requiredId(value: unknown, bytes: number, field: string, reason: 'trace-id' | 'span-id'): string {
	const id = optionalId(value, bytes, field, reason);
	if (id === undefined) throw new InvalidRecordError(reason, `${field} is ${value === undefined || value === null || value === '' ? 'missing' : 'all zeros'}`);
	return id;
}

/** The sub-millisecond nanoseconds of the last `unixNanoMs` read: a second result without an object per timestamp. */
let subMsNs = 0;

/**
 * Reads a nanosecond timestamp as whole milliseconds, leaving the nanoseconds past them in
 * `subMsNs`. Nanosecond timestamps exceed 2^53, so the digits are split rather than parsed whole
 * (both halves are exact doubles, and BigInt costs real throughput per span); JSON numbers are
 * accepted with their float precision. An absent timestamp means 0, as proto3 JSON leaves zero values out.
 */
function unixNanoMs(value: unknown, field: string): number {
	if (value === undefined || value === null) {
		subMsNs = 0;
		return 0;
	}
	if (typeof value === 'string' && value.length > 0 && value.length <= 30) {
		// Digit by digit, both halves stay exact below 2^53: up to 15 digits of milliseconds.
		const split = value.length - 6;
		let ms = 0;
		let sub = 0;
		let i = 0;
		for (; i < split; i++) {
			const digit = value.charCodeAt(i) - 48;
			if (digit < 0 || digit > 9) break;
			ms = ms * 10 + digit;
		}
		for (; i < value.length; i++) {
			const digit = value.charCodeAt(i) - 48;
			if (digit < 0 || digit > 9) break;
			sub = sub * 10 + digit;
		}
		if (i === value.length) {
			subMsNs = sub;
			// Past 2^53 ms (no real timestamp) the sum would round twice; this rounds once, as Number(ns / 1_000_000n) did.
			return split > 15 ? Number(value.slice(0, split)) : ms;
		}
	}
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
		const ns = BigInt(value);
		subMsNs = Number(ns % 1_000_000n);
		return Number(ns / 1_000_000n);
	}
	throw new InvalidRecordError('time', `${field} must be a non-negative integer of nanoseconds, found ${quote(value)}`);
}

// Only for spans further apart than 2^53 ns; a rounded `ms` (past 2^53) leaves the span unusable anyway.
function nanos(ms: number, subNs: number): bigint {
	return BigInt(ms) * 1_000_000n + BigInt(subNs);
}

function optionalArray(value: unknown, at: () => string): unknown[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw new OtlpShapeError(`${at()} must be an array, found ${typeName(value)}`);
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

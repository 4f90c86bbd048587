import { DEFAULT_MAX_BUFFERED_SPANS, DEFAULT_TRACE_IDLE_SPANS } from '../derive-service-graph.ts';
import { CALLEE_ATTRIBUTES, inferCallee } from '../otlp-json/infer-callee.ts';
import { instanceOf, resendCountOf } from '../retry-evidence.ts';
import { storeAccess } from '../access-evidence.ts';
import { SpanKind, UNKNOWN_SERVICE, type SpanInput, type SpanKindNumber } from '../span-input.ts';
import { isJsonObject, jsonTypeName, normalizeHexId, quoteInput } from './json-document.ts';
import type { JsonPath } from './json-path.ts';
import { InvalidRecordError, type SkippedRecords } from './skipped-records.ts';
import { spanTimesFromMicros } from './span-times-from-micros.ts';

/** One Zipkin v2 span as parsed, before fragments are merged. */
interface Piece {
	traceId: string;
	id: string;
	parentId: string | undefined;
	kind: ZipkinKind | undefined;
	shared: boolean;
	timestampUs: number | undefined;
	durationUs: number | undefined;
	/** The span's `name`, when it has one (Zipkin's is optional). */
	name: string | undefined;
	/** Lower-cased `localEndpoint.serviceName`, undefined when missing or empty. */
	service: string | undefined;
	ipv4: string | undefined;
	ipv6: string | undefined;
	port: number | undefined;
	remoteService: string | undefined;
	tags: Map<string, string>;
	error: boolean;
}

type ZipkinKind = 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';

const KINDS: Record<ZipkinKind, SpanKindNumber> = {
	CLIENT: SpanKind.CLIENT,
	SERVER: SpanKind.SERVER,
	PRODUCER: SpanKind.PRODUCER,
	CONSUMER: SpanKind.CONSUMER,
};

/** Zipkin span ids are 64-bit, so a 32-digit id made from one can never equal a real span id. */
const DERIVED_SUFFIX_DIGITS = 16;

/**
 * Turns the Zipkin v2 spans of one document (any number of traces, any order) into graph
 * spans. Zipkin's own rules come first, as its `Trace.merge` applies them:
 *
 * - Fragments of one span (same trace and span id, compatible kind and local endpoint, one of
 *   them often without kind, timestamp or endpoint) are merged into one span, so a late
 *   annotation-only report is not a second span. Unlike Zipkin, two reports that both carry a
 *   kind and a timestamp, and different timestamps, stay two spans: real traces have a server receiving one message
 *   several times on one host, and each reception is a call.
 * - A SERVER span that shares its id with a CLIENT span is the server half of that RPC, even
 *   without `shared: true` (older instrumentation leaves it out).
 * - The server half gets a derived, collision-free id (the 16-digit id followed by 16 more
 *   digits) and the client span as its parent, so client → server is one parent/child call.
 *   Children that name the shared id as their parent are moved under the server half of their own
 *   service (and endpoint), as Zipkin's span tree does.
 *
 * A span that is not an object, or whose trace id, id, parent id or times cannot be read, is
 * skipped into `skipped` (Zipkin's `name` is optional, so a span without one is read).
 * Service names are lower-cased, as Zipkin's `Endpoint` does; a span without one is kept under
 * `unknown_service`. A span without a timestamp (after merging) is placed at the earliest timestamp
 * of its trace, with no duration; a trace without any timestamp starts at 0, so its spans count
 * as outside any window. Errors: the `error` tag, present with any value, as Zipkin's dependency
 * linker counts them; HTTP status tags are not read, because instrumentation sets `error` for them.
 */
export function zipkinSpanInputs(raw: readonly { value: unknown; at: JsonPath }[], skipped: SkippedRecords): SpanInput[] {
	const traces = new Map<string, Map<string, Piece[]>>();
	for (const { value, at } of raw) {
		let piece: Piece;
		try {
			piece = parsePiece(value);
		} catch (error) {
			if (!(error instanceof InvalidRecordError)) throw error;
			skipped.skip(error, at);
			continue;
		}
		let trace = traces.get(piece.traceId);
		if (!trace) traces.set(piece.traceId, (trace = new Map()));
		const group = trace.get(piece.id);
		if (group) group.push(piece);
		else trace.set(piece.id, [piece]);
	}
	const out: SpanInput[] = [];
	for (const trace of traces.values()) out.push(...traceSpanInputs(trace));
	return out;
}

/**
 * `zipkinSpanInputs` for spans streamed one at a time: pieces are grouped by trace, and a trace
 * is turned into graph spans (handed to `onSpan`) once `idle` more spans were read without
 * one of its own, or once more than `max` pieces are held (the longest idle first), so memory is
 * bounded on a file of any size. Files written by Zipkin keep a trace's spans together, so
 * the result is the same as reading the document whole.
 */
export class ZipkinTraceWindow {
	readonly #traces = new Map<string, { pieces: Map<string, Piece[]>; lastSeen: number; size: number }>();
	readonly #skipped: SkippedRecords;
	readonly #onSpan: (span: SpanInput) => void;
	readonly #idle: number;
	readonly #max: number;
	#seen = 0;
	#held = 0;

	constructor(skipped: SkippedRecords, onSpan: (span: SpanInput) => void, idle = DEFAULT_TRACE_IDLE_SPANS, max = DEFAULT_MAX_BUFFERED_SPANS) {
		this.#skipped = skipped;
		this.#onSpan = onSpan;
		this.#idle = idle;
		this.#max = max;
	}

	/** Adds one raw span found at `at` (on `line`, asked only when it is the first skipped of its kind). */
	add(value: unknown, at: JsonPath, line?: () => number | null): void {
		this.#seen++;
		let piece: Piece;
		try {
			piece = parsePiece(value);
		} catch (error) {
			if (!(error instanceof InvalidRecordError)) throw error;
			this.#skipped.skip(error, at, line);
			return;
		}
		let trace = this.#traces.get(piece.traceId);
		if (trace) this.#traces.delete(piece.traceId);
		else trace = { pieces: new Map(), lastSeen: 0, size: 0 };
		// Re-inserted, so the map runs from the longest idle trace to the latest.
		this.#traces.set(piece.traceId, trace);
		trace.lastSeen = this.#seen;
		trace.size++;
		this.#held++;
		const group = trace.pieces.get(piece.id);
		if (group) group.push(piece);
		else trace.pieces.set(piece.id, [piece]);
		for (const [traceId, oldest] of this.#traces) {
			if (this.#seen - oldest.lastSeen < this.#idle && this.#held <= this.#max) break;
			this.#flush(traceId, oldest);
		}
	}

	/** Turns every trace still held into graph spans. */
	finish(): void {
		for (const [traceId, trace] of this.#traces) this.#flush(traceId, trace);
	}

	#flush(traceId: string, trace: { pieces: Map<string, Piece[]>; size: number }): void {
		this.#traces.delete(traceId);
		this.#held -= trace.size;
		for (const span of traceSpanInputs(trace.pieces)) this.#onSpan(span);
	}
}

function traceSpanInputs(trace: Map<string, Piece[]>): SpanInput[] {
	const groups = new Map<string, { primary: Piece; halves: Piece[]; ids: Map<Piece, string> }>();
	let earliestUs: number | undefined;
	for (const [id, pieces] of trace) {
		const merged = mergeFragments(pieces);
		const primary = merged.find((piece) => !piece.shared) ?? (merged[0] as Piece);
		const ids = new Map<Piece, string>([[primary, id]]);
		let k = 0;
		for (const piece of merged) {
			if (piece !== primary) ids.set(piece, id + (++k).toString(16).padStart(DERIVED_SUFFIX_DIGITS, '0'));
			if (piece.timestampUs !== undefined && (earliestUs === undefined || piece.timestampUs < earliestUs)) {
				earliestUs = piece.timestampUs;
			}
		}
		const halves = primary.shared ? [] : merged.filter((piece) => piece.shared);
		groups.set(id, { primary, halves, ids });
	}

	const out: SpanInput[] = [];
	for (const [id, { halves, ids }] of groups) {
		for (const [piece, spanId] of ids) {
			let parentSpanId: string | undefined;
			if (halves.includes(piece)) parentSpanId = id;
			else if (piece.parentId !== undefined && piece.parentId !== piece.id) {
				const parent = groups.get(piece.parentId);
				parentSpanId = parent ? (parent.ids.get(parentFor(piece, parent.primary, parent.halves)) as string) : piece.parentId;
			}
			out.push(toSpanInput(piece, spanId, parentSpanId, earliestUs));
		}
	}
	return out;
}

// A child of a shared id belongs under the server half of its own service, the one on its own host if several.
function parentFor(child: Piece, primary: Piece, halves: Piece[]): Piece {
	if (halves.length === 0) return primary;
	const sameService = halves.filter((half) => half.service === child.service);
	if (sameService.length > 0) return sameService.find((half) => sameHost(half, child)) ?? (sameService[0] as Piece);
	if (primary.service === child.service) return primary;
	return halves[0] as Piece;
}

function sameHost(a: Piece, b: Piece): boolean {
	return a.ipv4 === b.ipv4 && a.ipv6 === b.ipv6 && a.port === b.port;
}

function mergeFragments(pieces: Piece[]): Piece[] {
	// Backfill `shared`: a SERVER span reusing a CLIENT span's id is its server half.
	if (pieces.some((piece) => piece.kind === 'CLIENT')) {
		for (const piece of pieces) if (piece.kind === 'SERVER') piece.shared = true;
	}
	const merged: Piece[] = [];
	for (const piece of pieces) {
		const candidates = merged.filter((target) => compatible(target, piece));
		const target = candidates.find((candidate) => candidate.shared === piece.shared) ?? candidates[0];
		if (target) absorb(target, piece);
		else merged.push({ ...piece, tags: new Map(piece.tags) });
	}
	return merged;
}

function compatible(a: Piece, b: Piece): boolean {
	if (a.kind !== undefined && b.kind !== undefined) {
		if (a.kind !== b.kind || a.shared !== b.shared) return false;
		// Two complete reports that started at different times are two events (a message received twice), not parts of one.
		if (a.timestampUs !== undefined && b.timestampUs !== undefined && a.timestampUs !== b.timestampUs) return false;
	}
	if (a.service === undefined || b.service === undefined) return true;
	if (a.service !== b.service) return false;
	const differ = <T>(x: T | undefined, y: T | undefined) => x !== undefined && y !== undefined && x !== y;
	return !differ(a.ipv4, b.ipv4) && !differ(a.ipv6, b.ipv6) && !differ(a.port, b.port);
}

function absorb(target: Piece, piece: Piece): void {
	target.kind ??= piece.kind;
	target.shared ||= piece.shared;
	if (target.timestampUs === undefined) {
		target.timestampUs = piece.timestampUs;
		target.durationUs = piece.durationUs;
	} else if (target.durationUs === undefined && (piece.timestampUs === undefined || piece.timestampUs === target.timestampUs)) {
		target.durationUs = piece.durationUs;
	}
	target.parentId ??= piece.parentId;
	target.name ??= piece.name;
	target.service ??= piece.service;
	target.ipv4 ??= piece.ipv4;
	target.ipv6 ??= piece.ipv6;
	target.port ??= piece.port;
	target.remoteService ??= piece.remoteService;
	for (const [key, value] of piece.tags) if (!target.tags.has(key)) target.tags.set(key, value);
	target.error ||= piece.error;
}

function toSpanInput(piece: Piece, spanId: string, parentSpanId: string | undefined, earliestUs: number | undefined): SpanInput {
	const startUs = piece.timestampUs ?? earliestUs;
	const times = spanTimesFromMicros(startUs ?? 0, piece.timestampUs !== undefined ? piece.durationUs : undefined);
	const kind = piece.kind ? KINDS[piece.kind] : SpanKind.INTERNAL;
	const pointsOut = kind === SpanKind.CLIENT || kind === SpanKind.PRODUCER || kind === SpanKind.CONSUMER;
	const callee = pointsOut ? inferCallee(calleeAttributes(piece)) : undefined;
	return {
		traceId: piece.traceId,
		spanId,
		parentSpanId,
		service: piece.service ?? UNKNOWN_SERVICE,
		serviceVersion: undefined,
		kind,
		error: piece.error,
		...times,
		callee,
		name: piece.name,
		instance: instanceOf(piece.tags) ?? endpointInstance(piece),
		resendCount: kind === SpanKind.CLIENT ? resendCountOf(piece.tags) : undefined,
		access: storeAccess(callee, piece.tags, piece.name),
	};
}

// Zipkin has no resources: the local endpoint's address (and port, which tells two processes on one host apart) names the instance.
function endpointInstance(piece: Piece): string | undefined {
	const address = piece.ipv4 ?? (piece.ipv6 === undefined ? undefined : `[${piece.ipv6}]`);
	if (address === undefined) return undefined;
	return piece.port === undefined ? address : `${address}:${piece.port}`;
}

/**
 * The attributes `inferCallee` reads, from a Zipkin span: OpenTelemetry-style tags as they are,
 * Brave's `kafka.topic` as a Kafka destination, and `remoteEndpoint.serviceName` as the peer.
 */
function calleeAttributes(piece: Piece): Map<string, string> {
	const attributes = new Map<string, string>();
	for (const [key, value] of piece.tags) if (CALLEE_ATTRIBUTES.has(key)) attributes.set(key, value);
	const topic = piece.tags.get('kafka.topic');
	if (topic !== undefined && !attributes.has('messaging.system')) {
		attributes.set('messaging.system', 'kafka');
		attributes.set('messaging.destination.name', topic);
	}
	if (piece.remoteService !== undefined && !attributes.has('peer.service')) attributes.set('peer.service', piece.remoteService);
	return attributes;
}

function parsePiece(span: unknown): Piece {
	if (!isJsonObject(span)) throw new InvalidRecordError('not-an-object', ` must be a span object, found ${jsonTypeName(span)}`);
	const traceId = normalizeHexId(span.traceId, 32);
	if (!traceId) throw new InvalidRecordError('trace-id', `.traceId must be 16 or 32 hex digits, not all zeros, found ${describeValue(span.traceId)}`);
	const id = normalizeHexId(span.id, 16);
	if (!id) throw new InvalidRecordError('span-id', `.id must be 16 hex digits, not all zeros, found ${describeValue(span.id)}`);
	const parentId = normalizeHexId(span.parentId, 16);
	if (parentId === null) throw new InvalidRecordError('parent-id', `.parentId must be 16 hex digits, found ${describeValue(span.parentId)}`);
	const local = isJsonObject(span.localEndpoint) ? span.localEndpoint : {};
	const remote = isJsonObject(span.remoteEndpoint) ? span.remoteEndpoint : {};
	const tags = new Map<string, string>();
	if (isJsonObject(span.tags)) {
		for (const [key, value] of Object.entries(span.tags)) {
			if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') tags.set(key, String(value).trim());
		}
	}
	return {
		traceId,
		id,
		parentId,
		kind: typeof span.kind === 'string' && span.kind in KINDS ? (span.kind as ZipkinKind) : undefined,
		shared: span.shared === true,
		timestampUs: micros(span.timestamp, '.timestamp'),
		durationUs: micros(span.duration, '.duration'),
		name: typeof span.name === 'string' && span.name.trim() !== '' ? span.name.trim() : undefined,
		service: serviceName(local.serviceName),
		ipv4: typeof local.ipv4 === 'string' ? local.ipv4 : undefined,
		ipv6: typeof local.ipv6 === 'string' ? local.ipv6 : undefined,
		port: typeof local.port === 'number' ? local.port : undefined,
		remoteService: serviceName(remote.serviceName),
		tags,
		error: isJsonObject(span.tags) && 'error' in span.tags,
	};
}

/** Zipkin lower-cases service names; empty means none. */
function serviceName(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const name = value.trim().toLowerCase();
	return name === '' ? undefined : name;
}

// Zipkin writes 0 for "not set" in some versions, so 0 reads as absent.
function micros(value: unknown, field: string): number | undefined {
	if (value === undefined || value === null || value === 0) return undefined;
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
	throw new InvalidRecordError('time', `${field} must be a positive integer of microseconds, found ${describeValue(value)}`);
}

function describeValue(value: unknown): string {
	return typeof value === 'string' ? quoteInput(value) : jsonTypeName(value);
}

import { LatencySketch } from './latency-sketch.ts';
import type { Namer } from './naming/service-naming.ts';
import type { NodeKind, ObservedEdge, ObservedService, TelemetrySnapshot } from './snapshot.ts';

/** OTLP span kinds (`Span.SpanKind`), the numbers the wire format uses. */
export const SpanKind = {
	UNSPECIFIED: 0,
	INTERNAL: 1,
	SERVER: 2,
	CLIENT: 3,
	PRODUCER: 4,
	CONSUMER: 5,
} as const;

/** An OTLP span kind number. */
export type SpanKindNumber = (typeof SpanKind)[keyof typeof SpanKind];

/** An uninstrumented thing a client span called, inferred by the source from the span's attributes. */
export interface InferredCallee {
	/** Node name, such as `postgresql:orders`. */
	name: string;
	/** What the node is. */
	kind: Exclude<NodeKind, 'service'>;
	/** How the edge is reported. */
	via: Exclude<ObservedEdge['via'], 'parent-child'>;
}

/** One span as a source hands it to the graph: only what joining and counting need, no attributes. */
export interface SpanInput {
	/** Lowercase hex trace id. */
	traceId: string;
	/** Lowercase hex span id. */
	spanId: string;
	/** Lowercase hex parent span id, or undefined for a root span. */
	parentSpanId: string | undefined;
	/** `service.name` of the emitting resource (`unknown_service` when it had none). */
	service: string;
	/** `service.version` of the emitting resource, when present. */
	serviceVersion: string | undefined;
	/** OTLP span kind. */
	kind: SpanKindNumber;
	/** Whether the span's status is ERROR. */
	error: boolean;
	/** Start time in whole milliseconds since the Unix epoch (finer digits truncated), so window checks are exact. */
	startMs: number;
	/** End time in whole milliseconds since the Unix epoch (0 when the span did not say). */
	endMs: number;
	/**
	 * End minus start in milliseconds, with the sub-millisecond fraction the source had (negative
	 * when the span ends before it starts, or gave no end). Computed by the source from its own
	 * units: epoch times as fractional milliseconds would only be accurate to about 0.25 µs.
	 */
	durationMs: number;
	/** For CLIENT and PRODUCER spans: the callee their attributes name, used when no child span answers. */
	callee: InferredCallee | undefined;
}

/** What `add` did with a span. */
export type AddResult = 'counted' | 'outside-window' | 'duplicate';

/** The derived graph and counts, ready to go into a snapshot. */
export interface ServiceGraph {
	/** The snapshot's `stats`. */
	stats: TelemetrySnapshot['stats'];
	/** Every node, sorted by name. */
	services: ObservedService[];
	/** Every edge, sorted by from, then to, then via. */
	edges: ObservedEdge[];
	/** Spans ignored because a span with the same trace and span id was already added. */
	duplicateSpans: number;
	/**
	 * Spans that arrived after their trace had been joined and dropped for being idle. They are
	 * joined among themselves; those whose parent was in the dropped part count as orphans.
	 */
	lateSpans: number;
	/** The most spans held at once, waiting for their trace to be joined: what memory was spent on. */
	peakHeldSpans: number;
}

/** How long the deriver holds spans before joining their trace; see `createServiceGraphDeriver`. */
export interface ServiceGraphOptions {
	/**
	 * A trace that no span has joined while this many spans were fed is joined and dropped.
	 * Default `DEFAULT_TRACE_IDLE_SPANS`; `Infinity` holds every trace until `finish`.
	 */
	traceIdleSpans?: number;
	/**
	 * The most spans held at once: past it, the longest-idle traces are joined early, so memory
	 * stays bounded even when traces never go idle. Default `DEFAULT_MAX_BUFFERED_SPANS`.
	 */
	maxBufferedSpans?: number;
	/** Normalizes service names as spans and links arrive; folded raw names go into `rawNames`. */
	namer?: Namer;
}

/**
 * Default `traceIdleSpans`: 50,000 spans is a trace going quiet for 50 s at 1,000 spans a second
 * (5 s at 10,000). A held span costs about 400 bytes of live heap, so this is about 20 MB, and
 * V8 lets the heap grow to a few times its live size between full collections.
 */
export const DEFAULT_TRACE_IDLE_SPANS = 50_000;
/** Default `maxBufferedSpans`: about 100 MB of held spans at worst, for traces that never go quiet. */
export const DEFAULT_MAX_BUFFERED_SPANS = 250_000;

/** An aggregated dependency, as Zipkin's and Jaeger's dependency APIs give them: totals, no times, no latency. */
export interface LinkInput {
	/** Calling service. */
	from: string;
	/** Called service. */
	to: string;
	/** Calls in the period the link covers. */
	calls: number;
	/** Failed calls among them. */
	errors: number;
}

/** Builds a service graph from spans fed one at a time, for one observation window. */
export interface ServiceGraphDeriver {
	/** Feeds one span; spans of a trace may arrive in any order, from any file, as long as they arrive close together. */
	add(span: SpanInput): AddResult;
	/** Adds an aggregated dependency link; its services become nodes without times. */
	addLink(link: LinkInput): void;
	/** Joins the spans of each trace and returns the graph; call once, after the last `add`. */
	finish(): ServiceGraph;
}

/** The name OpenTelemetry SDKs give a service that did not set `service.name`. */
export const UNKNOWN_SERVICE = 'unknown_service';

/**
 * What is kept of each span until its trace is joined. Deliberately small: ids, the service
 * name (a string shared with every span of the same resource), timing and a few flags.
 */
interface StoredSpan {
	parentSpanId: string | undefined;
	service: string;
	kind: SpanKindNumber;
	error: boolean;
	startMs: number;
	endMs: number;
	durationMs: number | null;
	callee: InferredCallee | undefined;
	/** Set while joining: a span of another service names this one as its parent. */
	hasRemoteChild: boolean;
}

/** A trace's held spans; `queuedAt` is its place in the idle queue, `touchedAt` its last span (both in spans fed). */
interface HeldTrace {
	traceId: string;
	spans: Map<string, StoredSpan>;
	queuedAt: number;
	touchedAt: number;
}

interface NodeAggregate {
	kind: NodeKind;
	/** Raw names folded into this one by the namer. */
	rawNames: Set<string>;
	spans: number;
	// Infinity / -Infinity until a timed span touches the node: links carry no times.
	firstMs: number;
	lastMs: number;
	versions: Set<string>;
}

interface EdgeAggregate {
	from: string;
	to: string;
	via: ObservedEdge['via'];
	calls: number;
	errors: number;
	latency: LatencySketch;
	firstMs: number;
	lastMs: number;
}

/** The last instant a JavaScript Date can represent, in ms. */
const MAX_DATE_MS = 8.64e15;
/** When one name is both an instrumented service and an inferred callee, the stronger kind wins. */
const KIND_RANK: Record<NodeKind, number> = { service: 0, database: 1, queue: 2, external: 3 };

/**
 * Creates a deriver for the window `[start, end)`.
 *
 * Rules, applied per trace once every span is in:
 * - messaging goes through its topic: a PRODUCER span that names a queue depends on that queue
 *   (producer → queue), and so does a CONSUMER span that names one (consumer → queue), whether or
 *   not the other side is instrumented. The producer does not depend on its consumers, so a
 *   producer/consumer span pair that names a queue makes no producer → consumer edge.
 * - any other span whose parent (same trace, `parentSpanId`) belongs to another service is one call on
 *   the edge parent service → child service (`parent-child`). When the parent is a CLIENT or
 *   PRODUCER span, the call is timed by the parent (the caller's view) and fails when either
 *   span failed; otherwise it is timed by the child and fails when the child failed.
 * - a CLIENT or PRODUCER span that no span of another service names as its parent called
 *   something uninstrumented: its `callee` (from the source) becomes a node and an edge.
 *   A callee with the caller's own name is not an edge (a service naming itself as its peer).
 * - a span whose parent is not among the window's spans is an orphan (its trace is incomplete,
 *   or the parent started before the window).
 *
 * Memory: per-service counts are folded in at `add` time; only joining needs the spans, and it
 * works trace by trace. So a trace is held only while it is active: once no span of it has
 * arrived for `traceIdleSpans` spans, it is joined and dropped, and when more than
 * `maxBufferedSpans` spans are held, the longest-idle traces are joined early. Telemetry
 * written as it is collected (the Collector's file exporter) keeps a trace's spans close
 * together, so the result equals a join of everything at the end. A span that arrives for a
 * trace already dropped starts a new held part of it: it is counted (as a late span, see
 * `ServiceGraph.lateSpans`); its trace is not counted twice while its id is remembered (the
 * last `traceIdleSpans` dropped ids, at least 10,000); a parent in the dropped part makes it an
 * orphan, so its call is missed rather than guessed, and the caller's client span, joined
 * without it, may have been counted as a call to its inferred callee instead. A duplicate of a
 * dropped span cannot be recognised and is counted again. Idleness is checked every
 * `traceIdleSpans / 16` spans (at most 1,024), so a trace may stay a little longer than the limit.
 */
export function createServiceGraphDeriver(window: { start: Date; end: Date }, options: ServiceGraphOptions = {}): ServiceGraphDeriver {
	const windowStartMs = window.start.getTime();
	const windowEndMs = window.end.getTime();
	const traceIdleSpans = options.traceIdleSpans ?? DEFAULT_TRACE_IDLE_SPANS;
	const maxBufferedSpans = options.maxBufferedSpans ?? DEFAULT_MAX_BUFFERED_SPANS;
	if (!(traceIdleSpans >= 1) || !(maxBufferedSpans >= 1)) throw new RangeError('traceIdleSpans and maxBufferedSpans must be at least 1');
	const namer = options.namer;
	const checkEvery = Math.max(1, Math.min(1024, Math.floor(traceIdleSpans / 16)));
	// Held traces by id, and in idle-queue order: a trace touched since it was queued is moved
	// to the back lazily, when it reaches the front, so feeding a span stays O(1). (An array, not
	// the Map's own order: a Map iterator walks every deleted entry before the first live one.)
	const traces = new Map<string, HeldTrace>();
	const queue: (HeldTrace | undefined)[] = [];
	let queueHead = 0;
	// Ids of dropped traces, oldest first, so a late span does not count its trace twice.
	const joinedTraceIds = new Set<string>();
	// Late spans come soon after their trace was dropped, so the last `traceIdleSpans` ids (at
	// least 10,000, which cost under a megabyte) are enough.
	const joinedLimit = Math.min(Math.max(traceIdleSpans, 10_000), maxBufferedSpans, 2 ** 32 - 1);
	const joinedRing: (string | undefined)[] = [];
	let joinedNext = 0;
	const callees = new Map<string, InferredCallee>();
	const nodes = new Map<string, NodeAggregate>();
	const edges = new Map<string, EdgeAggregate>();
	const edgeIndex = new Map<string, Map<string, Map<string, EdgeAggregate>>>();
	let fed = 0;
	let held = 0;
	let peakHeld = 0;
	let traceCount = 0;
	let lateSpans = 0;
	let spans = 0;
	let spansOutsideWindow = 0;
	let orphanSpans = 0;
	let duplicateSpans = 0;
	let finished = false;

	function touchNode(name: string, kind: NodeKind, firstMs: number, lastMs: number): NodeAggregate {
		let node = nodes.get(name);
		if (!node) {
			node = { kind, rawNames: new Set(), spans: 0, firstMs, lastMs, versions: new Set() };
			nodes.set(name, node);
		} else {
			if (KIND_RANK[kind] < KIND_RANK[node.kind]) node.kind = kind;
			if (firstMs < node.firstMs) node.firstMs = firstMs;
			if (lastMs > node.lastMs) node.lastMs = lastMs;
		}
		return node;
	}

	function recordCall(from: string, to: string, via: ObservedEdge['via'], call: StoredSpan, error: boolean): void {
		// Nested maps keyed by the shared name strings: no key string to build per call.
		let byTo = edgeIndex.get(from);
		if (!byTo) edgeIndex.set(from, (byTo = new Map()));
		let byVia = byTo.get(to);
		if (!byVia) byTo.set(to, (byVia = new Map()));
		let edge = byVia.get(via);
		if (!edge) {
			edge = {
				from,
				to,
				via,
				calls: 0,
				errors: 0,
				latency: new LatencySketch(),
				firstMs: call.startMs,
				lastMs: call.endMs,
			};
			byVia.set(via, edge);
			edges.set(edgeKey(from, to, via), edge);
		}
		edge.calls++;
		if (error) edge.errors++;
		if (call.durationMs !== null) edge.latency.add(call.durationMs);
		if (call.startMs < edge.firstMs) edge.firstMs = call.startMs;
		if (call.endMs > edge.lastMs) edge.lastMs = call.endMs;
	}

	function joinTrace(trace: Map<string, StoredSpan>): void {
		for (const span of trace.values()) {
			if (span.parentSpanId === undefined) continue;
			const parent = trace.get(span.parentSpanId);
			if (!parent) {
				orphanSpans++;
				continue;
			}
			if (parent.service === span.service) continue;
			const queue = queueBetween(parent, span);
			if (queue) {
				// Each side is recorded once, by the loop below when its own span names the queue.
				if (parent.callee?.kind !== 'queue') {
					touchNode(queue.name, 'queue', parent.startMs, parent.endMs);
					recordCall(parent.service, queue.name, 'messaging', parent, parent.error);
					parent.hasRemoteChild = true;
				}
				if (span.callee?.kind !== 'queue') {
					touchNode(queue.name, 'queue', span.startMs, span.endMs);
					recordCall(span.service, queue.name, 'messaging', span, span.error);
				}
				continue;
			}
			parent.hasRemoteChild = true;
			const callerTimed = parent.kind === SpanKind.CLIENT || parent.kind === SpanKind.PRODUCER;
			const call = callerTimed ? parent : span;
			recordCall(parent.service, span.service, 'parent-child', call, span.error || (callerTimed && parent.error));
		}
		for (const span of trace.values()) {
			if (span.hasRemoteChild || !span.callee || span.callee.name === span.service) continue;
			const consumesQueue = span.kind === SpanKind.CONSUMER && span.callee.kind === 'queue';
			if (span.kind !== SpanKind.CLIENT && span.kind !== SpanKind.PRODUCER && !consumesQueue) continue;
			touchNode(span.callee.name, span.callee.kind, span.startMs, span.endMs);
			recordCall(span.service, span.callee.name, span.callee.via, span, span.error);
		}
	}

	// The queue a producer/consumer pair went through, named by either side.
	function queueBetween(parent: StoredSpan, child: StoredSpan): InferredCallee | undefined {
		if (parent.kind === SpanKind.PRODUCER && parent.callee?.kind === 'queue') return parent.callee;
		if (child.kind === SpanKind.CONSUMER && child.callee?.kind === 'queue') return child.callee;
		return undefined;
	}

	function nameOf(raw: string): string {
		return namer ? namer.normalize(raw) : raw;
	}

	// Client spans of one caller name the same few callees: hold one object per callee, not per span.
	function internCallee(callee: InferredCallee): InferredCallee {
		const shared = callees.get(callee.name);
		if (shared && shared.kind === callee.kind && shared.via === callee.via) return shared;
		// A name inferred as two kinds (rare) keeps the latest: interning only saves memory.
		callees.set(callee.name, callee);
		return callee;
	}

	// Remembers a dropped trace's id, forgetting the oldest past the limit (a ring, not the
	// Set's order, for the same reason as the queue).
	function rememberJoined(traceId: string): void {
		if (joinedTraceIds.has(traceId)) return;
		const forgotten = joinedRing[joinedNext];
		if (forgotten !== undefined) joinedTraceIds.delete(forgotten);
		joinedRing[joinedNext] = traceId;
		joinedNext = (joinedNext + 1) % joinedLimit;
		joinedTraceIds.add(traceId);
	}

	// Joins and drops traces from the front of the queue while they are idle or too much is held.
	function dropIdleTraces(): void {
		while (queueHead < queue.length) {
			const trace = queue[queueHead] as HeldTrace;
			const idle = fed - trace.touchedAt >= traceIdleSpans;
			const touched = trace.touchedAt !== trace.queuedAt;
			if (!idle && held <= maxBufferedSpans && !touched) break;
			queue[queueHead++] = undefined;
			if (!idle && touched) {
				// Touched since it was queued: not the longest idle, so back of the queue.
				trace.queuedAt = trace.touchedAt;
				queue.push(trace);
				continue;
			}
			joinTrace(trace.spans);
			held -= trace.spans.size;
			traces.delete(trace.traceId);
			rememberJoined(trace.traceId);
		}
		// Drop the consumed front now and then, so the array does not grow with the input.
		if (queueHead > 4096 && queueHead * 2 > queue.length) {
			queue.splice(0, queueHead);
			queueHead = 0;
		}
	}

	return {
		add(input) {
			if (finished) throw new Error('ServiceGraphDeriver.add called after finish');
			if (input.startMs < windowStartMs || input.startMs >= windowEndMs) {
				spansOutsideWindow++;
				return 'outside-window';
			}
			let trace = traces.get(input.traceId);
			if (!trace) {
				if (joinedTraceIds.has(input.traceId)) lateSpans++;
				else traceCount++;
				trace = { traceId: input.traceId, spans: new Map(), queuedAt: fed + 1, touchedAt: fed + 1 };
				traces.set(input.traceId, trace);
				queue.push(trace);
			} else if (trace.spans.has(input.spanId)) {
				duplicateSpans++;
				return 'duplicate';
			} else if (joinedTraceIds.has(input.traceId)) {
				lateSpans++;
			}
			fed++;
			trace.touchedAt = fed;
			const startMs = input.startMs;
			// A span that ends before it starts, or past what a Date can hold, has no usable duration.
			const usable = input.durationMs >= 0 && input.endMs <= MAX_DATE_MS;
			const service = namer ? namer.normalize(input.service) : input.service;
			const stored: StoredSpan = {
				parentSpanId: input.parentSpanId,
				service,
				kind: input.kind,
				error: input.error,
				startMs,
				endMs: usable ? input.endMs : startMs,
				durationMs: usable ? input.durationMs : null,
				callee: input.callee && internCallee(input.callee),
				hasRemoteChild: false,
			};
			trace.spans.set(input.spanId, stored);
			held++;
			spans++;
			const node = touchNode(service, 'service', stored.startMs, stored.endMs);
			node.spans++;
			if (service !== input.service) node.rawNames.add(input.service);
			if (input.serviceVersion !== undefined) node.versions.add(input.serviceVersion);
			// Checking every span would cost an iterator per span; a sixteenth of the idle limit is close enough.
			if (fed % checkEvery === 0 || held > maxBufferedSpans) dropIdleTraces();
			if (held > peakHeld) peakHeld = held;
			return 'counted';
		},

		addLink(input) {
			if (finished) throw new Error('ServiceGraphDeriver.addLink called after finish');
			const link = { ...input, from: nameOf(input.from), to: nameOf(input.to) };
			touchNode(link.from, 'service', Infinity, -Infinity);
			touchNode(link.to, 'service', Infinity, -Infinity);
			if (link.from !== input.from) nodes.get(link.from)?.rawNames.add(input.from);
			if (link.to !== input.to) nodes.get(link.to)?.rawNames.add(input.to);
			const key = edgeKey(link.from, link.to, 'link');
			let edge = edges.get(key);
			if (!edge) {
				edge = { from: link.from, to: link.to, via: 'link', calls: 0, errors: 0, latency: new LatencySketch(), firstMs: Infinity, lastMs: -Infinity };
				edges.set(key, edge);
			}
			edge.calls += link.calls;
			edge.errors += link.errors;
		},

		finish() {
			if (finished) throw new Error('ServiceGraphDeriver.finish called twice');
			finished = true;
			for (const trace of traces.values()) joinTrace(trace.spans);
			traces.clear();
			queue.length = 0;
			const services: ObservedService[] = [...nodes]
				.sort(([a], [b]) => compareStrings(a, b))
				.map(([name, node]) => ({
					name,
					rawNames: [...node.rawNames].sort(compareStrings),
					kind: node.kind,
					spans: node.spans,
					firstSeen: isoFromMs(node.firstMs),
					lastSeen: isoFromMs(node.lastMs),
					versions: [...node.versions].sort(compareStrings),
				}));
			const observedEdges: ObservedEdge[] = [...edges.values()]
				.sort((a, b) => compareStrings(a.from, b.from) || compareStrings(a.to, b.to) || compareStrings(a.via, b.via))
				.map((edge) => ({
					from: edge.from,
					to: edge.to,
					via: edge.via,
					calls: edge.calls,
					errors: edge.errors,
					latencyMs:
						edge.latency.count === 0
							? null
							: {
									p50: roundMicros(edge.latency.quantile(0.5)),
									p95: roundMicros(edge.latency.quantile(0.95)),
									p99: roundMicros(edge.latency.quantile(0.99)),
								},
					firstSeen: isoFromMs(edge.firstMs),
					lastSeen: isoFromMs(edge.lastMs),
				}));
			return {
				stats: { spans, traces: traceCount, spansOutsideWindow, orphanSpans, counting: { basis: 'unknown', ratio: null, evidence: null } },
				services,
				edges: observedEdges,
				duplicateSpans,
				lateSpans,
				peakHeldSpans: peakHeld,
			};
		},
	};
}

// NUL cannot be typed into a service name by accident, so it separates the parts unambiguously enough.
function edgeKey(from: string, to: string, via: string): string {
	return `${from}\u0000${to}\u0000${via}`;
}

/** Code-point order, so the output does not depend on the machine's locale. */
function compareStrings(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

// Infinite bounds mean no timed span ever touched it (links only).
function isoFromMs(ms: number): string | null {
	return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

// Snapshots carry microseconds at most: finer digits are sketch noise and churn diffs.
function roundMicros(ms: number): number {
	return Math.round(ms * 1000) / 1000;
}

import { LatencySketch } from './latency-sketch.ts';
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
	/** Start time in nanoseconds since the Unix epoch. */
	startNs: bigint;
	/** End time in nanoseconds since the Unix epoch (0 when the span did not say). */
	endNs: bigint;
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
}

/** Builds a service graph from spans fed one at a time, for one observation window. */
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

export interface ServiceGraphDeriver {
	/** Feeds one span; spans of a trace may arrive in any order and from any file. */
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
	spanId: string;
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

interface NodeAggregate {
	kind: NodeKind;
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

const NS_PER_MS = 1_000_000n;
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
 * Memory: every counted span is kept as a StoredSpan until `finish`, so memory grows with
 * the spans in the window. Per-service counts are folded in at `add` time; only joining
 * needs the stored spans, and it works trace by trace, so a bounded version can join and
 * drop a trace once it has been idle long enough.
 */
export function createServiceGraphDeriver(window: { start: Date; end: Date }): ServiceGraphDeriver {
	const windowStartNs = BigInt(window.start.getTime()) * NS_PER_MS;
	const windowEndNs = BigInt(window.end.getTime()) * NS_PER_MS;
	const traces = new Map<string, Map<string, StoredSpan>>();
	const nodes = new Map<string, NodeAggregate>();
	const edges = new Map<string, EdgeAggregate>();
	let spans = 0;
	let spansOutsideWindow = 0;
	let orphanSpans = 0;
	let duplicateSpans = 0;
	let finished = false;

	function touchNode(name: string, kind: NodeKind, firstMs: number, lastMs: number): NodeAggregate {
		let node = nodes.get(name);
		if (!node) {
			node = { kind, spans: 0, firstMs, lastMs, versions: new Set() };
			nodes.set(name, node);
		} else {
			if (KIND_RANK[kind] < KIND_RANK[node.kind]) node.kind = kind;
			if (firstMs < node.firstMs) node.firstMs = firstMs;
			if (lastMs > node.lastMs) node.lastMs = lastMs;
		}
		return node;
	}

	function recordCall(from: string, to: string, via: ObservedEdge['via'], call: StoredSpan, error: boolean): void {
		const key = JSON.stringify([from, to, via]);
		let edge = edges.get(key);
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
			edges.set(key, edge);
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

	return {
		add(input) {
			if (finished) throw new Error('ServiceGraphDeriver.add called after finish');
			if (input.startNs < windowStartNs || input.startNs >= windowEndNs) {
				spansOutsideWindow++;
				return 'outside-window';
			}
			let trace = traces.get(input.traceId);
			if (!trace) {
				trace = new Map();
				traces.set(input.traceId, trace);
			} else if (trace.has(input.spanId)) {
				duplicateSpans++;
				return 'duplicate';
			}
			const startMs = Number(input.startNs / NS_PER_MS);
			const durationNs = input.endNs - input.startNs;
			const endMs = Number(input.endNs / NS_PER_MS);
			// A span that ends before it starts, or past what a Date can hold, has no usable duration.
			const usable = durationNs >= 0n && endMs <= MAX_DATE_MS;
			const stored: StoredSpan = {
				spanId: input.spanId,
				parentSpanId: input.parentSpanId,
				service: input.service,
				kind: input.kind,
				error: input.error,
				startMs,
				endMs: usable ? endMs : startMs,
				durationMs: usable ? Number(durationNs) / 1e6 : null,
				callee: input.callee,
				hasRemoteChild: false,
			};
			trace.set(input.spanId, stored);
			spans++;
			const node = touchNode(input.service, 'service', stored.startMs, stored.endMs);
			node.spans++;
			if (input.serviceVersion !== undefined) node.versions.add(input.serviceVersion);
			return 'counted';
		},

		addLink(link) {
			if (finished) throw new Error('ServiceGraphDeriver.addLink called after finish');
			touchNode(link.from, 'service', Infinity, -Infinity);
			touchNode(link.to, 'service', Infinity, -Infinity);
			const key = JSON.stringify([link.from, link.to, 'link']);
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
			for (const trace of traces.values()) joinTrace(trace);
			const services: ObservedService[] = [...nodes]
				.sort(([a], [b]) => compareStrings(a, b))
				.map(([name, node]) => ({
					name,
					rawNames: [],
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
				stats: { spans, traces: traces.size, spansOutsideWindow, orphanSpans, counting: { basis: 'unknown', ratio: null, evidence: null } },
				services,
				edges: observedEdges,
				duplicateSpans,
			};
		},
	};
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

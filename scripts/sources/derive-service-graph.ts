import { GraphAggregates, type InputViews } from './graph-aggregates.ts';
import { createHeldTraces } from './held-traces.ts';
import { joinTrace, type StoredSpan } from './join-trace.ts';
import type { Namer } from './naming/service-naming.ts';
import type { ObservedEdge, ObservedService, TelemetrySnapshot } from './snapshot.ts';
import { MAX_DATE_MS, type InferredCallee, type LinkInput, type SpanInput } from './span-input.ts';

export { SpanKind, UNKNOWN_SERVICE } from './span-input.ts';
export type { InferredCallee, LinkInput, SpanInput, SpanKindNumber } from './span-input.ts';
export type { InputViews } from './graph-aggregates.ts';

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

/** The most distinct span names held once each; span names carrying ids would otherwise grow without bound. */
const MAX_INTERNED_SPAN_NAMES = 10_000;

/** Builds a service graph from spans fed one at a time, for one observation window. */
export interface ServiceGraphDeriver {
	/**
	 * Feeds one span from input number `input` (a file; 0 by default); spans of a trace may arrive
	 * in any order, from any input, as long as they arrive close together.
	 */
	add(span: SpanInput, input?: number): AddResult;
	/** Adds an aggregated dependency link from input number `input`; its services become nodes without times. */
	addLink(link: LinkInput, input?: number): void;
	/**
	 * Joins the spans of each trace and returns the graph; call once, after the last `add`. With
	 * `views` (groups of inputs that are views of the same traffic), each dependency keeps the
	 * calls of its busiest view instead of the sum; without, every input adds up.
	 */
	finish(views?: InputViews): ServiceGraph;
}

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
 * - a call made in a trace holding any failed span counts in `errorTraceCalls`; a call whose
 *   attempt span was resent or repeats a failed attempt counts in `retries` (see `retriedSpans`);
 *   a consumer's read of a queue counts in `consumerCalls`; a call to a database whose operation
 *   says so counts in `reads` or `writes`. Each service counts the distinct instances its spans
 *   name (at most `MAX_INSTANCES_PER_SERVICE`) and the spans that started a trace (`rootSpans`).
 * - every count is kept per input (the `input` of `add`), so that `finish` can be told which
 *   inputs are views of the same traffic and keep, per dependency, the busiest view's calls.
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
	const namer = options.namer;
	const graph = new GraphAggregates();
	let orphanSpans = 0;
	const held = createHeldTraces(options.traceIdleSpans ?? DEFAULT_TRACE_IDLE_SPANS, options.maxBufferedSpans ?? DEFAULT_MAX_BUFFERED_SPANS, (trace) => {
		orphanSpans += joinTrace(trace, graph);
	});
	// Client spans of one caller name the same few callees: hold one object per callee, not per span.
	const callees = new Map<string, InferredCallee>();
	const internCallee = (callee: InferredCallee): InferredCallee => {
		const shared = callees.get(callee.name);
		if (shared && shared.kind === callee.kind && shared.via === callee.via) return shared;
		// A name inferred as two kinds (rare) keeps the latest: interning only saves memory.
		callees.set(callee.name, callee);
		return callee;
	};
	const nameOf = (raw: string) => (namer ? namer.normalize(raw) : raw);
	// Span names repeat (one per operation): hold each once. Capped, since names with ids in them
	// never repeat; past the cap a name is held as it came.
	const spanNames = new Map<string, string>();
	const internName = (name: string | undefined): string | undefined => {
		if (name === undefined) return undefined;
		const shared = spanNames.get(name);
		if (shared !== undefined) return shared;
		if (spanNames.size < MAX_INTERNED_SPAN_NAMES) spanNames.set(name, name);
		return name;
	};
	let spansOutsideWindow = 0;
	let finished = false;

	return {
		add(span, input = 0) {
			if (finished) throw new Error('ServiceGraphDeriver.add called after finish');
			if (span.startMs < windowStartMs || span.startMs >= windowEndMs) {
				spansOutsideWindow++;
				return 'outside-window';
			}
			// A span that ends before it starts, or past what a Date can hold, has no usable duration.
			const usable = span.durationMs >= 0 && span.endMs <= MAX_DATE_MS;
			const stored: StoredSpan = {
				parentSpanId: span.parentSpanId,
				service: nameOf(span.service),
				name: internName(span.name),
				resent: (span.resendCount ?? 0) > 0,
				access: span.access,
				kind: span.kind,
				error: span.error,
				startMs: span.startMs,
				endMs: usable ? span.endMs : span.startMs,
				durationMs: usable ? span.durationMs : null,
				callee: span.callee && internCallee(span.callee),
				input,
				hasRemoteChild: false,
			};
			if (held.hold(span.traceId, span.spanId, stored) === 'duplicate') return 'duplicate';
			graph.countSpan(stored.service, span.service, span.serviceVersion, input, stored.startMs, stored.endMs, span.instance, span.parentSpanId === undefined);
			return 'counted';
		},

		addLink(link, input = 0) {
			if (finished) throw new Error('ServiceGraphDeriver.addLink called after finish');
			graph.addLink(nameOf(link.from), nameOf(link.to), link, link.calls, link.errors, input);
		},

		finish(views) {
			if (finished) throw new Error('ServiceGraphDeriver.finish called twice');
			finished = true;
			held.flush();
			const { services, edges, spans } = graph.result(views);
			return {
				stats: { spans, traces: held.traces, spansOutsideWindow, orphanSpans, counting: { basis: 'unknown', ratio: null, evidence: null } },
				services,
				edges,
				duplicateSpans: held.duplicateSpans,
				lateSpans: held.lateSpans,
				peakHeldSpans: held.peakHeldSpans,
			};
		},
	};
}

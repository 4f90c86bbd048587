import { compare } from '../lib/compare.ts';
import { busiestPerPair } from './busiest-per-pair.ts';
import { LatencySketch } from './latency-sketch.ts';
import { MAX_INSTANCES_PER_SERVICE, type NodeKind, type ObservedEdge, type ObservedService } from './snapshot.ts';

/** The counts one input (a file, say) contributed to an edge; see `ObservedEdge` for each. */
interface Tally {
	calls: number;
	errors: number;
	errorTraceCalls: number;
	retries: number;
	consumerCalls: number;
	reads: number;
	writes: number;
}

/** What else a call was, besides failed or not: bits of the `flags` of `recordCall`. */
export const CallFlag = {
	/** Its trace holds a failed span. */
	IN_ERROR_TRACE: 1,
	/** It was a retry. */
	RETRY: 2,
	/** The caller read a message from the callee (a queue). */
	CONSUMES: 4,
	/** It read from the callee (a database). */
	READS: 8,
	/** It wrote to the callee (a database). */
	WRITES: 16,
} as const;

interface NodeAggregate {
	kind: NodeKind;
	/** Raw names folded into this one by the namer. */
	rawNames: Set<string>;
	/** Spans emitted by this node, by input number (an array: inputs are few and numbered from 0). */
	spans: number[];
	/** Of them, spans that started a trace, by input number. */
	roots: number[];
	// Infinity / -Infinity until a timed span touches the node: links carry no times.
	firstMs: number;
	lastMs: number;
	versions: Set<string>;
	/** Distinct instances that emitted its spans, up to MAX_INSTANCES_PER_SERVICE; over all inputs, as two views of the same traffic name the same instances. */
	instances: Set<string>;
}

interface EdgeAggregate {
	from: string;
	to: string;
	via: ObservedEdge['via'];
	/** Calls by input number, so that two views of the same traffic can be told apart at the end. */
	byInput: (Tally | undefined)[];
	latency: LatencySketch;
	firstMs: number;
	lastMs: number;
}

/** What a call is timed by: the span whose times and duration the edge records. */
export interface TimedCall {
	startMs: number;
	endMs: number;
	durationMs: number | null;
}

/** Groups of inputs that are views of the same traffic: inputs of one view add up, views never do. */
export type InputViews = readonly (readonly number[])[];

/** When one name is both an instrumented service and an inferred callee, the stronger kind wins. */
const KIND_RANK: Record<NodeKind, number> = { service: 0, database: 1, queue: 2, external: 3 };

/**
 * The nodes and edges of a service graph as calls and spans are counted, each count kept per
 * input, so that `result` can keep, per dependency, the busiest of several views of the same
 * traffic instead of their sum.
 */
export class GraphAggregates {
	readonly #nodes = new Map<string, NodeAggregate>();
	readonly #edges = new Map<string, EdgeAggregate>();
	// Nested maps keyed by the shared name strings: no key string to build per call.
	readonly #edgeIndex = new Map<string, Map<string, Map<string, EdgeAggregate>>>();

	/** The node of this name, created with `kind` or strengthened to it, its times widened. */
	touchNode(name: string, kind: NodeKind, firstMs: number, lastMs: number): void {
		this.#touch(name, kind, firstMs, lastMs);
	}

	/** Counts one span emitted by a service (by `instance`, when known), from one input; `root` when it started its trace. */
	countSpan(service: string, rawName: string, version: string | undefined, input: number, startMs: number, endMs: number, instance?: string, root = false): void {
		const node = this.#touch(service, 'service', startMs, endMs);
		node.spans[input] = (node.spans[input] ?? 0) + 1;
		if (root) node.roots[input] = (node.roots[input] ?? 0) + 1;
		if (service !== rawName) node.rawNames.add(rawName);
		if (version !== undefined) node.versions.add(version);
		if (instance !== undefined && node.instances.size < MAX_INSTANCES_PER_SERVICE) node.instances.add(instance);
	}

	/** Counts one call on `from → to`, timed by `call`, from one input; `flags` are `CallFlag` bits. */
	recordCall(from: string, to: string, via: ObservedEdge['via'], call: TimedCall, error: boolean, input: number, flags = 0): void {
		const edge = this.#edgeIndex.get(from)?.get(to)?.get(via) ?? this.#newEdge(from, to, via, call.startMs, call.endMs);
		const tally = tallyOf(edge, input);
		tally.calls++;
		if (error) tally.errors++;
		if (flags & CallFlag.IN_ERROR_TRACE) tally.errorTraceCalls++;
		if (flags & CallFlag.RETRY) tally.retries++;
		if (flags & CallFlag.CONSUMES) tally.consumerCalls++;
		if (flags & CallFlag.READS) tally.reads++;
		if (flags & CallFlag.WRITES) tally.writes++;
		if (call.durationMs !== null) edge.latency.add(call.durationMs);
		if (call.startMs < edge.firstMs) edge.firstMs = call.startMs;
		if (call.endMs > edge.lastMs) edge.lastMs = call.endMs;
	}

	/** Adds an aggregated link (untimed) from one input; raw names are the names before the namer. */
	addLink(from: string, to: string, raw: { from: string; to: string }, calls: number, errors: number, input: number): void {
		this.#touch(from, 'service', Infinity, -Infinity);
		this.#touch(to, 'service', Infinity, -Infinity);
		if (from !== raw.from) this.#nodes.get(from)?.rawNames.add(raw.from);
		if (to !== raw.to) this.#nodes.get(to)?.rawNames.add(raw.to);
		const edge = this.#edges.get(edgeKey(from, to, 'link')) ?? this.#newEdge(from, to, 'link', Infinity, -Infinity);
		const tally = tallyOf(edge, input);
		tally.calls += calls;
		tally.errors += errors;
	}

	/**
	 * Every node and edge, sorted. With `views`, each dependency keeps the calls of its busiest
	 * view (see `busiestPerPair`) and each node the spans of its busiest view; inputs no view
	 * lists are views of their own. Without, every input adds up. `spans` is the busiest view's.
	 */
	result(views: InputViews = []): { services: ObservedService[]; edges: ObservedEdge[]; spans: number } {
		const viewOf = viewIndex(views);
		const services: ObservedService[] = [...this.#nodes]
			.sort(([a], [b]) => compare(a, b))
			.map(([name, node]) => ({
				name,
				rawNames: [...node.rawNames].sort(compare),
				kind: node.kind,
				spans: busiest(node.spans, viewOf),
				firstSeen: isoFromMs(node.firstMs),
				lastSeen: isoFromMs(node.lastMs),
				versions: [...node.versions].sort(compare),
				instances: node.instances.size,
				rootSpans: busiest(node.roots, viewOf),
			}));
		const perView: ObservedEdge[][] = [];
		for (const edge of this.#edges.values()) {
			const shared = {
				latencyMs: edge.latency.count === 0 ? null : { p50: roundMicros(edge.latency.quantile(0.5)), p95: roundMicros(edge.latency.quantile(0.95)), p99: roundMicros(edge.latency.quantile(0.99)) },
				firstSeen: isoFromMs(edge.firstMs),
				lastSeen: isoFromMs(edge.lastMs),
			};
			for (const [view, tally] of sumByView(edge.byInput, viewOf)) {
				(perView[view] ??= []).push({ from: edge.from, to: edge.to, via: edge.via, ...tally, ...shared });
			}
		}
		const edges = busiestPerPair(perView.filter((view) => view !== undefined)).sort(
			(a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.via, b.via),
		);
		const spansByInput: number[] = [];
		for (const node of this.#nodes.values()) node.spans.forEach((n, input) => (spansByInput[input] = (spansByInput[input] ?? 0) + n));
		return { services, edges, spans: busiest(spansByInput, viewOf) };
	}

	#touch(name: string, kind: NodeKind, firstMs: number, lastMs: number): NodeAggregate {
		let node = this.#nodes.get(name);
		if (!node) {
			node = { kind, rawNames: new Set(), spans: [], roots: [], firstMs, lastMs, versions: new Set(), instances: new Set() };
			this.#nodes.set(name, node);
		} else {
			if (KIND_RANK[kind] < KIND_RANK[node.kind]) node.kind = kind;
			if (firstMs < node.firstMs) node.firstMs = firstMs;
			if (lastMs > node.lastMs) node.lastMs = lastMs;
		}
		return node;
	}

	#newEdge(from: string, to: string, via: ObservedEdge['via'], firstMs: number, lastMs: number): EdgeAggregate {
		const edge: EdgeAggregate = { from, to, via, byInput: [], latency: new LatencySketch(), firstMs, lastMs };
		this.#edges.set(edgeKey(from, to, via), edge);
		if (via !== 'link') {
			// Calls find their edge through the index; links are few and use the flat map.
			let byTo = this.#edgeIndex.get(from);
			if (!byTo) this.#edgeIndex.set(from, (byTo = new Map()));
			let byVia = byTo.get(to);
			if (!byVia) byTo.set(to, (byVia = new Map()));
			byVia.set(via, edge);
		}
		return edge;
	}
}

function tallyOf(edge: EdgeAggregate, input: number): Tally {
	return (edge.byInput[input] ??= { calls: 0, errors: 0, errorTraceCalls: 0, retries: 0, consumerCalls: 0, reads: 0, writes: 0 });
}

// Inputs listed in no view get a view of their own, after the listed ones.
function viewIndex(views: InputViews): (input: number) => number {
	const index = new Map<number, number>();
	views.forEach((inputs, view) => {
		for (const input of inputs) index.set(input, view);
	});
	return (input) => index.get(input) ?? (index.size === 0 ? 0 : views.length + input);
}

function sumByView(byInput: (Tally | undefined)[], viewOf: (input: number) => number): Map<number, Tally> {
	const byView = new Map<number, Tally>();
	for (const [input, tally] of byInput.entries()) {
		if (!tally) continue;
		const view = viewOf(input);
		const sum = byView.get(view);
		if (sum) {
			sum.calls += tally.calls;
			sum.errors += tally.errors;
			sum.errorTraceCalls += tally.errorTraceCalls;
			sum.retries += tally.retries;
			sum.consumerCalls += tally.consumerCalls;
			sum.reads += tally.reads;
			sum.writes += tally.writes;
		} else byView.set(view, { ...tally });
	}
	return byView;
}

function busiest(byInput: number[], viewOf: (input: number) => number): number {
	const byView = new Map<number, number>();
	byInput.forEach((n, input) => byView.set(viewOf(input), (byView.get(viewOf(input)) ?? 0) + n));
	return Math.max(0, ...byView.values());
}

// NUL cannot be typed into a service name by accident, so it separates the parts unambiguously enough.
function edgeKey(from: string, to: string, via: string): string {
	return `${from}\u0000${to}\u0000${via}`;
}

// Infinite bounds mean no timed span ever touched it (links only).
function isoFromMs(ms: number): string | null {
	return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

// Snapshots carry microseconds at most: finer digits are sketch noise and churn diffs.
function roundMicros(ms: number): number {
	return Math.round(ms * 1000) / 1000;
}

import type { NodeKind, ObservedEdge, ObservedService } from '../snapshot.ts';
import type { VectorSample } from './prometheus-query.ts';
import { compare } from '../../lib/compare.ts';

/** The query results a service graph is built from, one sample per series. */
export interface ServiceGraphSamples {
	/** Calls per client, server and connection_type. */
	calls: VectorSample[];
	/** Failed calls per client and server. */
	errors: VectorSample[];
	/** Server-side latency quantiles in seconds per client and server. */
	p50: VectorSample[];
	p95: VectorSample[];
	p99: VectorSample[];
}

/** The nodes and edges of a service graph, sorted, plus how many series lacked a client or server. */
export interface MetricsServiceGraph {
	services: ObservedService[];
	edges: ObservedEdge[];
	unlabelledSeries: number;
}

/** When one name has several kinds of evidence, the stronger kind wins (as in derive-service-graph). */
const KIND_RANK: Record<NodeKind, number> = { service: 0, database: 1, queue: 2, external: 3 };

interface EdgeAggregate {
	from: string;
	to: string;
	calls: number;
	connectionTypes: Set<string>;
}

/**
 * Builds nodes and edges from servicegraph metrics (Tempo's metrics-generator, the Collector's
 * servicegraph connector). Kinds come from `connection_type`: `database` makes the server a
 * database, `messaging_system` a queue, `virtual_node` an external peer; anything a name is
 * seen doing as an instrumented service (calling out on a non-virtual edge, or serving a plain
 * one) makes it a service instead. Edges whose calls round to 0 were not seen in the window.
 */
export function serviceGraphFromMetrics(samples: ServiceGraphSamples): MetricsServiceGraph {
	let unlabelledSeries = 0;
	const edges = new Map<string, EdgeAggregate>();
	for (const sample of samples.calls) {
		const key = edgeKey(sample);
		if (key === undefined) {
			unlabelledSeries++;
			continue;
		}
		let edge = edges.get(key);
		if (!edge) {
			edge = { from: sample.metric.client as string, to: sample.metric.server as string, calls: 0, connectionTypes: new Set() };
			edges.set(key, edge);
		}
		if (Number.isFinite(sample.value)) edge.calls += sample.value;
		edge.connectionTypes.add(sample.metric.connection_type ?? '');
	}

	const errors = byEdge(samples.errors);
	const quantiles = [byEdge(samples.p50), byEdge(samples.p95), byEdge(samples.p99)] as const;

	const observed: ObservedEdge[] = [];
	for (const [key, edge] of edges) {
		const calls = roundCount(edge.calls);
		if (calls === 0) continue;
		observed.push({
			from: edge.from,
			to: edge.to,
			via: 'metrics',
			calls,
			errors: Math.min(calls, roundCount(errors.get(key) ?? 0)),
			// Metrics carry no traces: which calls were in failing traces, or retries, is not known.
			errorTraceCalls: 0,
			retries: 0,
			consumerCalls: 0,
			reads: 0,
			writes: 0,
			latencyMs: latency(quantiles.map((q) => q.get(key)) as [number?, number?, number?]),
			firstSeen: null,
			lastSeen: null,
		});
	}
	observed.sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));

	const kept = [...edges.values()].filter((edge) => roundCount(edge.calls) > 0);
	return { services: nodesOf(kept), edges: observed, unlabelledSeries };
}

function nodesOf(edges: EdgeAggregate[]): ObservedService[] {
	// A name that calls out on a real edge, or answers a plain one, emitted spans itself.
	const instrumented = new Set<string>();
	for (const edge of edges) {
		const types = [...edge.connectionTypes];
		if (types.some((type) => type !== 'virtual_node')) instrumented.add(edge.from);
		if (types.some((type) => serverKind(type) === 'service')) instrumented.add(edge.to);
	}

	const kinds = new Map<string, NodeKind>();
	const see = (name: string, kind: NodeKind) => {
		const current = kinds.get(name);
		if (current === undefined || KIND_RANK[kind] < KIND_RANK[current]) kinds.set(name, kind);
	};
	for (const edge of edges) {
		for (const type of edge.connectionTypes) {
			// A virtual-node edge has one side nobody instrumented: the caller `user` of a root
			// span, or a peer named from client-span attributes. Whichever side shows no
			// instrumentation elsewhere is the virtual one; when neither does, the server is.
			const virtualClient = type === 'virtual_node' && !instrumented.has(edge.from) && instrumented.has(edge.to);
			see(edge.from, virtualClient ? 'external' : 'service');
			see(edge.to, virtualClient ? 'service' : serverKind(type));
		}
	}
	for (const name of instrumented) see(name, 'service');

	return [...kinds]
		.sort(([a], [b]) => compare(a, b))
		.map(([name, kind]) => ({ name, rawNames: [], kind, spans: 0, firstSeen: null, lastSeen: null, versions: [], instances: 0, rootSpans: 0 }));
}

function serverKind(connectionType: string): NodeKind {
	if (connectionType === 'database') return 'database';
	if (connectionType === 'messaging_system') return 'queue';
	if (connectionType === 'virtual_node') return 'external';
	return 'service';
}

function edgeKey(sample: VectorSample): string | undefined {
	const { client, server } = sample.metric;
	if (!client || !server) return undefined;
	return JSON.stringify([client, server]);
}

function byEdge(samples: VectorSample[]): Map<string, number> {
	const values = new Map<string, number>();
	for (const sample of samples) {
		const key = edgeKey(sample);
		if (key !== undefined && !Number.isNaN(sample.value)) values.set(key, (values.get(key) ?? 0) + sample.value);
	}
	return values;
}

// `increase()` extrapolates the counter to the edges of the range, so a window that does not
// start and end on samples yields fractions of calls; counts are whole, rounded half-up.
function roundCount(value: number): number {
	return Number.isFinite(value) && value > 0 ? Math.floor(value + 0.5) : 0;
}

// `histogram_quantile` yields NaN when no bucket grew in the window; such an edge has no latency.
function latency([p50, p95, p99]: [number?, number?, number?]): ObservedEdge['latencyMs'] {
	if (![p50, p95, p99].every((value) => value !== undefined && Number.isFinite(value) && value >= 0)) return null;
	return { p50: toMs(p50 as number), p95: toMs(p95 as number), p99: toMs(p99 as number) };
}

// Snapshots carry microseconds at most, as the trace sources do.
function toMs(seconds: number): number {
	return Math.round(seconds * 1_000_000) / 1000;
}

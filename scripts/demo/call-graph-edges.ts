import { calleeName, inWindow } from './org-model.ts';
import type { OrgIndex, SpanRecord } from './simulate-trace.ts';

/** A directed dependency as `caller -> callee`; consuming a topic counts as `consumer -> kafka:<topic>`. */
export type EdgeKey = `${string} -> ${string}`;

/**
 * The edges an organisation's model says must show up in a window: every call reachable from its
 * entries and jobs, fallbacks (`onFailure`) aside, which show only when a failure happens to call them.
 */
export function expectedEdges(index: OrgIndex, window: number): Set<EdgeKey> {
	return reachableEdges(index, window).required;
}

/** The fallback edges reachable in a window: they may show up, and need not. */
export function fallbackEdges(index: OrgIndex, window: number): Set<EdgeKey> {
	return reachableEdges(index, window).fallbacks;
}

function reachableEdges(index: OrgIndex, window: number): { required: Set<EdgeKey>; fallbacks: Set<EdgeKey> } {
	const fallbacks = new Set<EdgeKey>();
	const edges = new Set<EdgeKey>();
	const seen = new Set<string>();
	const live = (service: string): boolean => inWindow(index.services.get(service)?.windows, window);
	const queue: [string, string][] = [];
	const visit = (service: string, op: string): void => {
		const key = `${service}\u0000${op}`;
		if (!live(service) || seen.has(key)) return;
		seen.add(key);
		queue.push([service, op]);
	};
	for (const e of index.org.entries) visit(e.service, e.op);
	for (const j of index.org.jobs) visit(j.service, j.op);
	while (queue.length > 0) {
		const [service, opName] = queue.pop() as [string, string];
		const op = index.services.get(service)?.ops[opName];
		if (!op) continue;
		for (const call of op.calls) {
			if (!inWindow(call.windows, window) || call.p === 0) continue;
			(call.onFailure ? fallbacks : edges).add(`${service} -> ${calleeName(call)}`);
			if (call.type === 'http') visit(call.to, call.op);
			if (call.type === 'produce') {
				for (const c of index.topics.get(call.topic)?.consumers ?? []) {
					if (!live(c.service)) continue;
					edges.add(`${c.service} -> kafka:${call.topic}`);
					visit(c.service, c.op);
				}
			}
		}
	}
	for (const edge of edges) fallbacks.delete(edge);
	return { required: edges, fallbacks };
}

/** The edges that simulated spans actually show, read the way a telemetry parser would read them. */
export function observedEdges(spans: Iterable<SpanRecord>): Set<EdgeKey> {
	const all = [...spans];
	const byId = new Map(all.map((s) => [`${s.traceId}/${s.spanId}`, s]));
	const edges = new Set<EdgeKey>();
	for (const span of all) {
		const attr = (key: string): string | number | undefined => span.attributes.find(([k]) => k === key)?.[1];
		const parent = span.parentSpanId === undefined ? undefined : byId.get(`${span.traceId}/${span.parentSpanId}`);
		if (parent && parent.service !== span.service) {
			if (parent.kind === 3 && span.kind === 2) edges.add(`${parent.service} -> ${span.service}`);
			if (parent.kind === 4 && span.kind === 5) edges.add(`${span.service} -> kafka:${String(attr('messaging.destination.name'))}`);
		}
		if (span.kind === 4) edges.add(`${span.service} -> kafka:${String(attr('messaging.destination.name'))}`);
		if (span.kind === 3) {
			const system = attr('db.system');
			const peer = attr('peer.service') ?? attr('server.address');
			if (system !== undefined) edges.add(`${span.service} -> ${String(system)}:${String(attr('db.namespace'))}`);
			else if (peer !== undefined) edges.add(`${span.service} -> ${String(peer)}`);
		}
	}
	return edges;
}

/** Fails loudly when simulated spans and the model disagree, so a seed or weight change cannot quietly drop a planted edge. */
export function assertEdgesMatch(expected: ReadonlySet<EdgeKey>, observed: ReadonlySet<EdgeKey>, label: string, allowed: ReadonlySet<EdgeKey> = new Set()): void {
	const missing = [...expected].filter((e) => !observed.has(e));
	const extra = [...observed].filter((e) => !expected.has(e) && !allowed.has(e));
	if (missing.length > 0 || extra.length > 0) {
		throw new Error(`${label}: simulated edges differ from the model.\n  missing: ${missing.join(', ') || '-'}\n  unexpected: ${extra.join(', ') || '-'}`);
	}
}

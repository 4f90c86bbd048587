import { compare } from '../lib/compare.ts';
import type { ObservedEdge } from '../sources/snapshot.ts';

/** Calls that went one way between two nodes in the window: the direction work and messages flow. */
export interface Flow {
	from: string;
	to: string;
	/** Calls (or messages read) along it; above 0. */
	calls: number;
}

/**
 * The observed edges as flows, one per direction and pair: a call goes caller → callee, while a
 * consumer's read of a queue goes queue → consumer (the edge says consumer → queue, the
 * dependency, but the message travels the other way). So a loop through a queue is a cycle, and
 * a queue hands its messages on to what reads them. Sorted by from, then to.
 */
export function observedFlows(edges: readonly Pick<ObservedEdge, 'from' | 'to' | 'calls' | 'consumerCalls'>[]): Flow[] {
	const flows = new Map<string, Flow>();
	const add = (from: string, to: string, calls: number) => {
		if (calls <= 0 || from === to) return;
		const key = `${from}\u0000${to}`;
		const flow = flows.get(key);
		if (flow) flow.calls += calls;
		else flows.set(key, { from, to, calls });
	};
	for (const edge of edges) {
		const reads = Math.min(edge.consumerCalls, edge.calls);
		add(edge.from, edge.to, edge.calls - reads);
		add(edge.to, edge.from, reads);
	}
	return [...flows.values()].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
}

/** Calls each node received along the flows (0 for a node only ever calling out: an entry point). */
export function callsReceived(flows: readonly Flow[]): Map<string, number> {
	const received = new Map<string, number>();
	for (const flow of flows) received.set(flow.to, (received.get(flow.to) ?? 0) + flow.calls);
	return received;
}

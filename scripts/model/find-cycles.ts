import { compare } from '../lib/compare.ts';
import { stronglyConnected } from '../lib/strongly-connected.ts';
import type { CycleFlow, ModelCycle } from './model-schema.ts';
import type { Flow } from './observed-flows.ts';

/** The most cycles a model lists; the page of a system with more has other problems to show first. */
export const MAX_CYCLES = 100;

/** The most members a cycle's picture draws whole; a larger group is drawn as one loop through it. */
export const MAX_DRAWN_MEMBERS = 12;

/** The longest loop a picture draws; a group whose shortest loop is longer is listed, not drawn. */
export const MAX_DRAWN_LOOP = 24;

/**
 * The call cycles in observed flows: each strongly connected component of more than one node
 * (every member reaches every other, through queues too), with its members sorted and the flows its
 * picture draws (none when even its shortest loop is too long to follow); the largest first, then by first name; at most `limit`.
 */
export function findCycles(flows: readonly Flow[], limit = MAX_CYCLES): ModelCycle[] {
	const next = new Map<string, Flow[]>();
	for (const flow of flows) {
		if (!next.has(flow.to)) next.set(flow.to, []);
		const out = next.get(flow.from);
		if (out) out.push(flow);
		else next.set(flow.from, [flow]);
	}
	const targets = new Map([...next].map(([from, out]) => [from, out.map((f) => f.to)]));
	return stronglyConnected(targets)
		.filter((component) => component.length > 1)
		.map((component) => component.sort(compare))
		.sort((a, b) => b.length - a.length || compare(a[0]!, b[0]!))
		.slice(0, limit)
		.map((members) => ({ members, flows: drawnFlows(members, next) }));
}

// A small group is drawn whole; a large one (356 services reach each other in Jaeger's sample
// graph) as the shortest loop through its busiest member: one concrete way a call comes back.
function drawnFlows(members: readonly string[], next: ReadonlyMap<string, readonly Flow[]>): CycleFlow[] {
	const inside = new Set(members);
	const within = (node: string) => (next.get(node) ?? []).filter((f) => inside.has(f.to));
	if (members.length <= MAX_DRAWN_MEMBERS) return members.flatMap(within).map(({ from, to, calls }) => ({ from, to, calls }));
	const received = new Map<string, number>();
	for (const member of members) for (const f of within(member)) received.set(f.to, (received.get(f.to) ?? 0) + f.calls);
	const start = [...members].sort((a, b) => (received.get(b) ?? 0) - (received.get(a) ?? 0) || compare(a, b))[0]!;
	const loop = shortestLoop(start, within);
	return loop.length <= MAX_DRAWN_LOOP ? loop : [];
}

// Breadth first from `start` until a flow leads back to it; every member of a component has such a loop.
function shortestLoop(start: string, within: (node: string) => readonly Flow[]): CycleFlow[] {
	const via = new Map<string, Flow>();
	const queue = [start];
	for (let i = 0; i < queue.length; i++) {
		for (const flow of within(queue[i]!)) {
			if (flow.to === start) {
				const loop: CycleFlow[] = [{ from: flow.from, to: flow.to, calls: flow.calls }];
				for (let at = flow.from; at !== start; at = via.get(at)!.from) {
					const { from, to, calls } = via.get(at)!;
					loop.unshift({ from, to, calls });
				}
				return loop;
			}
			if (flow.to !== start && !via.has(flow.to)) {
				via.set(flow.to, flow);
				queue.push(flow.to);
			}
		}
	}
	throw new Error(`No loop through ${start}, though it is in a strongly connected component.`);
}

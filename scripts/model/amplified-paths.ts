import { compare } from '../lib/compare.ts';
import { callsReceived, type Flow } from './observed-flows.ts';

/** The most amplified paths a model lists. */
export const MAX_AMPLIFIED_PATHS = 20;
/** Paths longer than this many hops are not followed: the search must stay bounded at any size. */
const MAX_HOPS = 12;
/** Hops tried in all, over every entry point, before the search stops with what it found. */
const MAX_STEPS = 200_000;

/** One hop of a path: its calls, and how many of them each call its caller received became. */
export interface PathHop {
	from: string;
	to: string;
	calls: number;
	/** Calls on this hop per call `from` received; null for the first hop (an entry point receives none). */
	amplification: number | null;
}

/** A path from an entry point to a leaf, and how calls multiply along it. */
export interface AmplifiedPath {
	/** Node names, the entry point first. */
	path: string[];
	hops: PathHop[];
	/** The product of the hops' amplifications after the first: calls reaching the leaf per call on the first hop. */
	amplification: number;
}

/**
 * The paths along which calls multiply most: from an entry point (a node that calls out and
 * that nobody was seen calling) to a leaf (a node that calls nothing), each hop's amplification
 * being its calls per call its caller received. Only paths whose product is above 1 are kept, the
 * `limit` largest (ties by path). The search follows simple paths, busiest multipliers first, and
 * is bounded (`MAX_HOPS` hops deep, `MAX_STEPS` hops tried), so in a huge graph it returns the
 * largest it found, not always the largest there are.
 */
export function amplifiedPaths(flows: readonly Flow[], limit = MAX_AMPLIFIED_PATHS): AmplifiedPath[] {
	const received = callsReceived(flows);
	const out = new Map<string, Flow[]>();
	for (const flow of flows) out.set(flow.from, [...(out.get(flow.from) ?? []), flow]);
	const ratio = (flow: Flow) => flow.calls / (received.get(flow.from) ?? 0);
	for (const list of out.values()) list.sort((a, b) => ratio(b) - ratio(a) || compare(a.to, b.to));
	const entries = [...out.keys()].filter((name) => !received.has(name)).sort(compare);
	let found: AmplifiedPath[] = [];
	const key = (p: AmplifiedPath) => p.path.join('\u0000');
	const best = () => found.sort((a, b) => b.amplification - a.amplification || compare(key(a), key(b))).slice(0, limit);
	let steps = 0;
	const walk = (path: Flow[], onPath: Set<string>, product: number) => {
		const last = path.at(-1)!;
		const next = out.get(last.to);
		if (!next) {
			if (product > 1) found.push(toPath(path, received, product));
			// Only the best `limit` are kept, so memory stays bounded whatever the search visits.
			if (found.length > 4 * limit) found = best();
			return;
		}
		if (path.length >= MAX_HOPS) return;
		for (const flow of next) {
			if (onPath.has(flow.to) || ++steps > MAX_STEPS) continue;
			onPath.add(flow.to);
			walk([...path, flow], onPath, product * ratio(flow));
			onPath.delete(flow.to);
		}
	};
	for (const entry of entries) {
		for (const first of out.get(entry)!) walk([first], new Set([entry, first.to]), 1);
	}
	return best();
}

function toPath(flows: Flow[], received: Map<string, number>, product: number): AmplifiedPath {
	return {
		path: [flows[0]!.from, ...flows.map((flow) => flow.to)],
		hops: flows.map((flow, i) => ({ from: flow.from, to: flow.to, calls: flow.calls, amplification: i === 0 ? null : roundRatio(flow.calls / received.get(flow.from)!) })),
		amplification: roundRatio(product),
	};
}

/** Ratios are shown, not computed with again: four decimals keep models stable between builds. */
export function roundRatio(value: number): number {
	return Math.round(value * 10_000) / 10_000;
}

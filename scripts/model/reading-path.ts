import type { PinnedFlow } from '../config/start-options.ts';
import { compare } from '../lib/compare.ts';
import { groupBy } from '../lib/group-by.ts';
import type { Model, ModelEdge, ModelService } from './model-schema.ts';

/** A flow through the system: pinned by a team, or suggested from what telemetry saw. */
export interface Flow {
	/** The team's name for it, for a pinned flow. */
	title: string | null;
	/** Why it matters, for a pinned flow that says. */
	why: string | null;
	/** The services it passes through, the entry point first. */
	path: string[];
	/** Successful calls (calls less errors) on its first hop in this window. */
	calls: number;
	pinned: boolean;
	/** Hops of a pinned flow with no dependency known between them, in either direction. */
	unknownHops: [string, string][];
}

/** What someone new should read, in order. */
export interface ReadingPath {
	/** The pinned flows in their order, then the suggested ones, the weightiest first. */
	flows: Flow[];
	/** The services most others depend on, in reading order: a service before every service it calls, directly or not. */
	services: ModelService[];
	/** Whether some of those services call each other in a loop, so that no order puts every caller first. */
	loops: boolean;
}

/** Share of errors past which a call is not part of a flow: a retry loop or an outage, not the way requests go. */
export const MAX_FLOW_ERROR_SHARE = 0.5;

/** A tier that marks a service as critical (`1`, `tier1`, `tier-1`, `0`, `critical`): a flow through one weighs more. */
export const isCritical = (service: ModelService): boolean => /^(tier[-_ ]?)?[01]$|^critical$/i.test(service.tier?.trim() ?? '');

/** The name a note, catalog or telemetry name (or an alias) resolves to, or null. */
export function resolveName(model: Model, name: string): string | null {
	const found = model.services.find((s) => s.name === name) ?? model.services.find((s) => s.aliases.includes(name));
	return found?.name ?? null;
}

/**
 * Plans a first week's reading. Flows: the pinned ones first, then suggested ones: from each entry
 * point (a service nothing calls), one flow per first hop, following the call with most successful
 * calls until it ends or loops, over calls that mostly succeed; each scored by the successful calls
 * of its first hop, times one more than the critical services it passes through; at most two per
 * entry point. Services: the most depended on, a caller before what it calls.
 */
export function readingPath(model: Model, options: { pinned?: readonly PinnedFlow[]; flows?: number; services?: number } = {}): ReadingPath {
	const apps = new Map(model.services.filter((s) => s.kind === 'service').map((s) => [s.name, s]));
	const pinned = (options.pinned ?? []).map((flow) => pinnedFlow(model, flow));
	const suggested = suggestFlows(model, apps, options.flows ?? 5, new Set(pinned.map((f) => f.path.join('\u0000'))));
	const chosen = [...apps.values()]
		.filter((s) => s.dependents > 0)
		.sort((a, b) => b.dependents - a.dependents || compare(a.name, b.name))
		.slice(0, options.services ?? 10);
	const { order, loops } = callersFirst(model, apps, chosen);
	return { flows: [...pinned, ...suggested], services: order, loops };
}

function pinnedFlow(model: Model, flow: PinnedFlow): Flow {
	const path = flow.path.map((name) => resolveName(model, name) ?? name);
	const known = new Set(model.edges.map((e) => `${e.from}\u0000${e.to}`));
	const hops = path.slice(1).map((to, i): [string, string] => [path[i]!, to]);
	const first = model.edges.find((e) => e.from === path[0] && e.to === path[1]);
	return {
		title: flow.title,
		why: flow.why,
		path,
		calls: first ? successes(first) : 0,
		pinned: true,
		unknownHops: hops.filter(([a, b]) => !known.has(`${a}\u0000${b}`) && !known.has(`${b}\u0000${a}`)),
	};
}

const successes = (edge: ModelEdge) => Math.max(0, edge.calls - edge.errors);
const carries = (edge: ModelEdge) => edge.observed && edge.calls > 0 && edge.errors / edge.calls < MAX_FLOW_ERROR_SHARE;

function suggestFlows(model: Model, apps: Map<string, ModelService>, limit: number, taken: Set<string>): Flow[] {
	const out = groupBy(
		model.edges.filter((e) => carries(e) && apps.has(e.from) && apps.has(e.to)),
		(e) => e.from,
	);
	for (const list of out.values()) list.sort((a, b) => successes(b) - successes(a) || compare(a.to, b.to));
	const called = new Set(model.edges.filter((e) => e.observed).map((e) => e.to));
	const entries = [...apps.keys()].filter((name) => !called.has(name) && out.has(name));
	const candidates = entries.flatMap((entry) =>
		out.get(entry)!.map((first) => {
			const path = [entry, first.to];
			for (let next = out.get(first.to)?.find((e) => !path.includes(e.to)); next; next = out.get(next.to)?.find((e) => !path.includes(e.to))) path.push(next.to);
			const critical = path.filter((name) => isCritical(apps.get(name)!)).length;
			return { flow: { title: null, why: null, path, calls: successes(first), pinned: false, unknownHops: [] } as Flow, score: successes(first) * (1 + critical) };
		}),
	);
	const perEntry = new Map<string, number>();
	const flows: Flow[] = [];
	for (const { flow } of candidates.sort((a, b) => b.score - a.score || compare(a.flow.path.join(' '), b.flow.path.join(' ')))) {
		if (flows.length >= limit) break;
		const entry = flow.path[0]!;
		if ((perEntry.get(entry) ?? 0) >= 2 || taken.has(flow.path.join('\u0000'))) continue;
		perEntry.set(entry, (perEntry.get(entry) ?? 0) + 1);
		flows.push(flow);
	}
	return flows;
}

// Orders services so that each comes before every service it reaches through calls (declared or
// observed); services that reach each other (a loop) keep the most depended on first.
function callersFirst(model: Model, apps: Map<string, ModelService>, chosen: ModelService[]): { order: ModelService[]; loops: boolean } {
	const out = groupBy(
		model.edges.filter((e) => apps.has(e.from) && apps.has(e.to)),
		(e) => e.from,
	);
	const reaches = new Map<string, Set<string>>();
	for (const service of chosen) {
		const seen = new Set<string>();
		const queue = [service.name];
		while (queue.length > 0) {
			for (const edge of out.get(queue.shift()!) ?? []) if (!seen.has(edge.to)) (seen.add(edge.to), queue.push(edge.to));
		}
		reaches.set(service.name, seen);
	}
	// a must come before b when a reaches b and b does not reach a.
	const before = (a: ModelService, b: ModelService) => reaches.get(a.name)!.has(b.name) && !reaches.get(b.name)!.has(a.name);
	const loops = chosen.some((a) => chosen.some((b) => a !== b && reaches.get(a.name)!.has(b.name) && reaches.get(b.name)!.has(a.name)));
	const order: ModelService[] = [];
	const left = [...chosen];
	while (left.length > 0) {
		// The most depended on of those no remaining service must precede (chosen is sorted so).
		const next = left.find((b) => !left.some((a) => a !== b && before(a, b)))!;
		order.push(next);
		left.splice(left.indexOf(next), 1);
	}
	return { order, loops };
}

import { compare } from '../lib/compare.ts';
import type { Coupling, Egress, EntryPoint, ModelEdge, ModelService, Use } from './model-schema.ts';

/** The order uses are listed in. */
const USE_ORDER: readonly Use[] = ['reads', 'writes', 'publishes', 'consumes', 'calls'];

/**
 * How a caller uses what an edge points at, by what telemetry saw: a database read or written
 * (each span's operation), a queue published to or consumed from; `calls` for a store whose
 * operations no span named, and for anything else. With nothing seen, what notes and catalogs declare.
 */
export function edgeUses(edge: Pick<ModelEdge, 'calls' | 'reads' | 'writes' | 'consumes' | 'declaredUses'>, calleeKind: ModelService['kind']): Use[] {
	if (edge.calls === 0) return sortUses(edge.declaredUses);
	const uses = new Set<Use>();
	if (calleeKind === 'queue') {
		if (edge.consumes > 0) uses.add('consumes');
		if (edge.calls > edge.consumes) uses.add('publishes');
	} else if (calleeKind === 'database') {
		if (edge.reads > 0) uses.add('reads');
		if (edge.writes > 0) uses.add('writes');
		if (edge.calls > edge.reads + edge.writes) uses.add('calls');
	} else uses.add('calls');
	// An unnamed operation says nothing; a declared read or write says what it likely was.
	if (uses.has('calls') && calleeKind === 'database' && edge.declaredUses.length > 0) {
		uses.delete('calls');
		for (const use of edge.declaredUses) uses.add(use);
	}
	return sortUses([...uses]);
}

/** Uses once each, in the order they are listed in. */
export const sortUses = (uses: readonly Use[]): Use[] => [...new Set(uses)].sort((a, b) => USE_ORDER.indexOf(a) - USE_ORDER.indexOf(b));

/**
 * The resources (databases, queues, external hosts) that two or more services use while at least
 * two of them do not call each other: a slow query, a full disk, a schema change or a rate limit on
 * one reaches the others through it. The most users first, then by name.
 */
export function findCouplings(services: readonly ModelService[], edges: readonly ModelEdge[]): Coupling[] {
	const byName = new Map(services.map((s) => [s.name, s]));
	const calls = new Set(edges.map((e) => `${e.from}\u0000${e.to}`));
	const related = (a: string, b: string) => calls.has(`${a}\u0000${b}`) || calls.has(`${b}\u0000${a}`);
	const usersOf = new Map<string, ModelEdge[]>();
	for (const edge of edges) {
		const resource = byName.get(edge.to);
		const user = byName.get(edge.from);
		if (!resource || resource.kind === 'service' || user?.kind !== 'service') continue;
		const list = usersOf.get(edge.to);
		if (list) list.push(edge);
		else usersOf.set(edge.to, [edge]);
	}
	const couplings: Coupling[] = [];
	for (const [resource, uses] of usersOf) {
		if (uses.length < 2) continue;
		let indirectPairs = 0;
		for (let i = 0; i < uses.length; i++) for (let j = i + 1; j < uses.length; j++) if (!related(uses[i]!.from, uses[j]!.from)) indirectPairs++;
		if (indirectPairs === 0) continue;
		const users = uses
			.map((e) => ({ service: e.from, owner: byName.get(e.from)?.owner ?? null, uses: e.uses, status: e.status }))
			.sort((a, b) => compare(a.service, b.service));
		couplings.push({
			resource,
			kind: byName.get(resource)!.kind,
			owner: byName.get(resource)!.owner,
			users,
			teams: new Set(users.flatMap((u) => u.owner ?? [])).size,
			writers: users.filter((u) => u.uses.includes('writes') || u.uses.includes('publishes')).length,
			// An incident's lesson is no team's written word: sharing it alone names stays undocumented.
			documented: uses.every((e) => e.declaredBy.some((source) => source !== 'incident')),
			indirectPairs,
		});
	}
	return couplings.sort((a, b) => b.users.length - a.users.length || compare(a.resource, b.resource));
}

/**
 * Where traffic enters: every service that started traces in the window, the most first. A source
 * of call totals without spans (dependency links, service-graph metrics) shows no trace starts;
 * then each service that calls others and that nothing was seen calling is one.
 */
export function findEntryPoints(services: readonly ModelService[], edges: readonly ModelEdge[], hasSpans: boolean): EntryPoint[] {
	if (hasSpans) {
		return services
			.filter((s) => s.kind === 'service' && s.rootSpans > 0)
			.map((s): EntryPoint => ({ service: s.name, rootSpans: s.rootSpans, basis: 'root-spans' }))
			.sort((a, b) => b.rootSpans! - a.rootSpans! || compare(a.service, b.service));
	}
	const called = new Set(edges.filter((e) => e.observed).map((e) => e.to));
	const calling = new Set(edges.filter((e) => e.observed).map((e) => e.from));
	return services
		.filter((s) => s.kind === 'service' && calling.has(s.name) && !called.has(s.name))
		.map((s): EntryPoint => ({ service: s.name, rootSpans: null, basis: 'no-callers' }))
		.sort((a, b) => compare(a.service, b.service));
}

/** Every external host called or declared, the busiest first, with who calls it. */
export function findEgress(services: readonly ModelService[], edges: readonly ModelEdge[]): Egress[] {
	const external = new Set(services.filter((s) => s.kind === 'external').map((s) => s.name));
	const hosts = new Map<string, ModelEdge[]>();
	for (const edge of edges) {
		if (!external.has(edge.to)) continue;
		const list = hosts.get(edge.to);
		if (list) list.push(edge);
		else hosts.set(edge.to, [edge]);
	}
	return [...hosts]
		.map(([host, calls]): Egress => {
			const seen = calls.filter((e) => e.observed);
			return {
				host,
				callers: calls.map((e) => e.from).sort(compare),
				calls: calls.reduce((n, e) => n + e.calls, 0),
				observed: seen.length > 0,
				firstSeen: seen.flatMap((e) => e.firstSeen ?? []).sort()[0] ?? null,
				lastSeen: seen.flatMap((e) => e.lastSeen ?? []).sort().at(-1) ?? null,
			};
		})
		.sort((a, b) => b.calls - a.calls || compare(a.host, b.host));
}

/**
 * The services on an observed path from an entry point to a database or a queue, sorted: reached
 * from an entry point and reaching a store, the entry points themselves included when they do.
 */
export function betweenEntryAndData(services: readonly ModelService[], edges: readonly ModelEdge[], entryPoints: readonly EntryPoint[]): string[] {
	const kindOf = new Map(services.map((s) => [s.name, s.kind]));
	const forward = new Map<string, string[]>();
	const backward = new Map<string, string[]>();
	for (const edge of edges) {
		if (!edge.observed) continue;
		(forward.get(edge.from) ?? forward.set(edge.from, []).get(edge.from)!).push(edge.to);
		(backward.get(edge.to) ?? backward.set(edge.to, []).get(edge.to)!).push(edge.from);
	}
	const reach = (starts: Iterable<string>, next: Map<string, string[]>) => {
		const seen = new Set(starts);
		const queue = [...seen];
		for (let i = 0; i < queue.length; i++) {
			for (const to of next.get(queue[i]!) ?? []) {
				if (!seen.has(to)) {
					seen.add(to);
					queue.push(to);
				}
			}
		}
		return seen;
	};
	const fromEntries = reach(entryPoints.map((e) => e.service), forward);
	const stores = services.filter((s) => s.kind === 'database' || s.kind === 'queue').map((s) => s.name);
	const toData = reach(stores, backward);
	return [...fromEntries].filter((name) => kindOf.get(name) === 'service' && toData.has(name)).sort(compare);
}

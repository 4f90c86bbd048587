import { compare } from '../lib/compare.ts';
import { modelLookup } from '../model/model-lookup.ts';
import type { Coupling, EdgeStatus, Model, ModelCycle, ModelEdge, ModelService } from '../model/model-schema.ts';
import type { DiagramEdge, DiagramGraph, DiagramNode } from './diagram-source.ts';
import { combineStatuses } from './edge-styles.ts';
import type { MapGroup } from './map-groups.ts';

/** Most nodes the system map draws in one picture: past this the system is drawn group by group. */
export const MAX_MAP_NODES = 40;

/**
 * Most services one group of the map holds (a bigger team or system is split): ten nodes are left
 * for the infrastructure and other groups beside them within MAX_MAP_NODES.
 */
export const MAX_GROUP_SERVICES = 30;

/**
 * Most lines a group's picture draws: more than a tree over its MAX_MAP_NODES nodes, few enough
 * that the lines can be followed. Past this, the quietest are left out (the service pages list all).
 */
export const MAX_PICTURE_LINES = 50;

/** Site path of a service page, relative to the site base (the caller prefixes the base). */
export const servicePath = (service: Pick<ModelService, 'slug'>) => `/services/${service.slug}/`;

// The order in which a service's neighbours are kept when there are more than its picture holds.
const DRAW_FIRST: readonly EdgeStatus[] = ['hidden', 'phantom', 'dormant', 'learned', 'confirmed'];

/**
 * The neighbourhood of one service: the service, what it calls and what calls it, one hop,
 * with at most `maxNeighbours` neighbours: hidden, then phantom, then learned, then the busiest confirmed, a third
 * of the places kept for the confirmed.
 */
export function serviceDiagram(model: Model, service: ModelService, maxNeighbours: number): DiagramGraph & { omitted: number } {
	const { byName, touching: touchingOf } = modelLookup(model);
	const touching = touchingOf(service.name);
	// Where the written and the running system part is the point of the page: a neighbour joined by a
	// hidden line comes first, then one joined by a phantom line, then the confirmed, busiest first.
	const neighbours = new Map<string, [rank: number, calls: number]>();
	for (const edge of touching) {
		const other = edge.from === service.name ? edge.to : edge.from;
		if (other === service.name) continue;
		const rank = DRAW_FIRST.indexOf(edge.status);
		const [seenRank, seenCalls] = neighbours.get(other) ?? [Infinity, 0];
		neighbours.set(other, [Math.min(rank, seenRank), Math.max(edge.calls, seenCalls)]);
	}
	const ranked = [...neighbours].sort((a, b) => a[1][0] - b[1][0] || b[1][1] - a[1][1] || compare(a[0], b[0]));
	const confirmedAt = ranked.findIndex(([, [rank]]) => DRAW_FIRST[rank] === 'confirmed');
	const drift = confirmedAt === -1 ? ranked : ranked.slice(0, confirmedAt);
	const confirmed = confirmedAt === -1 ? [] : ranked.slice(confirmedAt);
	// Drift first, but a third of the picture stays for the busiest confirmed calls: the service as it mostly runs.
	const confirmedSlots = Math.min(confirmed.length, Math.max(maxNeighbours - drift.length, Math.floor(maxNeighbours / 3)));
	const kept = [...drift.slice(0, maxNeighbours - confirmedSlots), ...confirmed.slice(0, confirmedSlots)].map(([name]) => name).sort();
	const shown = new Set([service.name, ...kept]);
	const nodes = [service.name, ...kept].map((name) => node(byName.get(name)!, name === service.name));
	const edges = touching.filter((e) => shown.has(e.from) && shown.has(e.to)).map((e) => edge(e, byName));
	return { nodes, edges, omitted: neighbours.size - kept.length };
}

/** The whole system, service by service, or null when it is too big to read as one picture. */
export function systemDiagram(model: Model): DiagramGraph | null {
	if (model.services.length > MAX_MAP_NODES) return null;
	const byName = new Map(model.services.map((s) => [s.name, s]));
	return { nodes: model.services.map((s) => node(s, false)), edges: model.edges.map((e) => edge(e, byName)) };
}

/**
 * One group's picture: its services and the calls between them, the databases, queues and hosts
 * they use, and each other group they call or are called by folded into one node that links to
 * it. At most MAX_MAP_NODES nodes (past that, the neighbours with fewest lines to the group are
 * folded into one more node, linked to the map) and MAX_PICTURE_LINES lines (past that, the
 * quietest are left out, but never a node's last one); `omitted` says how many were.
 */
export function groupDiagram(model: Model, groups: readonly MapGroup[], group: MapGroup): DiagramGraph & { omitted: number } {
	const byName = new Map(model.services.map((s) => [s.name, s]));
	const groupOf = new Map<string, MapGroup>();
	for (const g of groups) for (const name of g.services) groupOf.set(name, g);
	const own = new Set(group.services);
	// What each end of a line is drawn as, for the nodes and the lines alike, so no line can end
	// at a node that is not drawn: the group's own services, and infrastructure (even a team's:
	// the picture shows what is used), as themselves; another group's service as that group.
	const endpoint = (name: string): DiagramNode => {
		const service = byName.get(name)!;
		const other = own.has(name) || service.kind !== 'service' ? undefined : groupOf.get(name);
		return other ? groupNode(other) : node(service, false);
	};
	const touching = model.edges.filter((e) => own.has(e.from) || own.has(e.to));
	const outside = new Map<string, { node: DiagramNode; lines: number }>();
	for (const e of touching) {
		for (const end of [e.from, e.to]) {
			if (own.has(end)) continue;
			const drawn = endpoint(end);
			const known = outside.get(drawn.id);
			if (known) known.lines++;
			else outside.set(drawn.id, { node: drawn, lines: 1 });
		}
	}
	const room = MAX_MAP_NODES - own.size;
	const kept = new Set(
		outside.size <= room
			? outside.keys()
			: [...outside].sort((a, b) => b[1].lines - a[1].lines || compare(a[0], b[0])).slice(0, Math.max(0, room - 1)).map(([id]) => id),
	);
	const drawnEnd = (name: string) => {
		const { id } = endpoint(name);
		return own.has(name) || kept.has(id) ? id : 'more';
	};

	const nodes = new Map<string, DiagramNode>(group.services.map((name) => [endpoint(name).id, endpoint(name)]));
	for (const [id, { node: drawn }] of outside) if (kept.has(id)) nodes.set(id, drawn);
	const hidden = [...outside.keys()].filter((id) => !kept.has(id));
	if (hidden.length > 0) {
		const folded = hidden.filter((id) => id.startsWith(GROUP_PREFIX)).length;
		const words = [
			folded > 0 ? `${folded} more ${folded === 1 ? 'group' : 'groups'}` : '',
			hidden.length > folded ? `${hidden.length - folded} more infrastructure` : '',
		];
		nodes.set('more', { id: 'more', label: words.filter(Boolean).join(', '), kind: 'service', href: '/map/' });
	}

	// Candidate lines: each dependency between the group's services, and each service's dependencies
	// on one neighbour folded into one line.
	const lines = new Map<string, { from: string; to: string; edges: ModelEdge[]; weight: number }>();
	for (const e of touching) {
		const from = drawnEnd(e.from);
		const to = drawnEnd(e.to);
		if (from === to) continue;
		const key = `${from}\u0000${to}`;
		const line = lines.get(key) ?? { from, to, edges: [], weight: 0 };
		line.edges.push(e);
		// Declared lines first, like a service's neighbours: a phantom has no calls but is the point.
		line.weight += e.calls + (e.declared ? Number.MAX_SAFE_INTEGER / 1024 : 0);
		lines.set(key, line);
	}
	// The group's own structure first, then its neighbours, the folded rest last; the busiest first within each.
	const ownIds = new Set(group.services.map((name) => endpoint(name).id));
	const rank = (line: { from: string; to: string }) => (line.from === 'more' || line.to === 'more' ? 2 : ownIds.has(line.from) && ownIds.has(line.to) ? 0 : 1);
	const ranked = [...lines.values()].sort((a, b) => rank(a) - rank(b) || b.weight - a.weight || compare(a.from, b.from) || compare(a.to, b.to));
	const drawn = new Set<(typeof ranked)[number]>();
	// A spanning forest of the busiest lines first, so every node keeps a line to the rest; then the busiest others.
	const root = new Map<string, string>();
	const find = (id: string): string => {
		let at = id;
		while (root.has(at) && root.get(at) !== at) at = root.get(at)!;
		root.set(id, at);
		return at;
	};
	for (const line of ranked) {
		const [a, b] = [find(line.from), find(line.to)];
		if (a === b) continue;
		root.set(a, b);
		drawn.add(line);
	}
	for (const line of ranked) {
		if (drawn.size >= MAX_PICTURE_LINES) break;
		drawn.add(line);
	}
	const edges = [...drawn]
		.sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to))
		.map((line): DiagramEdge => ({ from: line.from, to: line.to, ...combinedLine(line.edges) }));
	return { nodes: [...nodes.values()], edges, omitted: lines.size - drawn.size };
}

/**
 * The groups and the calls between them: one node per group, labelled with its size, an edge
 * wherever any of their services depend on each other, styled and labelled by combineStatuses. Null when there
 * are more groups than MAX_MAP_NODES: the map lists them instead.
 */
export function groupOverviewDiagram(model: Model, groups: readonly MapGroup[]): DiagramGraph | null {
	if (groups.length > MAX_MAP_NODES) return null;
	const groupOf = new Map<string, MapGroup>();
	for (const g of groups) for (const name of g.services) groupOf.set(name, g);
	const nodes = groups.map((g) => ({ ...groupNode(g), label: `${g.name} (${g.services.length})` }));
	const pairs = new Map<string, { from: string; to: string; edges: ModelEdge[] }>();
	for (const e of model.edges) {
		const from = groupOf.get(e.from);
		const to = groupOf.get(e.to);
		// Infrastructure nobody owns belongs to no group: it is drawn in the groups' own pictures.
		if (!from || !to || from === to) continue;
		const key = `${from.slug}\u0000${to.slug}`;
		const pair = pairs.get(key) ?? { from: groupNode(from).id, to: groupNode(to).id, edges: [] };
		pair.edges.push(e);
		pairs.set(key, pair);
	}
	const edges = [...pairs.values()]
		.sort((a, b) => compare(a.from + a.to, b.from + b.to))
		.map((p): DiagramEdge => ({ from: p.from, to: p.to, ...combineStatuses(p.edges.map((e) => e.status)), ...failingLabel(p.edges) }));
	return { nodes, edges };
}

/** How many cycles the feedback page draws (the largest first); the rest are listed. */
export const MAX_CYCLE_PICTURES = 5;

/** Id of the picture of the model's `index`-th cycle. */
export const cycleDiagramId = (index: number) => `cycle-${index}`;

/**
 * One observed cycle, drawn the way work goes: the flows `findCycles` chose (every flow of a small
 * group, one shortest loop through a large one), each styled like the dependency it travels on. A
 * queue's messages go queue → consumer though the dependency is the consumer's on the queue.
 * Null when there is nothing to draw.
 */
export function cycleDiagram(model: Model, cycle: ModelCycle): DiagramGraph | null {
	if (cycle.flows.length === 0) return null;
	const { byName, touching } = modelLookup(model);
	const edgeBetween = (from: string, to: string) => touching(from).find((e) => e.from === from && e.to === to);
	const names = [...new Set(cycle.flows.flatMap((f) => [f.from, f.to]))].sort(compare);
	if (names.some((name) => !byName.has(name))) return null;
	const edges = cycle.flows.map((f): DiagramEdge => {
		const dependency = edgeBetween(f.from, f.to) ?? edgeBetween(f.to, f.from);
		const drawn = { from: node(byName.get(f.from)!, false).id, to: node(byName.get(f.to)!, false).id };
		if (!dependency) return { ...drawn, status: 'hidden' };
		const label = healthLabel(dependency);
		return { ...drawn, status: dependency.status, ...(label ? { label } : {}) };
	});
	return { nodes: names.map((name) => node(byName.get(name)!, false)), edges };
}

/**
 * How many shared stores and queues the data-flows view draws (the most users first); the rest are
 * listed. Three pictures of at most six a side keep the view within its budget at 1,000 services
 * (five of ten drew it 12,300 px tall and 135 kB heavy).
 */
export const MAX_FLOW_PICTURES = 3;

/** Most writers, and most readers, one data-flow picture draws: the busiest. */
export const MAX_FLOW_SIDE = 6;

/** The shared stores and queues whose data flows are drawn, in the model's order. */
export const drawnFlows = (model: Model): Coupling[] => model.couplings.filter((c) => c.kind === 'database' || c.kind === 'queue').slice(0, MAX_FLOW_PICTURES);

/** Id of the data-flow picture of a store or queue. */
export const flowDiagramId = (resource: Pick<ModelService, 'slug'>) => `flow-${resource.slug}`;

/**
 * Who puts data into a shared store or queue and who takes it out, drawn the way the data goes:
 * writers (and producers) → resource → readers (and consumers), each line styled like the use's
 * edge, so an undeclared writer is drawn hidden. A service that does both is on both sides. At
 * most MAX_FLOW_SIDE a side, the busiest; `omitted` counts the users left out.
 */
export function dataFlowDiagram(model: Model, coupling: Coupling): DiagramGraph & { omitted: number } {
	const { byName, touching } = modelLookup(model);
	const resource = byName.get(coupling.resource)!;
	const uses = touching(resource.name).filter((e) => e.to === resource.name && byName.has(e.from));
	const busiest = (a: ModelEdge, b: ModelEdge) => b.calls - a.calls || compare(a.from, b.from);
	const writers = uses.filter((e) => e.uses.includes('writes') || e.uses.includes('publishes')).sort(busiest).slice(0, MAX_FLOW_SIDE);
	const readers = uses.filter((e) => e.uses.includes('reads') || e.uses.includes('consumes') || e.uses.includes('calls')).sort(busiest).slice(0, MAX_FLOW_SIDE);
	const drawn = new Set([...writers, ...readers].map((e) => e.from));
	const line = (e: ModelEdge, from: string, to: string): DiagramEdge => {
		// A use whose operations no span named is drawn as a read, and says it may be anything.
		const unnamed = e.uses.length > 0 && e.uses.every((use) => use === 'calls') ? 'use not named' : null;
		const label = [healthLabel(e), learnedLabel(e), unnamed].filter((part) => part !== null).join(', ');
		return { from, to, status: e.status, ...(label ? { label } : {}) };
	};
	const id = (name: string) => node(byName.get(name)!, false).id;
	// A reader that also writes is one box with a line each way.
	const nodes = [node(resource, true), ...[...drawn].sort(compare).map((name) => node(byName.get(name)!, false))];
	const edges = [...writers.map((e) => line(e, id(e.from), id(resource.name))), ...readers.map((e) => line(e, id(resource.name), id(e.from)))];
	return { nodes, edges, omitted: new Set(uses.map((e) => e.from)).size - drawn.size };
}

// Node ids say what a node stands for, so a service can never pass for a group, nor a group for a service.
const SERVICE_PREFIX = 'service:';
const GROUP_PREFIX = 'group:';

// A group folded into one node, drawn plain: whether its services are written about is on their own boxes.
function groupNode(group: MapGroup): DiagramNode {
	return { id: `${GROUP_PREFIX}${group.slug}`, label: group.name, kind: 'service', href: group.href };
}

// The one way a model service becomes a node: its id from its name, unique in the model, its kind the model's.
function node(service: ModelService, focus: boolean): DiagramNode {
	return {
		id: `${SERVICE_PREFIX}${service.name}`,
		label: service.name,
		kind: service.kind,
		focus,
		href: servicePath(service),
		// Infrastructure nobody describes is no gap (its shape says what it is); a running service nobody describes is.
		documented: service.kind !== 'service' || service.sources.length > 0,
	};
}

// No call counts on the lines: they change with every window, and a diagram whose structure did
// not change should come from the cache. The page's tables carry the counts.
// A failing edge says so on its line: a green confirmed line must not read as a healthy one; so does
// a path only failure takes, which no healthy week would draw at all. A lesson
// is no count either: it stays the same from window to window, so it may label the line too.
function edge(e: ModelEdge, byName: ReadonlyMap<string, ModelService>): DiagramEdge {
	const label = [healthLabel(e), learnedLabel(e)].filter((part) => part !== null).join(', ');
	return { from: node(byName.get(e.from)!, false).id, to: node(byName.get(e.to)!, false).id, status: e.status, ...(label ? { label } : {}) };
}

// What a single dependency's traffic says on its line, or null when it looks healthy.
function healthLabel(e: ModelEdge): string | null {
	return e.errorOnly ? 'only on failure' : e.failing ? `${Math.round((100 * e.errors) / e.calls)}% failed` : null;
}

// A map line: one dependency is labelled as on a service's picture; several are counted by kind, the failing ones too.
function combinedLine(edges: readonly ModelEdge[]): Pick<DiagramEdge, 'status' | 'label'> {
	if (edges.length === 1) {
		const label = [healthLabel(edges[0]!), learnedLabel(edges[0]!)].filter((part) => part !== null).join(', ');
		return { status: edges[0]!.status, ...(label ? { label } : {}) };
	}
	return { ...combineStatuses(edges.map((e) => e.status)), ...failingLabel(edges) };
}

// The combined label with the failing dependencies among them counted, when any fail.
function failingLabel(edges: readonly ModelEdge[]): { label?: string } {
	const failing = edges.filter((e) => e.failing).length;
	if (failing === 0) return {};
	const { label } = combineStatuses(edges.map((e) => e.status));
	return { label: `${label}, ${failing} failing` };
}

/** What the newest incident taught about an edge, in the words its line and row use ("learned in INC-142, 2026-09-03"), or null. */
export function learnedLabel(e: Pick<ModelEdge, 'learnedIn'>): string | null {
	const lesson = e.learnedIn.at(-1);
	if (!lesson) return null;
	return lesson.what === 'gone' ? `gone per ${lesson.incident}, ${lesson.date}` : `learned in ${lesson.incident}, ${lesson.date}`;
}

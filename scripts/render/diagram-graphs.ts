import type { Model, ModelEdge, ModelService, ModelTeam } from '../model/model-schema.ts';
import type { DiagramGraph, DiagramNode } from './diagram-source.ts';

/** Most nodes the system map draws service by service in one picture; past this it draws one picture per team. */
export const MAX_MAP_NODES = 40;

/** Most services a team's picture draws; a bigger team (or the unowned) is listed instead. */
export const MAX_TEAM_MAP_SERVICES = 40;

/** Site path of a service page, relative to the site base (the caller prefixes the base). */
export const servicePath = (service: Pick<ModelService, 'slug'>) => `/services/${service.slug}/`;

/**
 * The neighbourhood of one service: the service, what it calls and what calls it, one hop,
 * with at most `maxNeighbours` neighbours (the busiest and the declared ones first).
 */
export function serviceDiagram(model: Model, service: ModelService, maxNeighbours: number): DiagramGraph & { omitted: number } {
	const byName = new Map(model.services.map((s) => [s.name, s]));
	const touching = model.edges.filter((e) => e.from === service.name || e.to === service.name);
	const neighbours = new Map<string, number>();
	for (const edge of touching) {
		const other = edge.from === service.name ? edge.to : edge.from;
		if (other === service.name) continue;
		// Declared edges always make the cut: a phantom has no calls but is the point of the page.
		const weight = edge.calls + (edge.declared ? Number.MAX_SAFE_INTEGER / 4 : 0);
		neighbours.set(other, Math.max(neighbours.get(other) ?? 0, weight));
	}
	const kept = [...neighbours]
		.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
		.slice(0, maxNeighbours)
		.map(([name]) => name)
		.sort();
	const shown = new Set([service.name, ...kept]);
	const nodes = [service.name, ...kept].map((name) => node(byName.get(name)!, name === service.name));
	const edges = touching.filter((e) => shown.has(e.from) && shown.has(e.to)).map(edge);
	return { nodes, edges, omitted: neighbours.size - kept.length };
}

/** The whole system, service by service, or null when it is too big to read as one picture. */
export function systemDiagram(model: Model): DiagramGraph | null {
	if (model.services.length > MAX_MAP_NODES) return null;
	return { nodes: model.services.map((s) => node(s, false)), edges: model.edges.map(edge) };
}

/**
 * One team's part of the system: its services and what they call among themselves, each other
 * team (and the unowned) they call or are called by folded into one node, and the databases,
 * queues and hosts they use. Null when the team has more than `MAX_TEAM_MAP_SERVICES` services.
 */
export function teamNeighbourhoodDiagram(model: Model, team: ModelTeam): DiagramGraph | null {
	if (team.services.length === 0 || team.services.length > MAX_TEAM_MAP_SERVICES) return null;
	const byName = new Map(model.services.map((s) => [s.name, s]));
	const own = new Set(team.services);
	const teams = new Map(model.teams.map((t) => [t.id, t]));
	const nodes = new Map<string, DiagramNode>(team.services.map((name) => [name, node(byName.get(name)!, false)]));
	const folded = new Map<string, { from: string; to: string; statuses: ModelEdge['status'][] }>();
	const edges: DiagramGraph['edges'] = [];
	// Where an edge's far end is drawn: itself (own service or infrastructure) or its owner's team node.
	const endOf = (name: string): string => {
		if (own.has(name)) return name;
		const other = byName.get(name)!;
		if (other.kind !== 'service') {
			if (!nodes.has(name)) nodes.set(name, node(other, false));
			return name;
		}
		const owner = other.owner && teams.get(other.owner);
		const id = owner ? `team:${owner.id}` : 'team:';
		if (!nodes.has(id)) {
			nodes.set(id, owner ? { id, label: owner.name, kind: 'service', href: `/teams/${owner.slug}/`, documented: true } : { id, label: 'No owner', kind: 'service', documented: false });
		}
		return id;
	};
	for (const e of model.edges) {
		if (!own.has(e.from) && !own.has(e.to)) continue;
		const from = endOf(e.from);
		const to = endOf(e.to);
		if (from === to) continue;
		if (own.has(e.from) && own.has(e.to)) {
			edges.push(edge(e));
			continue;
		}
		const key = `${from}\u0000${to}`;
		const pair = folded.get(key) ?? { from, to, statuses: [] };
		pair.statuses.push(e.status);
		folded.set(key, pair);
	}
	for (const pair of [...folded.values()].sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1))) {
		// As on the team map: any undocumented call makes the line hidden; all phantom makes it phantom.
		const status = pair.statuses.includes('hidden') ? 'hidden' : pair.statuses.every((s) => s === 'phantom') ? 'phantom' : 'confirmed';
		edges.push({ from: pair.from, to: pair.to, status, ...(pair.statuses.length > 1 ? { label: `${pair.statuses.length} dependencies` } : {}) });
	}
	return { nodes: [...nodes.values()], edges };
}

/**
 * Teams and the calls between them: one node per team (plus one for unowned services),
 * an edge wherever any of their services depend on each other, labelled with how many.
 */
export function teamDiagram(model: Model): DiagramGraph {
	const teamOf = new Map(model.services.map((s) => [s.name, s.owner ?? (s.kind === 'service' ? '' : null)]));
	const nodes: DiagramNode[] = model.teams.map((team) => ({
		id: `team:${team.id}`,
		label: `${team.name} (${team.services.length})`,
		kind: 'service',
		href: `/teams/${team.slug}/`,
		documented: true,
	}));
	const unowned = model.services.filter((s) => s.kind === 'service' && !s.owner).length;
	if (unowned > 0) nodes.push({ id: 'team:', label: `No owner (${unowned})`, kind: 'service', documented: false });
	const pairs = new Map<string, { from: string; to: string; count: number; hidden: number; phantom: number }>();
	for (const e of model.edges) {
		const from = teamOf.get(e.from);
		const to = teamOf.get(e.to);
		if (from === null || from === undefined || to === null || to === undefined || from === to) continue;
		const key = `${from}\u0000${to}`;
		const pair = pairs.get(key) ?? { from, to, count: 0, hidden: 0, phantom: 0 };
		pair.count++;
		if (e.status === 'hidden') pair.hidden++;
		if (e.status === 'phantom') pair.phantom++;
		pairs.set(key, pair);
	}
	const edges = [...pairs.values()]
		.sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1))
		.map((p) => ({
			from: `team:${p.from}`,
			to: `team:${p.to}`,
			// A team boundary with any undocumented call is the one worth a look.
			status: p.hidden > 0 ? ('hidden' as const) : p.phantom === p.count ? ('phantom' as const) : ('confirmed' as const),
			label: `${p.count} ${p.count === 1 ? 'dependency' : 'dependencies'}`,
		}));
	return { nodes, edges };
}

function node(service: ModelService, focus: boolean): DiagramNode {
	return {
		id: service.name,
		label: service.name,
		kind: service.kind,
		focus,
		href: servicePath(service),
		documented: service.sources.length > 0,
	};
}

// No call counts on the lines: they change with every window, and a diagram whose structure did
// not change should come from the cache. The page's tables carry the counts.
function edge(e: ModelEdge) {
	return { from: e.from, to: e.to, status: e.status };
}

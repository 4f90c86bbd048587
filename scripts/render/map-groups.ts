import { compare } from '../lib/compare.ts';
import { slugify } from '../model/assign-slugs.ts';
import type { Model, ModelTeam } from '../model/model-schema.ts';
import { busiestNode, clusterGraph, type Cluster } from './cluster-graph.ts';
import { MAX_GROUP_SERVICES } from './diagram-graphs.ts';

/** One group of the system map, drawn as one picture: a team, a catalog system, or a cluster of unowned services. */
export interface MapGroup {
	/** Unique among the groups, `[a-z0-9-]`: its page is `/map/<slug>/`. */
	slug: string;
	/** What the map calls it; untrusted text, since it holds team, system and service names. */
	name: string;
	/** What holds it together: an owner, a catalog system, or only the calls between its services. */
	kind: 'team' | 'system' | 'cluster';
	/** The owning team, for a team or a part of one. */
	team: ModelTeam | null;
	/** Whether it is one piece of a team or system too big for one picture. */
	part: boolean;
	/** Its services (and any infrastructure its team owns), sorted, at most MAX_GROUP_SERVICES. */
	services: string[];
	/** The service with most neighbours in the group, which names it. */
	busiest: string;
	/** Id the build draws its picture under. */
	diagramId: string;
	/** Its own page, with its picture: `/map/<slug>/`. */
	page: string;
	/** Where a node standing for the group links: a whole team's page, else the group's own page. */
	href: string;
}

/**
 * Splits every service into the groups the system map draws, each service in exactly one: each
 * team's services (a team too big for one picture split by its calls), then unowned services by
 * their catalog system, then the rest by a clustering of the calls between them (see
 * clusterGraph). The same model always gives the same groups, names and slugs.
 */
export function mapGroups(model: Model): MapGroup[] {
	const slugOf = new Map(model.services.map((s) => [s.name, s.slug]));
	const links = model.edges.map((e) => [e.from, e.to] as const);
	const groups: MapGroup[] = [];
	// Team slugs are reserved first: a whole team's page keeps its team's slug.
	const takenSlugs = new Set(model.teams.map((t) => t.slug));
	const takenNames = new Set<string>();
	const add = (group: Omit<MapGroup, 'slug' | 'diagramId' | 'page' | 'href'>, base: string | null) => {
		let name = group.name;
		for (let n = 2; takenNames.has(name); n++) name = `${group.name} (${n})`;
		takenNames.add(name);
		let slug = base === null ? group.team!.slug : slugify(base);
		for (let n = 2, stem = slug; base !== null && takenSlugs.has(slug); n++) slug = `${stem}-${n}`;
		takenSlugs.add(slug);
		const whole = base === null;
		groups.push({
			...group,
			name,
			slug,
			diagramId: whole ? `map-team-${slug}` : `map-group-${slug}`,
			page: `/map/${slug}/`,
			href: whole ? `/teams/${slug}/` : `/map/${slug}/`,
		});
	};
	// The pieces of a team or system too big for one picture, named after it and their hub.
	const parts = (services: string[], prefix: { name: string; slug: string }, group: Pick<MapGroup, 'kind' | 'team'>) => {
		for (const cluster of clusterGraph(services, links, MAX_GROUP_SERVICES)) {
			const { name, slug } = clusterName(cluster, slugOf);
			add({ ...group, name: `${prefix.name}: ${name}`, part: true, services: cluster.nodes, busiest: cluster.hub }, `${prefix.slug}-${slug}`);
		}
	};

	for (const team of model.teams) {
		if (team.services.length === 0) continue;
		if (team.services.length <= MAX_GROUP_SERVICES) {
			add({ name: team.name, kind: 'team', team, part: false, services: [...team.services].sort(compare), busiest: busiestNode(team.services, links) }, null);
		} else parts(team.services, { name: team.name, slug: team.slug }, { kind: 'team', team });
	}
	// A person named as owner is no team: their services are grouped with the unowned.
	const owned = new Set(model.teams.flatMap((t) => t.services));
	const unowned = model.services.filter((s) => s.kind === 'service' && !owned.has(s.name));
	const bySystem = new Map<string, string[]>();
	const loose: string[] = [];
	for (const service of unowned) {
		if (service.system === null || service.system.trim() === '') loose.push(service.name);
		else bySystem.set(service.system, (bySystem.get(service.system) ?? []).concat(service.name));
	}
	for (const system of [...bySystem.keys()].sort(compare)) {
		const services = bySystem.get(system)!.sort(compare);
		const slug = `system-${slugify(system)}`;
		if (services.length <= MAX_GROUP_SERVICES) add({ name: system, kind: 'system', team: null, part: false, services, busiest: busiestNode(services, links) }, slug);
		else parts(services, { name: system, slug }, { kind: 'system', team: null });
	}
	for (const cluster of clusterGraph(loose, links, MAX_GROUP_SERVICES)) {
		const { name, slug } = clusterName(cluster, slugOf);
		add({ name, kind: 'cluster', team: null, part: false, services: cluster.nodes, busiest: cluster.hub }, slug);
	}
	return groups;
}

// A readable name, and the stem of a slug, for a cluster: after its hub, or the hubs it spilled from.
function clusterName(cluster: Cluster, slugOf: Map<string, string>): { name: string; slug: string } {
	const slug = (name: string) => slugOf.get(name) ?? slugify(name);
	if (cluster.kind === 'islands') {
		const more = cluster.components - 1;
		return { name: `${cluster.hub} and ${more} more small ${more === 1 ? 'cluster' : 'clusters'}`, slug: `islands-${slug(cluster.hub)}` };
	}
	if (cluster.kind === 'overflow') {
		const [first, ...others] = cluster.spilledFrom;
		const more = others.length === 0 ? '' : ` and ${others.length} more`;
		return { name: `more around ${first!}${more}`, slug: `more-around-${slug(first!)}` };
	}
	return { name: `around ${cluster.hub}`, slug: `around-${slug(cluster.hub)}` };
}

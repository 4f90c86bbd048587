import { compare } from '../../scripts/lib/compare.ts';
import type { ModelEdge, ModelService } from '../../scripts/model/model-schema.ts';
import { mapGroups, model } from './build-data.ts';
import { paginate } from './bounds.ts';

/** A list too long for the page that mentions it, with a page of its own at `/lists/<slug>/`. */
export interface SiteList {
	slug: string;
	/** Its page's heading. */
	title: string;
	/** What is on it and in which order, said on every page that shows part of it. */
	order: string;
	/** What one row is, plural. */
	noun: string;
	rows: { edges: ModelEdge[] } | { services: ModelService[] };
}

/** Where not knowing hurts most, as the model scored it (`services[].risk`): low confidence in a service that matters. */
export const riskOf = (s: ModelService): number => s.risk?.score ?? 0;

/** Services by risk, the highest first. */
export const byRisk = (a: ModelService, b: ModelService): number => riskOf(b) - riskOf(a) || compare(a.name, b.name);

const byName = (a: { name: string }, b: { name: string }) => compare(a.name, b.name);
const edgeName = (a: ModelEdge, b: ModelEdge) => compare(a.from, b.from) || compare(a.to, b.to);
// Infrastructure nobody describes is not a gap: only running services count as undocumented or unowned.
const running = model.services.filter((s) => s.kind === 'service');

/** Dependencies telemetry saw and nothing declares, the busiest first. */
export const hiddenList: SiteList = {
	slug: 'hidden',
	title: 'Hidden dependencies',
	order: 'the busiest first',
	noun: 'hidden dependencies',
	rows: { edges: model.edges.filter((e) => e.status === 'hidden').sort((a, b) => b.calls - a.calls || edgeName(a, b)) },
};

/** Declared dependencies nobody saw, the surest absence first. */
export const phantomList: SiteList = {
	slug: 'phantom',
	title: 'Phantom dependencies',
	order: 'those telemetry would most surely have seen first',
	noun: 'phantom dependencies',
	rows: {
		edges: model.edges
			.filter((e) => e.status === 'phantom')
			.sort((a, b) => (b.absence?.certainty ?? 0) - (a.absence?.certainty ?? 0) || edgeName(a, b)),
	},
};

/** Running services nobody has written about, the most depended on first. */
export const undocumentedList: SiteList = {
	slug: 'undocumented',
	title: 'Running without a note',
	order: 'the most depended on first',
	noun: 'undocumented services',
	rows: {
		services: running
			.filter((s) => s.sources.length === 0 && s.telemetry)
			.sort((a, b) => b.dependents - a.dependents || (b.telemetry?.spans ?? 0) - (a.telemetry?.spans ?? 0) || byName(a, b)),
	},
};

/** Services whose note is past its review date, the longest unreviewed first. */
export const staleList: SiteList = {
	slug: 'stale',
	title: 'Stale notes',
	order: 'the longest unreviewed first',
	noun: 'stale notes',
	rows: { services: model.services.filter((s) => s.note?.stale).sort((a, b) => b.note!.ageDays - a.note!.ageDays || byName(a, b)) },
};

/** Running services with no owner, the most depended on first. */
export const unownedList: SiteList = {
	slug: 'unowned',
	title: 'Services with no owner',
	order: 'the most depended on first',
	noun: 'services with no owner',
	rows: { services: running.filter((s) => !s.owner).sort((a, b) => b.dependents - a.dependents || byName(a, b)) },
};

/** Every list with a page of its own. */
export const siteLists: readonly SiteList[] = [hiddenList, phantomList, undocumentedList, staleList, unownedList];

/** How many rows a list has. */
export const rowCount = (list: SiteList): number => ('edges' in list.rows ? list.rows.edges.length : list.rows.services.length);

/** Site path of a list's first page. */
export const listPath = (list: SiteList): string => `/lists/${list.slug}/`;

const KIND_ORDER = ['service', 'database', 'queue', 'external'] as const;

/** Everything the build knows, for the services index: services, then databases, queues and external hosts, each by name. */
export const indexPages = paginate(
	[...model.services].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || byName(a, b)),
);

/** Every team, by name, for the teams index. */
export const teamPages = paginate([...model.teams].sort(byName));

/** The map's groups, in map order, for the map's table of groups. */
export const groupPages = paginate(mapGroups);

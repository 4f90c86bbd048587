import { compare } from '../../scripts/lib/compare.ts';
import type { Model, ModelEdge, ModelService, Use } from '../../scripts/model/model-schema.ts';
import { SHORT_LIST } from './bounds.ts';
import type { View } from './views.ts';

/** Rows a view's table shows: enough to cover a team's corner of the system, short enough for a page at 1,000 services. */
export const VIEW_ROWS = 30;

/** Resources the data-flows view lists, each with a table of up to SHORT_LIST users: ten keep the page within its screens. */
export const VIEW_RESOURCES = 10;

/** The id of a service's row on a view page, so a service page can link straight to it. */
export const viewAnchor = (slug: string): string => `svc-${slug}`;

type ViewModel = Pick<Model, 'services' | 'edges' | 'couplings' | 'entryPoints' | 'egress' | 'betweenEntryAndData'>;

/** A service as the services view lists it: what calls it and what it calls, in calls seen. */
export interface ServiceRow {
	service: ModelService;
	/** Calls it received in the window. */
	received: number;
	/** Distinct things it calls or is declared to call. */
	calls: number;
}

/** The services (not infrastructure) the most others depend on, then the busiest, at most VIEW_ROWS. */
export function busiestServices(model: ViewModel): ServiceRow[] {
	const received = new Map<string, number>();
	const calls = new Map<string, number>();
	for (const e of model.edges) {
		received.set(e.to, (received.get(e.to) ?? 0) + e.calls);
		calls.set(e.from, (calls.get(e.from) ?? 0) + 1);
	}
	return model.services
		.filter((s) => s.kind === 'service')
		.map((service) => ({ service, received: received.get(service.name) ?? 0, calls: calls.get(service.name) ?? 0 }))
		.sort((a, b) => b.service.dependents - a.service.dependents || b.received - a.received || compare(a.service.name, b.service.name))
		.slice(0, VIEW_ROWS);
}

/** The services whose written word is least sure (scored ones only), at most SHORT_LIST. */
export function leastConfident(model: ViewModel): ModelService[] {
	return model.services
		.filter((s) => s.kind === 'service' && s.confidence !== null)
		.sort((a, b) => a.confidence!.confidence - b.confidence!.confidence || b.dependents - a.dependents || compare(a.name, b.name))
		.slice(0, SHORT_LIST);
}

/** Share of an edge's calls that failed, or -1 when it had none (so unseen edges sort last). */
const errorShare = (e: ModelEdge) => (e.calls === 0 ? -1 : e.errors / e.calls);

/**
 * The observed dependencies an on-call engineer looks at first: failing, then shifted since the last
 * build, then by the share of calls that failed, then the busiest; at most VIEW_ROWS.
 */
export function edgesByTrouble(model: ViewModel): ModelEdge[] {
	const rank = (e: ModelEdge) => (e.failing ? 0 : (e.change?.shifted.length ?? 0) > 0 ? 1 : 2);
	return model.edges
		.filter((e) => e.observed && e.calls > 0)
		.sort((a, b) => rank(a) - rank(b) || errorShare(b) - errorShare(a) || b.calls - a.calls || compare(a.from, b.from) || compare(a.to, b.to))
		.slice(0, VIEW_ROWS);
}

/** One service's use of a database or queue. */
export interface ResourceUse {
	service: string;
	uses: Use[];
	status: ModelEdge['status'];
	calls: number;
	/** The incidents that taught this use, oldest first. */
	learnedIn: string[];
}

/** A database or queue with who puts data in and who takes it out. */
export interface DataResource {
	resource: ModelService;
	/** Services that write to it or publish to it, the busiest first, at most SHORT_LIST. */
	writers: ResourceUse[];
	/** Services that read or consume it (or use it in a way no span named), the busiest first, at most SHORT_LIST. */
	readers: ResourceUse[];
	/** Its table: each user once, writers first, each part the busiest first; at most SHORT_LIST. */
	rows: ResourceUse[];
	/** Services that use it, counted once each. */
	users: number;
	/** All its writers, counted. */
	writerCount: number;
	/** All its readers, counted. */
	readerCount: number;
	/** Whether services that do not all call each other share it (it is in `couplings`). */
	shared: boolean;
	/** Whether a note or catalog declares every use (false when some use is hidden or only an incident says it). */
	documented: boolean;
}

const WRITES: readonly Use[] = ['writes', 'publishes'];
const writes = (u: ResourceUse) => u.uses.some((use) => WRITES.includes(use));
// A use no span or note named (a declared dependency with no use given) reads as taking data out.
const reads = (u: ResourceUse) => u.uses.length === 0 || u.uses.some((use) => !WRITES.includes(use));

/**
 * Every database and queue some service uses, with its writers and readers: those shared by services
 * that do not all call each other first, then the most users, then by name; at most VIEW_RESOURCES. A service that both writes and reads is in both lists.
 */
export function dataResources(model: ViewModel): DataResource[] {
	const stores = new Map(model.services.filter((s) => s.kind === 'database' || s.kind === 'queue').map((s) => [s.name, s]));
	const shared = new Map(model.couplings.map((c) => [c.resource, c]));
	const usesOf = new Map<string, ResourceUse[]>();
	for (const e of model.edges) {
		if (!stores.has(e.to)) continue;
		const use = { service: e.from, uses: e.uses, status: e.status, calls: e.calls, learnedIn: e.learnedIn.map((l) => l.incident) };
		usesOf.set(e.to, [...(usesOf.get(e.to) ?? []), use]);
	}
	const busiest = (a: ResourceUse, b: ResourceUse) => b.calls - a.calls || compare(a.service, b.service);
	return [...usesOf]
		.map(([name, uses]): DataResource => {
			const writers = uses.filter(writes).sort(busiest);
			const readers = uses.filter(reads).sort(busiest);
			return {
				rows: [...writers, ...readers.filter((u) => !writers.includes(u))].slice(0, SHORT_LIST),
				users: uses.length,
				resource: stores.get(name)!,
				writers: writers.slice(0, SHORT_LIST),
				readers: readers.slice(0, SHORT_LIST),
				writerCount: writers.length,
				readerCount: readers.length,
				shared: shared.has(name),
				// An incident's lesson is no team's written word, as in `couplings`.
				documented: shared.get(name)?.documented ?? uses.every((u) => u.status === 'confirmed' || u.status === 'dormant' || u.status === 'phantom'),
			};
		})
		// Shared ones first: there a change reaches services that do not know of each other.
		.sort((a, b) => Number(b.shared) - Number(a.shared) || b.users - a.users || compare(a.resource.name, b.resource.name))
		.slice(0, VIEW_RESOURCES);
}

/** The entry points a view lists, at most VIEW_ROWS, the most traces first (the model's order). */
export const entryRows = (model: ViewModel) => model.entryPoints.slice(0, VIEW_ROWS);

/** The external hosts a view lists, at most VIEW_ROWS, the busiest first (the model's order). */
export const egressRows = (model: ViewModel) => model.egress.slice(0, VIEW_ROWS);

/** The services between entry points and data a view names, at most VIEW_ROWS. */
export const betweenRows = (model: ViewModel) => model.betweenEntryAndData.slice(0, VIEW_ROWS);

/** An id for the first row of each slug on a page, none for later ones: a name listed twice is anchored once. */
export function anchorOnce(): (slug: string) => string | undefined {
	const seen = new Set<string>();
	return (slug) => (seen.has(slug) ? undefined : (seen.add(slug), viewAnchor(slug)));
}

/**
 * For each view, the names whose rows carry their anchor on that view's page: where a service page's
 * "In each view" links land. A name listed twice on a page is anchored at its first row.
 */
export function anchoredNames(model: ViewModel): Record<View['slug'], Set<string>> {
	const known = anchored.get(model);
	if (known) return known;
	const flows = dataResources(model);
	const names = {
		services: new Set(busiestServices(model).map((r) => r.service.name)),
		// A caller is anchored at its first dependency row when neither services table lists it.
		reliability: new Set([...busiestServices(model).map((r) => r.service.name), ...leastConfident(model).map((s) => s.name), ...edgesByTrouble(model).map((e) => e.from)]),
		'data-flows': new Set(flows.flatMap((f) => [f.resource.name, ...f.rows.map((u) => u.service)])),
		'entry-points': new Set([...entryRows(model).map((e) => e.service), ...egressRows(model).map((e) => e.host), ...betweenRows(model)]),
	};
	anchored.set(model, names);
	return names;
}

// Every service page asks; the model is one object per build.
const anchored = new WeakMap<ViewModel, Record<View['slug'], Set<string>>>();

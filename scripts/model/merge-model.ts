import type { Content } from '../notes/load-content.ts';
import type { NodeKind, ObservedEdge, TelemetrySnapshot } from '../sources/snapshot.ts';
import { assignSlugs, slugify } from './assign-slugs.ts';
import { guessKind } from './guess-kind.ts';
import {
	MODEL_SCHEMA_VERSION,
	type EdgeStatus,
	type Model,
	type ModelEdge,
	type ModelService,
	type ModelSummary,
} from './model-schema.ts';

/** What the merge needs besides the inputs: the build's identity and clock, and the staleness rule. */
export interface MergeOptions {
	buildId: string;
	now: Date;
	staleAfterDays: number;
}

const DAY_MS = 86_400_000;

/**
 * Merges what people wrote (notes, teams) with what telemetry saw into one model: every
 * service from either side, every edge labelled confirmed, hidden or phantom, and the age
 * of each source at build time.
 */
export function mergeModel(content: Content, snapshot: TelemetrySnapshot | null, options: MergeOptions): Model {
	const { now, staleAfterDays } = options;
	const notes = new Map(content.notes.map((note) => [note.service, note]));
	const observed = new Map((snapshot?.services ?? []).map((service) => [service.name, service]));

	const edges = new Map<string, { from: string; to: string; declared: boolean; observed: ObservedEdge[] }>();
	const edgeAt = (from: string, to: string) => {
		const key = `${from}\u0000${to}`;
		let edge = edges.get(key);
		if (!edge) edges.set(key, (edge = { from, to, declared: false, observed: [] }));
		return edge;
	};
	for (const note of content.notes) {
		for (const dependency of note.dependsOn) edgeAt(note.service, dependency).declared = true;
	}
	for (const edge of snapshot?.edges ?? []) edgeAt(edge.from, edge.to).observed.push(edge);

	const names = new Set<string>([...notes.keys(), ...observed.keys()]);
	for (const edge of edges.values()) names.add(edge.from).add(edge.to);
	const slugs = assignSlugs(names);

	const modelEdges: ModelEdge[] = [...edges.values()].map(({ from, to, declared, observed: seen }) => {
		const status: EdgeStatus = seen.length === 0 ? 'phantom' : declared ? 'confirmed' : 'hidden';
		// One pair can be seen several ways (a span pair and a peer attribute); the busiest carries the latency.
		const busiest = [...seen].sort((a, b) => b.calls - a.calls)[0];
		return {
			from,
			to,
			status,
			declared,
			observed: seen.length > 0,
			calls: sum(seen, (e) => e.calls),
			errors: sum(seen, (e) => e.errors),
			latencyMs: busiest?.latencyMs ?? null,
			firstSeen: seen.flatMap((e) => e.firstSeen ?? []).sort()[0] ?? null,
			lastSeen: seen.flatMap((e) => e.lastSeen ?? []).sort().at(-1) ?? null,
		};
	});
	modelEdges.sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));

	const callers = new Map<string, Set<string>>();
	for (const edge of modelEdges) {
		if (!callers.has(edge.to)) callers.set(edge.to, new Set());
		callers.get(edge.to)!.add(edge.from);
	}

	const services: ModelService[] = [...names].sort(compare).map((name) => {
		const note = notes.get(name);
		const seen = observed.get(name);
		const kind: NodeKind = seen?.kind ?? (note ? 'service' : guessKind(name));
		const noteAge = note ? wholeDays(now.getTime() - Date.parse(`${note.reviewed}T00:00:00Z`)) : 0;
		return {
			name,
			slug: slugs.get(name)!,
			kind,
			owner: note?.owner ?? null,
			description: note?.description ?? null,
			note: note
				? { path: note.file, reviewed: note.reviewed, ageDays: noteAge, stale: noteAge > staleAfterDays }
				: null,
			telemetry: seen
				? {
						firstSeen: seen.firstSeen,
						lastSeen: seen.lastSeen,
						ageDays: seen.lastSeen === null ? null : Math.max(0, wholeDays(now.getTime() - Date.parse(seen.lastSeen))),
						spans: seen.spans,
						versions: seen.versions,
						rawNames: seen.rawNames,
					}
				: null,
			dependsOn: note?.dependsOn ?? [],
			dependents: callers.get(name)?.size ?? 0,
		};
	});

	const teams = content.teams
		.map((team) => ({
			id: team.id,
			slug: slugify(team.id),
			name: team.name,
			description: team.description,
			contact: team.contact,
			services: services.filter((s) => s.owner === team.id).map((s) => s.name),
		}))
		.sort((a, b) => compare(a.id, b.id));

	return {
		schemaVersion: MODEL_SCHEMA_VERSION,
		build: { id: options.buildId, now: now.toISOString(), staleAfterDays },
		telemetry: snapshot
			? {
					source: snapshot.source.name,
					pulledAt: snapshot.pulledAt,
					window: snapshot.window,
					spans: snapshot.stats.spans,
					traces: snapshot.stats.traces,
					orphanSpans: snapshot.stats.orphanSpans,
					counting: snapshot.stats.counting,
				}
			: null,
		summary: summarize(services, modelEdges),
		teams,
		services,
		edges: modelEdges,
	};
}

function summarize(services: ModelService[], edges: ModelEdge[]): ModelSummary {
	const apps = services.filter((s) => s.kind === 'service');
	const count = (status: EdgeStatus) => edges.filter((e) => e.status === status).length;
	return {
		services: apps.length,
		documented: apps.filter((s) => s.note).length,
		undocumented: apps.filter((s) => !s.note && s.telemetry).length,
		notObserved: apps.filter((s) => s.note && !s.telemetry).length,
		staleNotes: apps.filter((s) => s.note?.stale).length,
		infrastructure: services.length - apps.length,
		confirmed: count('confirmed'),
		hidden: count('hidden'),
		phantom: count('phantom'),
	};
}

function wholeDays(ms: number): number {
	return Math.floor(ms / DAY_MS);
}

function sum<T>(items: T[], value: (item: T) => number): number {
	return items.reduce((total, item) => total + value(item), 0);
}

/** Orders strings by code point, so the model does not depend on the machine's locale. */
export function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

import { createHash } from 'node:crypto';
import { confidenceOptionsSchema, type ConfidenceOptions } from '../config/confidence-options.ts';
import { formatLocation, type Problem } from '../errors/halflife-error.ts';
import type { DeployEvent } from '../sources/deploys/read-deploys.ts';
import { compare } from '../lib/compare.ts';
import type { BrokenNote, Note } from '../notes/load-content.ts';
import type { NodeKind, ObservedEdge, TelemetrySnapshot } from '../sources/snapshot.ts';
import { snapshotCoverage } from '../sources/snapshot-coverage.ts';
import { assignSlugs, slugify } from './assign-slugs.ts';
import type { Beliefs, ClaimSource, ServiceDescription } from './describe-services.ts';
import { guessKind } from './guess-kind.ts';
import {
	MODEL_SCHEMA_VERSION,
	type EdgeStatus,
	type Model,
	type ModelEdge,
	type ModelProblem,
	type ModelService,
	type ModelSummary,
	type ModelTeam,
	type TelemetryDegraded,
} from './model-schema.ts';
import { resolveAliases } from './resolve-aliases.ts';
import { scoreConfidence } from './score-confidence.ts';


/** What the merge needs besides the inputs: the build's identity and clock, and the staleness rule. */
export interface MergeOptions {
	buildId: string;
	now: Date;
	staleAfterDays: number;
	/** Problems found in the inputs; each is shown on the page of the service whose file it is in. */
	problems?: readonly Problem[] | undefined;
	/** Notes with errors, published anyway: their services are marked broken. */
	broken?: readonly BrokenNote[] | undefined;
	/** How confidence decays; the defaults when absent. */
	confidence?: ConfidenceOptions | undefined;
	/** Deploy events, which count as changes since a review. */
	deploys?: readonly DeployEvent[] | undefined;
	/** Set when telemetry is the last good snapshot, not this build's own. */
	degraded?: TelemetryDegraded | null | undefined;
}

const DAY_MS = 86_400_000;

/**
 * Merges what people wrote (notes, catalogs, teams) with what telemetry saw into one model:
 * every service from either side (telemetry names resolved through aliases), every edge
 * labelled confirmed, hidden or phantom, and the age of each source at build time.
 */
export function mergeModel(beliefs: Beliefs, rawSnapshot: TelemetrySnapshot | null, options: MergeOptions): Model {
	const { now, staleAfterDays } = options;
	const snapshot = rawSnapshot && resolveAliases(rawSnapshot, beliefs.aliases);
	const described = new Map(beliefs.services.map((service) => [service.name, service]));
	const observed = new Map((snapshot?.services ?? []).map((service) => [service.name, service]));
	const broken = new Map((options.broken ?? []).map((note) => [note.service, note]));

	const edges = new Map<string, { from: string; to: string; declaredBy: ClaimSource[]; why: string | null; observed: ObservedEdge[] }>();
	const edgeAt = (from: string, to: string) => {
		const key = `${from}\u0000${to}`;
		let edge = edges.get(key);
		if (!edge) edges.set(key, (edge = { from, to, declaredBy: [], why: null, observed: [] }));
		return edge;
	};
	for (const service of beliefs.services) {
		for (const dependency of service.dependsOn) {
			const edge = edgeAt(service.name, beliefs.aliases.get(dependency.name) ?? dependency.name);
			edge.declaredBy = [...new Set([...edge.declaredBy, ...dependency.from])];
			edge.why ??= dependency.why;
		}
	}
	for (const edge of snapshot?.edges ?? []) edgeAt(edge.from, edge.to).observed.push(edge);

	const names = new Set<string>([...described.keys(), ...observed.keys(), ...broken.keys()]);
	for (const edge of edges.values()) names.add(edge.from).add(edge.to);
	const slugs = assignSlugs(names);

	const modelEdges: ModelEdge[] = [...edges.values()].map(({ from, to, declaredBy, why, observed: seen }) => {
		const declared = declaredBy.length > 0;
		const status: EdgeStatus = seen.length === 0 ? 'phantom' : declared ? 'confirmed' : 'hidden';
		// One pair can be seen several ways (a span pair and a peer attribute); the busiest carries the latency.
		const busiest = [...seen].sort((a, b) => b.calls - a.calls)[0];
		return {
			from,
			to,
			status,
			declared,
			why,
			declaredBy,
			observed: seen.length > 0,
			calls: sum(seen, (e) => e.calls),
			errors: sum(seen, (e) => e.errors),
			latencyMs: busiest?.latencyMs ?? null,
			firstSeen: seen.flatMap((e) => e.firstSeen ?? []).sort()[0] ?? null,
			lastSeen: seen.flatMap((e) => e.lastSeen ?? []).sort().at(-1) ?? null,
			confidence: null,
			absence: null,
		};
	});
	modelEdges.sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));

	const callers = new Map<string, Set<string>>();
	for (const edge of modelEdges) {
		if (!callers.has(edge.to)) callers.set(edge.to, new Set());
		callers.get(edge.to)!.add(edge.from);
	}
	const problemsByFile = new Map<string, ModelProblem[]>();
	for (const { severity, error } of options.problems ?? []) {
		if (!error.location) continue;
		const list = problemsByFile.get(error.location.file) ?? [];
		list.push({ severity, name: error.name, title: error.title, message: error.message, hint: error.hint, where: formatLocation(error.location) });
		problemsByFile.set(error.location.file, list);
	}
	const age = (date: string) => wholeDays(now.getTime() - Date.parse(`${date}T00:00:00Z`));

	const services: ModelService[] = [...names].sort(compare).map((name) => {
		const description = described.get(name);
		const note = description?.note ?? null;
		const seen = observed.get(name);
		const kind: NodeKind = seen?.kind ?? description?.kind ?? (broken.has(name) ? 'service' : guessKind(name));
		const field = (key: Parameters<typeof fieldOf>[1]) => fieldOf(description, key);
		const reviewEveryDays = note?.reviewEvery ?? staleAfterDays;
		const files = [...(description?.sources.map((s) => s.file) ?? []), ...(broken.has(name) ? [broken.get(name)!.file] : [])];
		return {
			name,
			slug: slugs.get(name)!,
			kind,
			owner: field('owner'),
			description: field('description'),
			aliases: description?.aliases ?? [],
			tier: field('tier'),
			lifecycle: field('lifecycle'),
			oncall: field('oncall'),
			runbook: field('runbook'),
			repo: field('repo'),
			contact: field('contact'),
			system: field('system'),
			partOf: field('partOf'),
			links: description?.links ?? [],
			fieldSources: Object.fromEntries(Object.entries(description?.fields ?? {}).map(([key, value]) => [key, value.from])),
			sources: (description?.sources ?? []).map((source) => ({
				source: source.source,
				file: source.file,
				line: source.line,
				reviewed: source.reviewed,
				reviewedFrom: source.reviewedFrom,
				ageDays: source.reviewed ? age(source.reviewed) : null,
				fields: source.fields,
			})),
			note: note
				? {
						path: note.file,
						reviewed: note.reviewed,
						reviewedFrom: note.reviewedFrom,
						reviewEveryDays,
						ageDays: age(note.reviewed),
						stale: age(note.reviewed) > reviewEveryDays,
						sections: note.sections.map((section) => ({
							heading: section.heading,
							reviewed: section.reviewed,
							ageDays: age(section.reviewed),
							stale: age(section.reviewed) > reviewEveryDays,
						})),
						halfLifeDays: note.halfLife ?? null,
						hash: hashNote(note),
					}
				: null,
			broken: broken.has(name),
			problems: files.flatMap((file) => problemsByFile.get(file) ?? []),
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
			dependsOn: (description?.dependsOn ?? []).map(({ name, why, from }) => ({ name, why, from })),
			dependents: callers.get(name)?.size ?? 0,
			confidence: null,
			deploys: { sinceReview: 0, latest: null },
		};
	});

	const teams = new Map<string, ModelTeam>();
	for (const team of beliefs.teams) {
		teams.set(team.id, { id: team.id, slug: '', name: team.name, description: team.description, contact: team.contact, source: team.source, services: [], confidence: null });
	}
	// A catalog may name a team that no file defines (Datadog teams live in Datadog): it still owns its services.
	for (const service of services) {
		if (!service.owner || service.owner.startsWith('user:')) continue;
		if (!teams.has(service.owner)) {
			teams.set(service.owner, { id: service.owner, slug: '', name: service.owner, description: null, contact: null, source: 'owner', services: [], confidence: null });
		}
		teams.get(service.owner)!.services.push(service.name);
	}
	const teamSlugs = assignSlugs(teams.keys());
	for (const team of teams.values()) team.slug = teamSlugs.get(team.id) ?? slugify(team.id);

	const model: Model = {
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
					...snapshotCoverage(snapshot),
				}
			: null,
		telemetryDegraded: options.degraded ?? null,
		summary: summarize(services, modelEdges),
		teams: [...teams.values()].sort((a, b) => compare(a.id, b.id)),
		services,
		edges: modelEdges,
	};
	return scoreConfidence(model, { confidence: options.confidence ?? confidenceOptionsSchema.parse({}), deploys: options.deploys ?? [] });
}

// What a person wrote, without its review date (a review is reported on its own) or where things sit in the file.
function hashNote(note: Note): string {
	const { positions: _positions, sections: _sections, file: _file, format: _format, reviewed: _reviewed, reviewedFrom: _from, ...written } = note;
	return createHash('sha256').update(JSON.stringify(written)).digest('hex').slice(0, 16);
}

function fieldOf(description: ServiceDescription | undefined, key: keyof ServiceDescription['fields']): string | null {
	return description?.fields[key]?.value ?? null;
}

function summarize(services: ModelService[], edges: ModelEdge[]): ModelSummary {
	const apps = services.filter((s) => s.kind === 'service');
	const count = (status: EdgeStatus) => edges.filter((e) => e.status === status).length;
	return {
		services: apps.length,
		documented: apps.filter((s) => s.sources.length > 0).length,
		undocumented: apps.filter((s) => s.sources.length === 0 && s.telemetry).length,
		unowned: apps.filter((s) => s.sources.length > 0 && !s.owner).length,
		notObserved: apps.filter((s) => s.sources.length > 0 && !s.telemetry).length,
		staleNotes: apps.filter((s) => s.note?.stale).length,
		infrastructure: services.length - apps.length,
		confirmed: count('confirmed'),
		hidden: count('hidden'),
		phantom: count('phantom'),
		confidence: null,
	};
}

function wholeDays(ms: number): number {
	return Math.floor(ms / DAY_MS);
}

function sum<T>(items: T[], value: (item: T) => number): number {
	return items.reduce((total, item) => total + value(item), 0);
}

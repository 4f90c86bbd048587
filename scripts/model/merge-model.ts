import { createHash } from 'node:crypto';
import { confidenceOptionsSchema, type ConfidenceOptions } from '../config/confidence-options.ts';
import { DEFAULT_SHIFT_OPTIONS, type ShiftOptions } from '../config/shift-options.ts';
import { isFailing } from './edge-shift.ts';
import { formatLocation, type Problem } from '../errors/halflife-error.ts';
import type { DeployEvent } from '../sources/deploys/read-deploys.ts';
import { compare } from '../lib/compare.ts';
import type { BrokenNote, Note } from '../notes/load-content.ts';
import type { NodeKind, ObservedEdge, ObservedService, TelemetrySnapshot } from '../sources/snapshot.ts';
import { snapshotCoverage } from '../sources/snapshot-coverage.ts';
import { amplifiedPaths, roundRatio } from './amplified-paths.ts';
import { assignSlugs, slugify } from './assign-slugs.ts';
import { errorOnlyPaths } from './error-only.ts';
import { findCycles } from './find-cycles.ts';
import { betweenEntryAndData, edgeUses, findCouplings, findEgress, findEntryPoints, sortUses } from './infrastructure-usage.ts';
import { callsReceived, observedFlows } from './observed-flows.ts';
import type { Beliefs, DescribedDependency, DescribedField, ExpectedCalls, ServiceDescription } from './describe-services.ts';
import { guessKind } from './guess-kind.ts';
import { lessonsByEdge, modelIncidents } from './model-incidents.ts';
import type { Incident } from '../incidents/load-incidents.ts';
import {
	MODEL_SCHEMA_VERSION,
	UNKNOWN_REVIEW,
	type EdgeLesson,
	type EdgeStatus,
	type Model,
	type ModelEdge,
	type ModelProblem,
	type ModelService,
	type ModelSummary,
	type ModelTeam,
	type TelemetryDegraded,
	type Use,
	type Coupling,
} from './model-schema.ts';
import { resolveAliases } from './resolve-aliases.ts';
import { judgeModel } from './judge-model.ts';
import { previousEdges, seenBefore, type PreviousEdges } from './seen-before.ts';
import { DAY_MS } from '../lib/days.ts';


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
	/** When an edge counts as failing; the defaults when absent. */
	shifts?: ShiftOptions | undefined;
	/** Deploy events, which count as changes since a review. */
	deploys?: readonly DeployEvent[] | undefined;
	/** Set when telemetry is the last good snapshot, not this build's own. */
	degraded?: TelemetryDegraded | null | undefined;
	/** Post-incident reviews: what they learned about dependencies declares them, as an incident. */
	incidents?: readonly Incident[] | undefined;
	/** The previous build's model, which edges are compared with and carry history from; none on a first build. */
	previous?: Model | null | undefined;
}


// An edge as the merge collects it: who declares it, and every way telemetry saw it.
interface CollectedEdge {
	from: string;
	to: string;
	declaredBy: ModelEdge['declaredBy'];
	why: string | null;
	observed: ObservedEdge[];
	learnedIn: EdgeLesson[];
	declaredUses: Use[];
	expected: ExpectedCalls | null;
}

// What building one service's entry needs to know about every input.
interface MergeContext {
	described: Map<string, ServiceDescription>;
	observed: Map<string, ObservedService>;
	broken: Map<string, BrokenNote>;
	slugs: Map<string, string>;
	callers: Map<string, Set<string>>;
	errorOnly: Set<string>;
	problemsByFile: Map<string, ModelProblem[]>;
	now: Date;
	staleAfterDays: number;
}

/**
 * Merges what people wrote (notes, catalogs, teams) with what telemetry saw into one model:
 * every service from either side (telemetry names resolved through aliases), every edge
 * labelled confirmed, learned, hidden, dormant or phantom, and the age of each source at build time.
 */
export function mergeModel(beliefs: Beliefs, rawSnapshot: TelemetrySnapshot | null, options: MergeOptions): Model {
	const { now, staleAfterDays } = options;
	const snapshot = rawSnapshot && resolveAliases(rawSnapshot, beliefs.aliases);
	const described = new Map(beliefs.services.map((service) => [service.name, service]));
	const observed = new Map((snapshot?.services ?? []).map((service) => [service.name, service]));
	const broken = new Map((options.broken ?? []).map((note) => [note.service, note]));
	const incidents = modelIncidents(options.incidents ?? [], beliefs.aliases);
	const collected = collectEdges(beliefs, snapshot, lessonsByEdge(incidents));
	const names = new Set<string>([...described.keys(), ...observed.keys(), ...broken.keys()]);
	for (const edge of collected) names.add(edge.from).add(edge.to);
	const shifts = options.shifts ?? DEFAULT_SHIFT_OPTIONS;
	const flows = observedFlows(snapshot?.edges ?? []);
	const received = callsReceived(flows);
	const before = previousEdges(options.previous);
	const drafts = collected.map((edge) => modelEdge(edge, received, shifts, before)).sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
	const errorOnly = errorOnlyPaths(drafts);
	const judged = drafts.map((edge) => (errorOnly.edges.has(edge) ? { ...edge, errorOnly: true } : edge));
	const context: MergeContext = {
		described,
		observed,
		broken,
		slugs: assignSlugs(names),
		callers: callersOf(judged),
		errorOnly: errorOnly.callees,
		problemsByFile: problemsByFile(options.problems ?? []),
		now,
		staleAfterDays,
	};
	const services = [...names].sort(compare).map((name) => modelService(name, context));
	// How each edge is used needs what its callee is, known once the services are.
	const kinds = new Map(services.map((s) => [s.name, s.kind]));
	const edges = judged.map((edge) => ({ ...edge, uses: edgeUses(edge, kinds.get(edge.to) ?? 'service') }));
	const couplings = findCouplings(services, edges);
	const entryPoints = findEntryPoints(services, edges, (snapshot?.stats.spans ?? 0) > 0);
	const model: Model = {
		schemaVersion: MODEL_SCHEMA_VERSION,
		build: { id: options.buildId, now: now.toISOString(), staleAfterDays },
		telemetry: snapshot ? telemetrySummary(snapshot) : null,
		telemetryDegraded: options.degraded ?? null,
		summary: summarize(services, edges, couplings),
		teams: modelTeams(beliefs, services),
		services,
		edges,
		incidents,
		cycles: findCycles(flows),
		amplifiedPaths: amplifiedPaths(flows),
		couplings,
		entryPoints,
		egress: findEgress(services, edges),
		betweenEntryAndData: betweenEntryAndData(services, edges, entryPoints),
		calibration: null, // Checked against the previous build once judged (`judgeModel`).
	};
	return judgeModel(model, { previous: options.previous ?? null, confidence: options.confidence ?? confidenceOptionsSchema.parse({}), shifts, deploys: options.deploys ?? [] });
}

// Every declared and every observed pair once. Declared targets are already resolved to names (describeServices).
// A lesson that an edge exists (undeclared, critical) declares it, as an incident; one that it is gone only annotates an edge known otherwise.
function collectEdges(beliefs: Beliefs, snapshot: TelemetrySnapshot | null, lessons: Map<string, EdgeLesson[]>): CollectedEdge[] {
	const edges = new Map<string, CollectedEdge>();
	const edgeAt = (from: string, to: string) => {
		const key = `${from}\u0000${to}`;
		let edge = edges.get(key);
		if (!edge) edges.set(key, (edge = { from, to, declaredBy: [], why: null, observed: [], learnedIn: [], declaredUses: [], expected: null }));
		return edge;
	};
	const declared = [...beliefs.services.map((s): [string, DescribedDependency[]] => [s.name, s.dependsOn]), ...beliefs.undescribed];
	for (const [from, dependsOn] of declared) {
		for (const dependency of dependsOn) {
			const edge = edgeAt(from, dependency.name);
			edge.declaredBy = [...new Set([...edge.declaredBy, ...dependency.from])];
			edge.why ??= dependency.why;
			edge.expected ??= dependency.expected;
			edge.declaredUses = sortUses([...edge.declaredUses, ...dependency.declaredUses]);
		}
	}
	for (const edge of snapshot?.edges ?? []) edgeAt(edge.from, edge.to).observed.push(edge);
	for (const [key, learned] of lessons) {
		const [from, to] = key.split('\u0000') as [string, string];
		const claims = learned.some((lesson) => lesson.what !== 'gone');
		if (!claims && !edges.has(key)) continue;
		const edge = edgeAt(from, to);
		edge.learnedIn = learned;
		if (claims && !edge.declaredBy.includes('incident')) edge.declaredBy = [...edge.declaredBy, 'incident'];
	}
	return [...edges.values()];
}

// `received`: calls each node received in the window, for the edge's amplification; `previous`: the last build's edges.
function modelEdge(collected: CollectedEdge, received: ReadonlyMap<string, number>, shifts: ShiftOptions, previous: PreviousEdges | null): ModelEdge {
	const { from, to, declaredBy, why, observed: seen, learnedIn, declaredUses, expected } = collected;
	const declared = declaredBy.length > 0;
	// Declared only by an incident keeps its own status: a lesson is not a team's written word.
	const written = declaredBy.some((source) => source !== 'incident');
	const before = seenBefore(collected, seen.length > 0, previous);
	const status: EdgeStatus = seen.length === 0 ? (before ? 'dormant' : 'phantom') : written ? 'confirmed' : declared ? 'learned' : 'hidden';
	// One pair can be seen several ways (a span pair and a peer attribute); the busiest carries the latency.
	const busiest = [...seen].sort((a, b) => b.calls - a.calls)[0];
	const calls = sum(seen, (e) => e.calls);
	const errors = sum(seen, (e) => e.errors);
	const errorTraceCalls = sum(seen, (e) => e.errorTraceCalls);
	const retries = sum(seen, (e) => e.retries);
	// A consumer's reads of a queue are messages it received, not calls it made.
	const consumes = sum(seen, (e) => Math.min(e.consumerCalls, e.calls));
	const made = calls - consumes;
	const callerReceived = received.get(from) ?? 0;
	return {
		from,
		to,
		status,
		declared,
		why,
		declaredBy,
		observed: seen.length > 0,
		calls,
		errors,
		latencyMs: busiest?.latencyMs ?? null,
		firstSeen: seen.flatMap((e) => e.firstSeen ?? []).sort()[0] ?? null,
		lastSeen: seen.flatMap((e) => e.lastSeen ?? []).sort().at(-1) ?? null,
		confidence: null,
		absence: null,
		learnedIn,
		failing: isFailing({ calls, errors }, shifts),
		// Set by the build, which has the previous model (`withEdgeHealth`).
		change: null,
		errorTraceCalls,
		retries,
		// Judged against the caller's other traffic by `errorOnlyPaths`, once every edge is known.
		errorOnly: false,
		retryShare: calls > 0 ? roundRatio(retries / calls) : null,
		amplification: callerReceived > 0 && made > 0 ? roundRatio(made / callerReceived) : null,
		reads: sum(seen, (e) => e.reads),
		writes: sum(seen, (e) => e.writes),
		consumes,
		declaredUses,
		// Set once the callee's kind is known (`edgeUses`).
		uses: [],
		seenBefore: before,
		expected,
	};
}

function callersOf(edges: ModelEdge[]): Map<string, Set<string>> {
	const callers = new Map<string, Set<string>>();
	for (const edge of edges) {
		if (!callers.has(edge.to)) callers.set(edge.to, new Set());
		callers.get(edge.to)!.add(edge.from);
	}
	return callers;
}

// Problems by the file they are in, so each service page shows those of its own files.
function problemsByFile(problems: readonly Problem[]): Map<string, ModelProblem[]> {
	const byFile = new Map<string, ModelProblem[]>();
	for (const { severity, error } of problems) {
		if (!error.location) continue;
		const list = byFile.get(error.location.file) ?? [];
		list.push({ severity, name: error.name, title: error.title, message: error.message, hint: error.hint, where: formatLocation(error.location) });
		byFile.set(error.location.file, list);
	}
	return byFile;
}

function modelService(name: string, context: MergeContext): ModelService {
	const { described, observed, broken, now } = context;
	const description = described.get(name);
	const seen = observed.get(name);
	const field = (key: DescribedField) => description?.fields[key]?.value ?? null;
	const age = (date: string) => wholeDays(now.getTime() - Date.parse(`${date}T00:00:00Z`));
	const files = [...(description?.sources.map((s) => s.file) ?? []), ...(broken.has(name) ? [broken.get(name)!.file] : [])];
	return {
		name,
		slug: context.slugs.get(name)!,
		kind: kindOf(name, seen, description, broken.has(name)),
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
		note: description?.note ? noteFreshness(description.note, context.staleAfterDays, age) : null,
		broken: broken.has(name),
		problems: files.flatMap((file) => context.problemsByFile.get(file) ?? []),
		telemetry: seen ? telemetryFreshness(seen, now) : null,
		dependsOn: (description?.dependsOn ?? []).map(({ name: target, why, from }) => ({ name: target, why, from })),
		dependents: context.callers.get(name)?.size ?? 0,
		instances: seen && seen.instances > 0 ? seen.instances : null,
		errorOnlyCallee: context.errorOnly.has(name),
		rootSpans: seen?.rootSpans ?? 0,
		confidence: null,
		deploys: { sinceReview: 0, latest: null },
		// Set once confidence is scored (`judgeModel`).
		risk: null,
	};
}

// What a node is: what telemetry saw it do, unless telemetry only saw it called by a name (an
// external peer) and a catalog says what it is; then what notes and catalogs say; else a guess from its name.
function kindOf(name: string, seen: ObservedService | undefined, description: ServiceDescription | undefined, broken: boolean): NodeKind {
	if (seen && (seen.kind !== 'external' || !description?.kind)) return seen.kind;
	return description?.kind ?? (broken ? 'service' : guessKind(name));
}

function noteFreshness(note: Note, staleAfterDays: number, age: (date: string) => number): NonNullable<ModelService['note']> {
	const reviewEveryDays = note.reviewEvery ?? staleAfterDays;
	return {
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
		textHash: hashNote({ ...note, body: note.body.replace(/\s*\{reviewed=[^}]*\}/g, '') }),
		review: note.gitReview ?? { ...UNKNOWN_REVIEW },
	};
}

function telemetryFreshness(seen: ObservedService, now: Date): NonNullable<ModelService['telemetry']> {
	return {
		firstSeen: seen.firstSeen,
		lastSeen: seen.lastSeen,
		ageDays: seen.lastSeen === null ? null : Math.max(0, wholeDays(now.getTime() - Date.parse(seen.lastSeen))),
		spans: seen.spans,
		versions: seen.versions,
		rawNames: seen.rawNames,
	};
}

// Every team a file defines, and every team an owner names that none defines (Datadog teams live in Datadog).
function modelTeams(beliefs: Beliefs, services: ModelService[]): ModelTeam[] {
	const teams = new Map<string, ModelTeam>();
	for (const team of beliefs.teams) {
		teams.set(team.id, { id: team.id, slug: '', name: team.name, description: team.description, contact: team.contact, source: team.source, services: [], confidence: null, queue: [] });
	}
	for (const service of services) {
		if (!service.owner || service.owner.startsWith('user:')) continue;
		if (!teams.has(service.owner)) {
			teams.set(service.owner, { id: service.owner, slug: '', name: service.owner, description: null, contact: null, source: 'owner', services: [], confidence: null, queue: [] });
		}
		teams.get(service.owner)!.services.push(service.name);
	}
	const slugs = assignSlugs(teams.keys());
	for (const team of teams.values()) team.slug = slugs.get(team.id) ?? slugify(team.id);
	return [...teams.values()].sort((a, b) => compare(a.id, b.id));
}

function telemetrySummary(snapshot: TelemetrySnapshot): NonNullable<Model['telemetry']> {
	return {
		source: snapshot.source.name,
		pulledAt: snapshot.pulledAt,
		window: snapshot.window,
		spans: snapshot.stats.spans,
		traces: snapshot.stats.traces,
		orphanSpans: snapshot.stats.orphanSpans,
		counting: snapshot.stats.counting,
		...snapshotCoverage(snapshot),
	};
}

// What a person wrote, without its review date (a review is reported on its own) or where things sit in the file.
function hashNote(note: Note): string {
	const { positions: _positions, sections: _sections, file: _file, format: _format, reviewed: _reviewed, reviewedFrom: _from, gitReview: _review, ...written } = note;
	return createHash('sha256').update(JSON.stringify(written)).digest('hex').slice(0, 16);
}

function summarize(services: ModelService[], edges: ModelEdge[], couplings: readonly Coupling[]): ModelSummary {
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
		learned: count('learned'),
		hidden: count('hidden'),
		phantom: count('phantom'),
		dormant: count('dormant'),
		undocumentedCoupling: couplings.filter((c) => !c.documented).length,
		confidence: null,
	};
}

function wholeDays(ms: number): number {
	return Math.floor(ms / DAY_MS);
}

function sum<T>(items: T[], value: (item: T) => number): number {
	return items.reduce((total, item) => total + value(item), 0);
}

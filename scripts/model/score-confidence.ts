import type { ConfidenceOptions } from '../config/confidence-options.ts';
import { groupBy } from '../lib/group-by.ts';
import { plural } from '../lib/plural.ts';
import { relativeDate } from '../lib/relative-date.ts';
import type { DeployEvent } from '../sources/deploys/read-deploys.ts';
import type { Claim, EdgeLesson, Model, ModelEdge, ModelService } from './model-schema.ts';
import { DAY_MS } from '../lib/days.ts';
import { capitalize } from '../lib/capitalize.ts';
import { nextActions } from './next-actions.ts';
import { scoreParts } from './score-parts.ts';
import { weighReview } from './review-weight.ts';
import { roundTo } from '../lib/round-to.ts';

/**
 * Scores every written claim in a model from 0 to 1, groups the claims into parts (prose,
 * ownership, dependencies) whose weakest is the service's headline, lists the actions that would
 * regain the most, and rolls the headlines up to teams and the system. A claim decays by half every
 * half-life since a person confirmed it; telemetry that sees a declared dependency raises it (an
 * earlier build's sighting less, the older it is), a dependency nobody sees lowers it by how sure
 * that absence is, deploys since the review lower what the note says, and a dependency telemetry
 * sees that nothing declares counts as a claim of 0. The README gives the formula.
 */
export function scoreConfidence(model: Model, options: { confidence: ConfidenceOptions; deploys: readonly DeployEvent[] }): Model {
	const clock = claimClock(model);
	const deploysByService = groupBy(
		options.deploys.filter((event) => Date.parse(event.time) <= clock.now),
		(event) => event.service,
	);
	const outgoing = groupBy(model.edges, (edge) => edge.from);
	const edges = new Map<ModelEdge, Pick<ModelEdge, 'confidence' | 'absence'> & Partial<Pick<ModelEdge, 'learnedIn'>>>();

	const services = model.services.map((service): ModelService => {
		const deploys = countDeploys(service, deploysByService.get(service.name) ?? [], clock.known);
		if (service.kind !== 'service' && service.sources.length === 0) return { ...service, deploys };
		const mine = outgoing.get(service.name) ?? [];
		const claims = writtenClaims(service, clock, options.confidence, deploys);
		const scoreOf = new Map<string, Pick<ModelEdge, 'observed' | 'absence' | 'seenBefore'>>();
		for (const edge of mine) {
			const { claim, absence } = dependencyClaim(service, edge, mine, model, clock, options.confidence, deploys);
			claims.push(claim);
			edges.set(edge, { confidence: claim.confidence, absence });
			scoreOf.set(edge.to, { observed: edge.observed, absence, seenBefore: edge.seenBefore });
		}
		for (const edge of mine) {
			if (edge.learnedIn.length === 0) continue;
			const scoredEdge = edges.get(edge) ?? { confidence: edge.confidence, absence: edge.absence };
			const lessonClock = { known: clock.known, age: clock.age, halfLife: clock.halfLife(service, options.confidence, 'dependency'), telemetry: model.telemetry !== null };
			edges.set(edge, { ...scoredEdge, learnedIn: edge.learnedIn.map((lesson) => scoreLesson(lesson, edge, scoredEdge.absence, lessonClock, options.confidence)) });
		}
		const rounded = claims.map((c) => ({ ...c, confidence: round(c.confidence, 4) }));
		const scores = scoreParts(rounded);
		const parts = Object.fromEntries(Object.entries(scores.parts).map(([part, score]) => [part, score && { ...score, confidence: round(score.confidence, 4) }]));
		return {
			...service,
			deploys,
			confidence: { confidence: round(scores.confidence, 4), weakest: scores.weakest, parts: parts as typeof scores.parts, claims: rounded, actions: nextActions(service, rounded, scoreOf) },
		};
	});

	const scored = new Map(services.flatMap((s) => (s.kind === 'service' && s.confidence ? [[s.name, s.confidence.confidence] as const] : [])));
	const mean = (values: number[]) => (values.length === 0 ? null : round(values.reduce((a, b) => a + b, 0) / values.length, 4));
	return {
		...model,
		services,
		edges: model.edges.map((edge) => {
			const scoredEdge = edges.get(edge);
			if (!scoredEdge) return edge;
			return { ...edge, confidence: round(scoredEdge.confidence ?? 0, 4), absence: scoredEdge.absence, learnedIn: scoredEdge.learnedIn ?? edge.learnedIn };
		}),
		teams: model.teams.map((team) => ({ ...team, confidence: mean(team.services.flatMap((name) => scored.get(name) ?? [])) })),
		summary: { ...model.summary, confidence: mean([...scored.values()]) },
	};
}

/** How claims are dated against the build's clock. */
interface ClaimClock {
	now: number;
	nowIso: string;
	/** A date after the build's clock is no confirmation: null for it. */
	known: (date: string | null) => string | null;
	/** Whole days from a `YYYY-MM-DD` to the build. */
	age: (date: string) => number;
	/** The half-life of a kind of claim about a service: its note's own, else the site's. */
	halfLife: (service: ModelService, options: ConfidenceOptions, kind: keyof ConfidenceOptions['halfLifeDays']) => number;
}

function claimClock(model: Model): ClaimClock {
	const now = Date.parse(model.build.now);
	return {
		now,
		nowIso: model.build.now,
		// A date after the build's clock (a typo, a commit dated ahead, a build run with an earlier --now)
		// places the confirmation nowhere in time: it counts as unknown, never as a review made today.
		known: (date) => (date === null || relativeDate(date, model.build.now).future ? null : date),
		age: (date) => Math.floor((now - Date.parse(`${date}T00:00:00Z`)) / DAY_MS),
		halfLife: (service, options, kind) => service.note?.halfLifeDays ?? options.halfLifeDays[kind],
	};
}

// A claim is as old as the last time its source was confirmed; a source of unknown age counts as one half-life old.
function timedClaim(
	clock: ClaimClock,
	kind: Claim['kind'] & keyof ConfidenceOptions['halfLifeDays'],
	subject: string,
	dated: string | null,
	source: { label: string; file: string | null },
	life: number,
	deploys: { penalty: number; count: number } = { penalty: 1, count: 0 },
): Claim {
	const since = clock.known(dated);
	const days = since === null ? null : clock.age(since);
	const base = days === null ? 0.5 : 0.5 ** (days / life);
	const when =
		since !== null
			? `${source.label}, confirmed ${since} (${days} days ago)`
			: dated !== null
				? `${source.label}, dated ${dated}, ${relativeDate(dated, clock.nowIso).text}: a date after the build confirms nothing, so it counts as of unknown age (one half-life old)`
				: `${source.label}, of unknown age (counted as one half-life old)`;
	const deployed = deploys.penalty < 1 ? `; ${plural(deploys.count, 'deploy')} since, ×${round(deploys.penalty)}` : '';
	return { kind, subject, confidence: clamp(base * deploys.penalty), since, ageDays: days, halfLifeDays: life, evidence: `${when}; half-life ${life} days: ${round(base)}${deployed}.`, file: source.file };
}

const describeSource = (source: ModelService['sources'][number]) => ({
	label: source.source === 'note' ? `the note ${source.file}` : `the ${source.source === 'backstage' ? 'Backstage' : 'Datadog'} entry ${source.file}`,
	file: source.file,
});

// The claims about the service itself: that it is written about at all, its owner, what it does, its note and sections.
function writtenClaims(service: ModelService, clock: ClaimClock, options: ConfidenceOptions, deploys: ModelService['deploys']): Claim[] {
	const gap = (kind: Claim['kind'], subject: string, evidence: string, file: string | null = null): Claim => ({ kind, subject, confidence: 0, since: null, ageDays: null, halfLifeDays: null, evidence, file });
	if (service.sources.length === 0) return [gap('note', service.name, 'Nobody has written about it: nothing to trust.')];
	const sourceOf = (field: string) => service.sources.find((s) => s.source === service.fieldSources[field]) ?? null;
	const life = (kind: keyof ConfidenceOptions['halfLifeDays']) => clock.halfLife(service, options, kind);
	// What the note says is confirmed by its review: a date-only one counts for less, for the owner and description it names too.
	const reviewed = (claim: Claim, source: ModelService['sources'][number]) =>
		source.source === 'note' && service.note ? weighReview(claim, service.note.review, options.dateOnlyReview, clock.nowIso) : claim;
	const claims: Claim[] = [];
	const owner = sourceOf('owner');
	if (!service.owner || !owner) {
		claims.push(gap('owner', '(nobody)', 'No source names an owner.', service.sources[0]!.file));
	} else if (service.problems.some((p) => p.name === 'OwnerDeparted')) {
		const since = clock.known(owner.reviewed);
		claims.push({ ...gap('owner', service.owner, `${service.owner} has left (owners.departed).`, owner.file), since, ageDays: since === null ? null : clock.age(since) });
	} else {
		claims.push(reviewed(timedClaim(clock, 'owner', service.owner, owner.reviewed, describeSource(owner), life('owner')), owner));
	}
	const description = sourceOf('description');
	if (description && service.description) claims.push(reviewed(timedClaim(clock, 'description', 'description', description.reviewed, describeSource(description), life('description')), description));
	if (service.note) {
		const source = service.sources.find((s) => s.source === 'note')!;
		const note = describeSource(source);
		const penalty = { penalty: options.perDeploy ** deploys.sinceReview, count: deploys.sinceReview };
		claims.push(reviewed(timedClaim(clock, 'note', 'the note', service.note.reviewed, note, life('note'), penalty), source));
		for (const section of service.note.sections) claims.push(timedClaim(clock, 'section', section.heading, section.reviewed, { label: `section "${section.heading}"`, file: note.file }, life('section')));
	} else if (!description || !service.description) {
		// A catalog entry that says neither what the service does nor how it runs leaves the prose empty.
		claims.push(gap('description', 'description', 'No note, and no source says what it does.', service.sources[0]!.file));
	}
	return claims;
}

// One declared or observed dependency as a claim, with how sure its absence is when nobody saw it.
function dependencyClaim(
	service: ModelService,
	edge: ModelEdge,
	callerEdges: readonly ModelEdge[],
	model: Model,
	clock: ClaimClock,
	options: ConfidenceOptions,
	deploys: ModelService['deploys'],
): { claim: Claim; absence: ModelEdge['absence'] } {
	if (!edge.declared) {
		const home = service.sources.find((s) => s.source === 'note') ?? service.sources[0];
		const evidence = `Telemetry saw ${plural(edge.calls, 'call')} to ${edge.to} that nothing declares.`;
		return { claim: { kind: 'undeclared', subject: edge.to, confidence: 0, since: null, ageDays: null, halfLifeDays: null, evidence, file: home?.file ?? null }, absence: null };
	}
	// The freshest source that declares it is the last time anyone confirmed it; an incident that learned it is one such source.
	const declaring = [
		...service.sources.filter((s) => edge.declaredBy.includes(s.source)).map((s) => ({ reviewed: s.reviewed, ...describeSource(s) })),
		...edge.learnedIn.filter((l) => l.what !== 'gone').map((l) => ({ reviewed: l.date as string | null, label: `incident ${l.incident} (${l.what})`, file: null })),
	].sort((a, b) => (clock.known(b.reviewed) ?? '').localeCompare(clock.known(a.reviewed) ?? ''))[0];
	const life = clock.halfLife(service, options, 'dependency');
	const penalty = { penalty: options.perDeploy ** deploys.sinceReview, count: deploys.sinceReview };
	const dated = timedClaim(clock, 'dependency', edge.to, declaring?.reviewed ?? null, declaring ?? { label: 'a catalog', file: null }, life, penalty);
	// A date-only review of the note that declares it counts for less here too.
	const fromNote = service.note !== null && declaring?.file === service.sources.find((s) => s.source === 'note')?.file;
	const claim = fromNote ? weighReview(dated, service.note!.review, options.dateOnlyReview, clock.nowIso) : dated;
	if (!model.telemetry) return { claim, absence: null };
	if (edge.observed) {
		const raised = clamp(claim.confidence + (1 - claim.confidence) * options.seenWeight);
		claim.evidence += ` Telemetry saw ${plural(edge.calls, 'call')} in this window: ${round(claim.confidence)} + (1 − ${round(claim.confidence)}) × ${options.seenWeight} = ${round(raised)}.`;
		return { claim: { ...claim, confidence: raised }, absence: null };
	}
	let confidence = claim.confidence;
	if (edge.seenBefore) {
		// An earlier build's sighting confirms it too, less the longer ago it was.
		const days = Math.max(0, Math.floor((clock.now - Date.parse(edge.seenBefore.lastSeen)) / DAY_MS));
		const weight = options.seenWeight * 0.5 ** (days / life);
		const raised = clamp(confidence + (1 - confidence) * weight);
		claim.evidence += ` An earlier build saw it ${plural(days, 'day')} ago (${plural(edge.seenBefore.buildsAgo, 'build')} back): ${round(confidence)} + (1 − ${round(confidence)}) × ${options.seenWeight} × 0.5^(${days}/${life}) = ${round(raised)}.`;
		confidence = raised;
	}
	const everyDays = edge.expected ? (edge.expected.everyDays ?? options.rareEveryDays) : null;
	const absence = judgeAbsence(service, callerEdges, options.minCallShare, model.telemetry.counting.basis === 'sampled', {
		everyDays,
		rare: edge.expected?.rare ?? false,
		seenBefore: edge.seenBefore,
		now: clock.now,
		windowDays: windowDays(model.telemetry.window),
	});
	const lowered = clamp(confidence * (1 - (1 - options.absentFloor) * absence.certainty));
	claim.evidence += ` ${absence.basis} ${round(confidence)} × (1 − ${round(1 - options.absentFloor)} × ${round(absence.certainty)}) = ${round(lowered)}.`;
	return { claim: { ...claim, confidence: lowered }, absence };
}

function windowDays(window: { start: string; end: string }): number {
	return Math.max(1 / 24, (Date.parse(window.end) - Date.parse(window.start)) / DAY_MS);
}

/**
 * Confidence in one incident's lesson, a claim like any other: halved every dependency half-life
 * since the incident; telemetry that sees the edge raises a lesson that it exists and lowers one
 * that it is gone, and telemetry that misses it lowers the first by how sure the absence is.
 */
export function scoreLesson(
	lesson: EdgeLesson,
	edge: Pick<ModelEdge, 'observed'>,
	absence: ModelEdge['absence'],
	clock: { known: (date: string | null) => string | null; age: (date: string) => number; halfLife: number; telemetry: boolean },
	weights: Pick<ConfidenceOptions, 'seenWeight' | 'absentFloor'>,
): EdgeLesson {
	const since = clock.known(lesson.date);
	const base = since === null ? 0.5 : 0.5 ** (clock.age(since) / clock.halfLife);
	let confidence = base;
	if (lesson.what === 'gone') confidence = clock.telemetry && edge.observed ? base * (1 - weights.seenWeight) : base;
	else if (clock.telemetry && edge.observed) confidence = base + (1 - base) * weights.seenWeight;
	else if (clock.telemetry && absence) confidence = base * (1 - (1 - weights.absentFloor) * absence.certainty);
	return { ...lesson, confidence: round(clamp(confidence), 4) };
}

/** What is known of a dependency's rhythm besides this window: how often it is expected, and when it was last seen. */
export interface AbsenceHistory {
	/** Days it may go unseen (`expectedEvery`, or `rareEveryDays` for `rare`), or null when it is expected every window. */
	everyDays: number | null;
	/** Whether the days are `rareEveryDays`, a site setting, not the note's own interval. */
	rare: boolean;
	seenBefore: ModelEdge['seenBefore'];
	/** The build's clock, in milliseconds. */
	now: number;
	/** The telemetry window's length, in days. */
	windowDays: number;
}

/**
 * How sure the absence of a declared call is: if a real dependency were called in at least
 * `minCallShare` of the caller's spans, seeing none in n spans happens with probability
 * `(1 − share)^n`. A caller telemetry did not see at all says nothing either way. A dependency
 * expected only every so many days is not due while an earlier build saw it within that time;
 * never seen, only the share of its interval the window covers counts against it.
 */
export function judgeAbsence(caller: ModelService, callerEdges: readonly ModelEdge[], minCallShare: number, sampled: boolean, history?: AbsenceHistory): NonNullable<ModelEdge['absence']> {
	// Graph-only sources (dependency links, metrics) have no spans; the caller's observed calls stand in.
	const evidence = Math.max(caller.telemetry?.spans ?? 0, callerEdges.reduce((n, e) => n + e.calls, 0));
	const everyDays = history?.everyDays ?? null;
	const lastSeenDays = history?.seenBefore ? Math.max(0, Math.floor((history.now - Date.parse(history.seenBefore.lastSeen)) / DAY_MS)) : null;
	const overdue = everyDays !== null && lastSeenDays !== null && lastSeenDays > everyDays;
	const interval = everyDays === null ? null : { everyDays, overdue };
	const every = everyDays === null ? '' : history?.rare ? `Marked rare (expected at least every ${plural(everyDays, 'day')}, confidence.rareEveryDays)` : `Expected every ${plural(everyDays, 'day')}`;
	if (everyDays !== null && lastSeenDays !== null && !overdue) {
		const basis = `${every}, and last seen ${plural(lastSeenDays, 'day')} ago: not due yet, so its absence says nothing.`;
		return { certainty: 0, evidenceSpans: evidence, interval, basis };
	}
	if (!caller.telemetry || evidence === 0) {
		return { certainty: 0, evidenceSpans: 0, interval, basis: `Not seen, but ${caller.name} itself was not seen either: cannot tell.` };
	}
	const inWindow = 1 - (1 - minCallShare) ** evidence;
	// Never seen and expected only now and then: the window had this share of a chance to catch it.
	const covered = everyDays !== null && !overdue ? Math.min(1, (history?.windowDays ?? everyDays) / everyDays) : 1;
	const certainty = round(inWindow * covered, 4);
	const of = sampled ? ' (sampled)' : '';
	const rhythm =
		everyDays === null
			? ''
			: overdue
				? ` ${every}, last seen ${plural(lastSeenDays!, 'day')} ago: overdue.`
				: ` ${every} and seen by no build: this ${Math.round(history?.windowDays ?? everyDays)}-day window covers ${Math.round(covered * 100)}% of that.`;
	// Said as what the certainty is, a chance of having seen it, not as a chance it is gone: calibration
	// shows dependencies unseen in one window often come back in the next.
	const odds = `were it still called in ${Math.round(minCallShare * 1000) / 10}% of them, it would have shown ${Math.round(certainty * 100)}% of the time`;
	const seen = `Not seen in ${plural(evidence, 'span')}${of} of ${caller.name}`;
	const basis =
		rhythm === ''
			? `${seen}: ${certainty < 0.5 ? `too little traffic to tell (${odds})` : odds}.`
			: `${seen}.${rhythm} ${certainty < 0.5 ? `Too little to tell (${odds})` : capitalize(odds)}.`;
	return { certainty, evidenceSpans: evidence, interval, basis };
}

// `events` are the service's deploys up to the build, oldest first; `known` drops a review date after the build.
function countDeploys(service: ModelService, events: readonly DeployEvent[], known: (date: string | null) => string | null): ModelService['deploys'] {
	const dates = service.note ? [service.note.reviewed] : service.sources.map((s) => s.reviewed);
	const reviewed = dates.map(known).filter((d): d is string => d !== null).sort().at(-1) ?? null;
	const since = reviewed === null ? events : events.filter((e) => Date.parse(e.time) >= Date.parse(`${reviewed}T00:00:00Z`) + DAY_MS);
	const last = events.at(-1);
	// Without deploy events, versions telemetry saw change in a window after the review are deploys too.
	const fromTelemetry =
		events.length === 0 && service.telemetry && (reviewed === null || Date.parse(`${reviewed}T00:00:00Z`) < Date.parse(service.telemetry.firstSeen ?? `${reviewed}T00:00:00Z`))
			? Math.max(0, service.telemetry.versions.length - 1)
			: 0;
	return {
		sinceReview: Math.max(since.length, fromTelemetry),
		latest: last ? { version: last.version, time: last.time } : null,
	};
}

function clamp(value: number): number {
	return Math.min(1, Math.max(0, value));
}

// Figures are stored to four places and quoted in evidence to two.
const round = (value: number, digits = 2): number => roundTo(value, digits);

import type { ConfidenceOptions } from '../config/confidence-options.ts';
import { groupBy } from '../lib/group-by.ts';
import { plural } from '../lib/plural.ts';
import { relativeDate } from '../lib/relative-date.ts';
import type { DeployEvent } from '../sources/deploys/read-deploys.ts';
import type { Claim, EdgeLesson, Model, ModelEdge, ModelService } from './model-schema.ts';
import { DAY_MS } from '../lib/days.ts';
import { weighReview } from './review-weight.ts';

// Telemetry that sees a declared dependency now closes this share of the gap to certainty.
const OBSERVED_WEIGHT = 0.9;
// A dependency surely gone (absence certainty 1) keeps this share of its time-decayed confidence.
const ABSENT_FLOOR = 0.2;

/**
 * Scores every written claim in a model from 0 to 1 and rolls the scores up to services, teams
 * and the system. A claim decays by half every half-life since a person confirmed it; telemetry
 * that sees a declared dependency raises it, a dependency nobody sees lowers it by how sure that
 * absence is, deploys since the review lower what the note says, and a dependency telemetry sees
 * that nothing declares counts as a claim of 0. The README gives the formula.
 */
export function scoreConfidence(model: Model, options: { confidence: ConfidenceOptions; deploys: readonly DeployEvent[] }): Model {
	const now = Date.parse(model.build.now);
	const { halfLifeDays, minCallShare, perDeploy } = options.confidence;
	// A date after the build's clock (a typo, a commit dated ahead, a build run with an earlier --now)
	// places the confirmation nowhere in time: it counts as unknown, never as a review made today.
	const known = (date: string | null) => (date === null || relativeDate(date, model.build.now).future ? null : date);
	const age = (date: string) => Math.floor((now - Date.parse(`${date}T00:00:00Z`)) / DAY_MS);
	const decay = (days: number, halfLife: number) => 0.5 ** (days / halfLife);
	const deploysByService = groupBy(
		options.deploys.filter((event) => Date.parse(event.time) <= now),
		(event) => event.service,
	);
	const outgoing = groupBy(model.edges, (edge) => edge.from);
	const edges = new Map<ModelEdge, Pick<ModelEdge, 'confidence' | 'absence'> & Partial<Pick<ModelEdge, 'learnedIn'>>>();

	const services = model.services.map((service): ModelService => {
		const deploys = countDeploys(service, deploysByService.get(service.name) ?? [], known);
		if (service.kind !== 'service' && service.sources.length === 0) return { ...service, deploys };
		const claims: Claim[] = [];
		const halfLife = (kind: keyof ConfidenceOptions['halfLifeDays']) => service.note?.halfLifeDays ?? halfLifeDays[kind];
		// A claim is as old as the last time its source was confirmed; a source of unknown age counts as one half-life old.
		const timed = (kind: Claim['kind'] & keyof ConfidenceOptions['halfLifeDays'], subject: string, dated: string | null, source: string, penalty = 1): Claim => {
			const since = known(dated);
			const days = since === null ? null : age(since);
			const life = halfLife(kind);
			const base = days === null ? 0.5 : decay(days, life);
			const confidence = clamp(base * penalty);
			const when =
				since !== null
					? `${source}, confirmed ${since} (${days} days ago)`
					: dated !== null
						? `${source}, dated ${dated}, ${relativeDate(dated, model.build.now).text}: a date after the build confirms nothing, so it counts as of unknown age (one half-life old)`
						: `${source}, of unknown age (counted as one half-life old)`;
			const deployed = penalty < 1 ? `; ${plural(deploys.sinceReview, 'deploy')} since, ×${round(penalty)}` : '';
			return { kind, subject, confidence, since, ageDays: days, halfLifeDays: life, evidence: `${when}; half-life ${life} days: ${round(base)}${deployed}.` };
		};
		const sourceOf = (field: string) => {
			const from = service.fieldSources[field];
			return service.sources.find((s) => s.source === from) ?? null;
		};
		const describe = (source: ModelService['sources'][number]) =>
			source.source === 'note' ? `the note ${source.file}` : `the ${source.source === 'backstage' ? 'Backstage' : 'Datadog'} entry ${source.file}`;
		const deployPenalty = perDeploy ** deploys.sinceReview;

		if (service.sources.length === 0) {
			claims.push({ kind: 'note', subject: service.name, confidence: 0, since: null, ageDays: null, halfLifeDays: null, evidence: 'Nobody has written about it: nothing to trust.' });
		}
		const owner = sourceOf('owner');
		if (service.sources.length > 0 && (!service.owner || !owner)) {
			claims.push({ kind: 'owner', subject: '(nobody)', confidence: 0, since: null, ageDays: null, halfLifeDays: null, evidence: 'No source names an owner.' });
		} else if (owner && service.owner) {
			const departed = service.problems.some((p) => p.name === 'OwnerDeparted');
			const since = known(owner.reviewed);
			claims.push(
				departed
					? { kind: 'owner', subject: service.owner, confidence: 0, since, ageDays: since === null ? null : age(since), halfLifeDays: null, evidence: `${service.owner} has left (owners.departed).` }
					: timed('owner', service.owner, owner.reviewed, describe(owner)),
			);
		}
		const description = sourceOf('description');
		if (description && service.description) claims.push(timed('description', 'description', description.reviewed, describe(description)));
		if (service.note) {
			const note = service.sources.find((s) => s.source === 'note')!;
			claims.push(weighReview(timed('note', 'the note', service.note.reviewed, describe(note), deployPenalty), service.note.review, options.confidence.dateOnlyReview, model.build.now));
			for (const section of service.note.sections) claims.push(timed('section', section.heading, section.reviewed, `section "${section.heading}"`));
		}

		for (const edge of outgoing.get(service.name) ?? []) {
			if (!edge.declared) {
				const claim: Claim = {
					kind: 'undeclared',
					subject: edge.to,
					confidence: 0,
					since: null,
					ageDays: null,
					halfLifeDays: null,
					evidence: `Telemetry saw ${plural(edge.calls, 'call')} to ${edge.to} that nothing declares.`,
				};
				claims.push(claim);
				edges.set(edge, { confidence: 0, absence: null });
				continue;
			}
			// The freshest source that declares it is the last time anyone confirmed it; an incident that learned it is one such source.
			const declaring = [
				...service.sources.filter((s) => edge.declaredBy.includes(s.source)).map((s) => ({ reviewed: s.reviewed, label: describe(s) })),
				...edge.learnedIn.filter((l) => l.what !== 'gone').map((l) => ({ reviewed: l.date as string | null, label: `incident ${l.incident} (${l.what})` })),
			].sort((a, b) => (known(b.reviewed) ?? '').localeCompare(known(a.reviewed) ?? ''))[0];
			const claim = timed('dependency', edge.to, declaring?.reviewed ?? null, declaring?.label ?? 'a catalog', deployPenalty);
			let absence: ModelEdge['absence'] = null;
			if (model.telemetry && edge.observed) {
				const raised = clamp(claim.confidence + (1 - claim.confidence) * OBSERVED_WEIGHT);
				claim.evidence += ` Telemetry saw ${plural(edge.calls, 'call')} in this window: ${round(claim.confidence)} + (1 − ${round(claim.confidence)}) × ${OBSERVED_WEIGHT} = ${round(raised)}.`;
				claim.confidence = raised;
			} else if (model.telemetry) {
				absence = judgeAbsence(service, outgoing.get(service.name) ?? [], minCallShare, model.telemetry.counting.basis === 'sampled');
				const lowered = clamp(claim.confidence * (1 - (1 - ABSENT_FLOOR) * absence.certainty));
				claim.evidence += ` ${absence.basis} ${round(claim.confidence)} × (1 − ${1 - ABSENT_FLOOR} × ${round(absence.certainty)}) = ${round(lowered)}.`;
				claim.confidence = lowered;
			}
			claims.push(claim);
			edges.set(edge, { confidence: claim.confidence, absence });
		}
		for (const edge of outgoing.get(service.name) ?? []) {
			if (edge.learnedIn.length === 0) continue;
			const scoredEdge = edges.get(edge) ?? { confidence: edge.confidence, absence: edge.absence };
			edges.set(edge, { ...scoredEdge, learnedIn: edge.learnedIn.map((lesson) => scoreLesson(lesson, edge, scoredEdge.absence, { known, age, halfLife: halfLife('dependency'), telemetry: model.telemetry !== null })) });
		}
		const confidence = claims.length === 0 ? 0 : claims.reduce((total, claim) => total + claim.confidence, 0) / claims.length;
		return { ...service, deploys, confidence: { confidence: round(confidence, 4), claims: claims.map((c) => ({ ...c, confidence: round(c.confidence, 4) })) } };
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
): EdgeLesson {
	const since = clock.known(lesson.date);
	const base = since === null ? 0.5 : 0.5 ** (clock.age(since) / clock.halfLife);
	let confidence = base;
	if (lesson.what === 'gone') confidence = clock.telemetry && edge.observed ? base * (1 - OBSERVED_WEIGHT) : base;
	else if (clock.telemetry && edge.observed) confidence = base + (1 - base) * OBSERVED_WEIGHT;
	else if (clock.telemetry && absence) confidence = base * (1 - (1 - ABSENT_FLOOR) * absence.certainty);
	return { ...lesson, confidence: round(clamp(confidence), 4) };
}

/**
 * How sure the absence of a declared call is: if a real dependency were called in at least
 * `minCallShare` of the caller's spans, seeing none in n spans happens with probability
 * `(1 − share)^n`. A caller telemetry did not see at all says nothing either way.
 */
export function judgeAbsence(caller: ModelService, callerEdges: readonly ModelEdge[], minCallShare: number, sampled: boolean): NonNullable<ModelEdge['absence']> {
	// Graph-only sources (dependency links, metrics) have no spans; the caller's observed calls stand in.
	const evidence = Math.max(caller.telemetry?.spans ?? 0, callerEdges.reduce((n, e) => n + e.calls, 0));
	if (!caller.telemetry || evidence === 0) {
		return { certainty: 0, evidenceSpans: 0, basis: `Not seen, but ${caller.name} itself was not seen either: cannot tell.` };
	}
	const certainty = round(1 - (1 - minCallShare) ** evidence, 4);
	const of = sampled ? ' (sampled)' : '';
	const basis =
		certainty < 0.5
			? `Not seen in ${plural(evidence, 'span')}${of} of ${caller.name}: too little traffic to tell (${Math.round(certainty * 100)}% sure it is gone).`
			: `Not seen in ${plural(evidence, 'span')}${of} of ${caller.name}: ${Math.round(certainty * 100)}% sure it is gone.`;
	return { certainty, evidenceSpans: evidence, basis };
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

function round(value: number, digits = 2): number {
	const scale = 10 ** digits;
	return Math.round(value * scale) / scale;
}

import { plural } from '../lib/plural.ts';
import type { Claim, ModelEdge, ModelService, NextAction } from './model-schema.ts';
import { CONFIDENCE_PARTS, scoreParts } from './score-parts.ts';

/** At most this many actions per service: a to-do list, not an audit. */
export const MAX_ACTIONS = 5;

// A claim this close to certain has nothing left to regain.
const NEARLY_SURE = 0.95;
/** A dependency this surely gone is worth removing; a less sure one is worth a look, not an edit. */
export const SURELY_GONE = 0.5;

interface Candidate {
	action: Omit<NextAction, 'gain' | 'part' | 'partGain'>;
	apply: (claims: readonly Claim[]) => Claim[];
}

/**
 * The next best things to do about a service, ranked by the confidence each regains: chosen one at
 * a time, each measured after the ones before it are done, so the gains add up and a fix to a part
 * that is not yet the weakest comes after the fix that makes it so.
 */
export function nextActions(service: ModelService, claims: readonly Claim[], outgoing: ReadonlyMap<string, Pick<ModelEdge, 'observed' | 'absence' | 'seenBefore'>>): NextAction[] {
	let candidates = candidatesFor(service, claims, outgoing);
	let current = claims;
	const actions: NextAction[] = [];
	while (actions.length < MAX_ACTIONS && candidates.length > 0) {
		const before = scoreParts(current);
		const scored = candidates.map((candidate) => {
			const after = scoreParts(candidate.apply(current));
			// The part it lifts most: a review of a catalog entry can lift the owner and the dependencies at once.
			const lifts = CONFIDENCE_PARTS.map((part) => ({ part, by: points((after.parts[part]?.confidence ?? 0) - (before.parts[part]?.confidence ?? 0)) }));
			const { part, by: partGain } = lifts.reduce((best, lift) => (lift.by > best.by ? lift : best));
			return { candidate, gain: points(after.confidence - before.confidence), part, partGain, total: meanOfParts(after) - meanOfParts(before) };
		});
		const best = scored.filter((s) => s.partGain > 0 || s.gain > 0).sort((a, b) => b.gain - a.gain || b.total - a.total)[0];
		if (!best) break;
		actions.push({ ...best.candidate.action, gain: best.gain, part: best.part, partGain: Math.max(1, best.partGain) });
		current = best.candidate.apply(current);
		candidates = candidates.filter((c) => c !== best.candidate);
	}
	return actions;
}

function candidatesFor(service: ModelService, claims: readonly Claim[], outgoing: ReadonlyMap<string, Pick<ModelEdge, 'observed' | 'absence' | 'seenBefore'>>): Candidate[] {
	const set = (index: number) => (all: readonly Claim[]) => all.map((c, i) => (i === index ? { ...c, confidence: 1 } : c));
	if (service.sources.length === 0) {
		const seen = claims.filter((c) => c.kind === 'undeclared').length;
		const text = `write a note for ${service.name}: its owner, what it does${seen > 0 ? ` and the ${plural(seen, 'dependency', 'dependencies')} telemetry saw` : ''}`;
		return [{ action: { kind: 'write-note', subject: service.name, file: null, text }, apply: (all) => all.map((c) => ({ ...c, confidence: 1 })) }];
	}
	const home = service.note ? service.sources.find((s) => s.source === 'note')!.file : service.sources[0]!.file;
	const departed = service.problems.some((p) => p.name === 'OwnerDeparted');
	const candidates: Candidate[] = [];
	claims.forEach((claim, index) => {
		const edge = outgoing.get(claim.subject);
		if (claim.kind === 'undeclared') {
			candidates.push({ action: { kind: 'declare', subject: claim.subject, file: home, text: `declare ${service.name} → ${claim.subject}` }, apply: set(index) });
		} else if (claim.kind === 'dependency' && edge && !edge.observed && (edge.absence?.certainty ?? 0) >= SURELY_GONE) {
			const when = edge.seenBefore ? `last seen ${plural(edge.seenBefore.buildsAgo, 'build')} back` : 'seen by no build';
			candidates.push({
				action: { kind: 'remove', subject: claim.subject, file: claim.file, text: `remove the dependency on ${claim.subject}, ${when}` },
				apply: (all) => all.filter((_, i) => i !== index),
			});
		} else if (claim.kind === 'section' && claim.confidence < NEARLY_SURE) {
			const age = claim.ageDays === null ? 'of unknown age' : `${plural(claim.ageDays, 'day')} old`;
			candidates.push({ action: { kind: 'review-section', subject: claim.subject, file: claim.file, text: `review the “${claim.subject}” section, ${age}` }, apply: set(index) });
		} else if (claim.kind === 'owner' && claim.confidence === 0) {
			const text = departed ? `hand ${service.name} to a team: ${claim.subject} has left` : `name an owner for ${service.name}`;
			candidates.push({ action: { kind: 'name-owner', subject: claim.subject, file: home, text }, apply: set(index) });
		}
	});
	return [...candidates, ...reviews(service, claims, outgoing)];
}

// One review per file that states something: it confirms everything that file says, except
// sections (dated on their own) and dependencies telemetry did not see (a review would have to
// decide about those, which is a remove or a keep, not a date).
function reviews(service: ModelService, claims: readonly Claim[], outgoing: ReadonlyMap<string, Pick<ModelEdge, 'observed'>>): Candidate[] {
	const refreshed = (claim: Claim, file: string) =>
		claim.file === file && claim.confidence > 0 && (claim.kind === 'note' || claim.kind === 'description' || claim.kind === 'owner' || (claim.kind === 'dependency' && outgoing.get(claim.subject)?.observed === true));
	return service.sources.flatMap((source) => {
		const stale = claims.filter((c) => refreshed(c, source.file) && c.confidence < NEARLY_SURE);
		if (stale.length === 0) return [];
		const age = source.ageDays === null ? 'of unknown age' : `last reviewed ${plural(source.ageDays, 'day')} ago`;
		const text = source.source === 'note' ? `review the note, ${age}` : `confirm the catalog entry ${source.file}, ${age}`;
		return [{ action: { kind: 'review-note' as const, subject: source.source === 'note' ? 'the note' : source.file, file: source.file, text }, apply: (all: readonly Claim[]) => all.map((c) => (refreshed(c, source.file) ? { ...c, confidence: 1 } : c)) }];
	});
}

function meanOfParts(scores: ReturnType<typeof scoreParts>): number {
	const present = CONFIDENCE_PARTS.flatMap((part) => scores.parts[part]?.confidence ?? []);
	return present.length === 0 ? 0 : present.reduce((a, b) => a + b, 0) / present.length;
}

function points(delta: number): number {
	return Math.max(0, Math.round(delta * 100));
}

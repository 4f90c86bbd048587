import { DAY_MS } from '../lib/days.ts';
import type { Claim, NoteReview } from './model-schema.ts';
import { roundTo } from '../lib/round-to.ts';

/**
 * The note's claim with a date-only review counted at `weight`: w × decay since the bump +
 * (1 − w) × decay since the last full review (one half-life old when unknown), deploys applied as
 * before. Any other review leaves the claim as it is.
 */
export function weighReview(claim: Claim, review: NoteReview, weight: number, now: string): Claim {
	if (review.kind !== 'date-only' || claim.halfLifeDays === null) return claim;
	const life = claim.halfLifeDays;
	const decay = (days: number | null) => (days === null ? 0.5 : 0.5 ** (days / life));
	const bump = decay(claim.ageDays);
	const fullDays = review.lastFullReview === null ? null : Math.max(0, Math.floor((Date.parse(now) - Date.parse(`${review.lastFullReview}T00:00:00Z`)) / DAY_MS));
	const full = decay(fullDays);
	const weighed = weight * bump + (1 - weight) * full;
	// The claim already holds the bump's decay times any deploy penalty: keep the penalty, change the decay.
	const confidence = bump === 0 ? 0 : Math.min(1, Math.max(0, (claim.confidence * weighed) / bump));
	const last = review.lastFullReview === null ? 'last full review unknown (one half-life old)' : `last full review ${review.lastFullReview} (${fullDays} days ago)`;
	const evidence = `${claim.evidence} Date-only review on ${claim.since ?? 'an unknown date'} (counts for ${Math.round(weight * 100)}%); ${last}: ${round(weight)} × ${round(bump)} + ${round(1 - weight)} × ${round(full)} = ${round(weighed)}.`;
	return { ...claim, confidence, evidence };
}

const round = (value: number): number => roundTo(value, 2);

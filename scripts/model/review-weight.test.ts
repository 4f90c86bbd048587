import { describe, expect, it } from 'vitest';
import type { Claim, NoteReview } from './model-schema.ts';
import { weighReview } from './review-weight.ts';

const NOW = '2026-11-23T00:00:00Z';
// The note claim as scoring builds it: confirmed 10 days ago, half-life 180 days, two deploys since (×0.95²).
const bumpDecay = 0.5 ** (10 / 180);
const claim: Claim = { kind: 'note', subject: 'the note', confidence: bumpDecay * 0.9025, since: '2026-11-13', ageDays: 10, halfLifeDays: 180, evidence: 'the note notes/sms-sender.md, confirmed 2026-11-13.', file: 'notes/sms-sender.md' };
const review = (over: Partial<NoteReview>): NoteReview => ({ kind: 'date-only', basis: 'previous-build', commit: null, author: null, byOwningTeam: null, lastFullReview: '2025-03-18', ...over });

describe('weighReview', () => {
	it('counts a date-only review at its weight, and the rest as old as the last full review, keeping the deploy penalty', () => {
		// 2025-03-18 to 2026-11-23 is 615 days.
		const full = 0.5 ** (615 / 180);
		const weighed = weighReview(claim, review({}), 0.5, NOW);
		expect(weighed.confidence).toBeCloseTo((0.5 * bumpDecay + 0.5 * full) * 0.9025, 10);
		expect(weighed.evidence).toContain('Date-only review on 2026-11-13 (counts for 50%); last full review 2025-03-18 (615 days ago)');
		expect(weighReview(claim, review({}), 0.2, NOW).confidence).toBeCloseTo((0.2 * bumpDecay + 0.8 * full) * 0.9025, 10);
	});

	it('counts an unknown last full review as one half-life old', () => {
		expect(weighReview(claim, review({ lastFullReview: null }), 0.5, NOW).confidence).toBeCloseTo((0.5 * bumpDecay + 0.25) * 0.9025, 10);
	});

	it('leaves a full review, an unknown one, or a weight of 1 as the plain decay', () => {
		expect(weighReview(claim, review({ kind: 'full' }), 0.5, NOW)).toBe(claim);
		expect(weighReview(claim, review({ kind: 'unknown' }), 0.5, NOW)).toBe(claim);
		expect(weighReview(claim, review({}), 1, NOW).confidence).toBeCloseTo(claim.confidence, 10);
	});
});

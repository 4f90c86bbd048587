import { describe, expect, it } from 'vitest';
import { UNKNOWN_REVIEW } from '../../scripts/model/model-schema.ts';
import { reviewLabel } from './review-label.ts';

describe('reviewLabel', () => {
	it("says a date-only review and when the text last changed, and who made it when CODEOWNERS tells", () => {
		const dateOnly = { ...UNKNOWN_REVIEW, kind: 'date-only', basis: 'git', lastFullReview: '2025-03-18' } as const;
		expect(reviewLabel('2026-11-13', dateOnly)).toBe('date-only review on 2026-11-13; text last changed 2025-03-18');
		expect(reviewLabel('2026-11-13', { ...dateOnly, byOwningTeam: false })).toBe('date-only review on 2026-11-13; text last changed 2025-03-18, by someone outside the owning team');
		expect(reviewLabel('2026-11-13', { ...dateOnly, lastFullReview: null })).toBe('date-only review on 2026-11-13; text last changed at an unknown date');
	});

	it('reads a full or unknown review as before', () => {
		expect(reviewLabel('2026-11-13', { ...UNKNOWN_REVIEW })).toBe('reviewed 2026-11-13');
		expect(reviewLabel('2026-11-13', { ...UNKNOWN_REVIEW, kind: 'full', byOwningTeam: true })).toBe('reviewed 2026-11-13, by the owning team');
	});
});

import type { NoteReview } from '../../scripts/model/model-schema.ts';

/** How a note's review date reads beside its kind: "date-only review on …; text last changed …", and who made it when team members or CODEOWNERS tell. */
export function reviewLabel(reviewed: string, review: NoteReview): string {
	const outside = review.byOwningTeam === false ? ', by someone outside the owning team' : review.byOwningTeam === true ? ', by the owning team' : '';
	if (review.kind !== 'date-only') return `reviewed ${reviewed}${outside}`;
	return `date-only review on ${reviewed}; text last changed ${review.lastFullReview ?? 'at an unknown date'}${outside}`;
}

import { UNKNOWN_REVIEW, type Model, type ModelService, type NoteReview } from './model-schema.ts';

/**
 * The model with each note's review kind told from the previous build where git could not tell:
 * a `reviewed:` date that moved while the text (`textHash`) stayed the same is a date-only review,
 * one that moved with the text a full one; a date that did not move keeps the kind it had.
 */
export function withPreviousReviews(model: Model, previous: Model | null): Model {
	if (!previous) return model;
	const before = new Map(previous.services.map((s) => [s.name, s.note]));
	return {
		...model,
		services: model.services.map((service) => {
			const note = service.note;
			if (!note || note.review.basis === 'git' || note.reviewedFrom !== 'frontmatter') return service;
			const review = reviewSince(note, before.get(service.name) ?? null);
			return review ? { ...service, note: { ...note, review } } : service;
		}),
	};
}

type NoteFreshness = NonNullable<ModelService['note']>;

function reviewSince(note: NoteFreshness, old: NoteFreshness | null): NoteReview | null {
	if (!old || old.reviewedFrom !== 'frontmatter') return null;
	if (old.reviewed === note.reviewed) return old.review;
	// An older model has no text hash: whether the text moved is unknown.
	if (old.textHash === '' || note.textHash === '') return null;
	if (old.textHash !== note.textHash) return { ...UNKNOWN_REVIEW, kind: 'full', basis: 'previous-build', lastFullReview: note.reviewed };
	// The text is as the previous build read it, so it was last confirmed whole no later than that build's review.
	const lastFullReview = old.review.kind === 'date-only' ? old.review.lastFullReview : old.reviewed;
	return { ...UNKNOWN_REVIEW, kind: 'date-only', basis: 'previous-build', lastFullReview };
}

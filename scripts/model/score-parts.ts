import type { Claim, ConfidencePart, ModelService } from './model-schema.ts';

/** The parts in the order a page lists them, which is also how a tie for the weakest is broken. */
export const CONFIDENCE_PARTS: readonly ConfidencePart[] = ['prose', 'ownership', 'dependencies'];

const PART_OF: Readonly<Record<Claim['kind'], ConfidencePart>> = {
	note: 'prose',
	section: 'prose',
	description: 'prose',
	owner: 'ownership',
	dependency: 'dependencies',
	undeclared: 'dependencies',
};

/** The part a kind of claim belongs to. */
export function partOf(kind: Claim['kind']): ConfidencePart {
	return PART_OF[kind];
}

/** A service's confidence from its claims, without the claims and actions themselves. */
export type PartScores = Pick<NonNullable<ModelService['confidence']>, 'confidence' | 'weakest' | 'parts'>;

/**
 * Scores each part as the mean of its claims, and the headline as its weakest part: a page is no
 * more trustworthy than the least trustworthy thing it says, so twenty seen calls cannot lift a
 * stale runbook, and a page marked stale can never read 87%.
 */
export function scoreParts(claims: readonly Pick<Claim, 'kind' | 'confidence'>[]): PartScores {
	const parts: PartScores['parts'] = { prose: null, ownership: null, dependencies: null };
	for (const part of CONFIDENCE_PARTS) {
		const mine = claims.filter((claim) => PART_OF[claim.kind] === part);
		if (mine.length > 0) parts[part] = { confidence: mine.reduce((total, claim) => total + claim.confidence, 0) / mine.length, claims: mine.length };
	}
	let weakest: ConfidencePart | null = null;
	for (const part of CONFIDENCE_PARTS) {
		const score = parts[part];
		if (score && (weakest === null || score.confidence < parts[weakest]!.confidence)) weakest = part;
	}
	return { confidence: weakest === null ? 0 : parts[weakest]!.confidence, weakest, parts };
}

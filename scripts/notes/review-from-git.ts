import type { NoteReview } from '../model/model-schema.ts';
import type { NoteCommit } from './git-note-history.ts';

/**
 * The kind of review git tells from a note's commits (newest first): the newest commit that wrote
 * a `reviewed:` line set the current date; if it changed nothing else, the review was date-only and
 * the last full review is the newest earlier commit that changed the text. Null when git cannot
 * tell: no such commit, or one that wrote another date (the file has changes not yet committed).
 */
export function reviewFromGit(commits: readonly NoteCommit[], reviewed: string): NoteReview | null {
	const at = commits.findIndex((c) => c.reviewedSet !== null);
	const set = commits[at];
	if (!set || set.reviewedSet !== reviewed) return null;
	const found = { basis: 'git', commit: set.commit, author: set.author, byOwningTeam: null } as const;
	if (set.textChanged) return { kind: 'full', ...found, lastFullReview: reviewed };
	const edited = commits.slice(at + 1).find((c) => c.textChanged);
	return { kind: 'date-only', ...found, lastFullReview: edited?.date ?? null };
}

import type { CodeownersRule } from './codeowners.ts';

/** What tells who is in a note's owning team: its `members:` list and the CODEOWNERS rule for the note's file. */
export interface OwningTeamEvidence {
	/** The owning team's members (emails or `@handles`), empty when nobody listed them. */
	members: readonly string[];
	/** The CODEOWNERS rule that owns the note's file, or null. */
	rule: CodeownersRule | null;
}

// GitHub's private commit addresses carry the handle: `jane@users.noreply.github.com`, `123+jane@users.noreply.github.com`.
const NOREPLY = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/;

/**
 * Whether a commit author (an email) is of the owning team: true when a member or an individual
 * CODEOWNERS owner of the file (a person's `@handle` is known from GitHub's noreply address only),
 * false when the team lists its members and the author is not one, null when nothing can tell.
 */
export function byOwningTeam(author: string | null, evidence: OwningTeamEvidence): boolean | null {
	if (author === null || author.trim() === '') return null;
	const email = author.trim().toLowerCase();
	const handle = NOREPLY.exec(email)?.[1];
	const names = new Set(handle ? [email, `@${handle}`] : [email]);
	const people = (evidence.rule?.owners ?? []).filter((owner) => !owner.includes('/'));
	if (people.some((owner) => names.has(owner.toLowerCase()))) return true;
	if (evidence.members.length === 0) return null;
	return evidence.members.some((member) => names.has(member.toLowerCase()));
}

import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import { ownerOf } from '../catalogs/parse-entity-ref.ts';
import { codeownersRule, type Codeowners } from '../notes/codeowners.ts';
import type { Note } from '../notes/load-content.ts';

/**
 * Warns of each note whose owning team is not among the CODEOWNERS owners of the note's file
 * (`@<org>/<owner>`, any org, any case): GitHub would not ask that team to review changes to it.
 * `prefix` is the content folder's path inside the repository. A person as owner is not checked.
 */
export function checkCodeowners(notes: readonly Note[], codeowners: Codeowners | null, prefix: string): Problem[] {
	if (!codeowners) return [];
	const problems: Problem[] = [];
	// The organisation other team owners name, so the suggested line can be pasted as it is.
	const org = codeowners.rules.flatMap((r) => r.owners).find((o) => o.startsWith('@') && o.includes('/'))?.split('/')[0] ?? '@<org>';
	for (const note of notes) {
		const owner = ownerOf(note.owner);
		if (owner.startsWith('user:')) continue;
		const file = prefix + note.file;
		const rule = codeownersRule(codeowners, file);
		if (rule?.owners.some((o) => o.toLowerCase().split('/')[1] === owner.toLowerCase())) continue;
		const line = `\`/${file} ${org}/${owner}\``;
		const fix = rule
			? `Line ${rule.line} of ${codeowners.file} (\`${rule.pattern}${rule.owners.length ? ' ' : ''}${rule.owners.join(' ')}\`) owns it; add the team there, or a line ${line} after it.`
			: `No line of ${codeowners.file} matches it; add ${line}.`;
		problems.push({
			severity: 'warning',
			error: new HalflifeError('OwnerNotInCodeowners', {
				location: { file: note.file, ...note.positions.owner },
				params: { service: note.service, owner, file, owners: rule?.owners.join(', ') || 'nobody', fix },
			}),
		});
	}
	return problems;
}

import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import { ownerOf } from '../catalogs/parse-entity-ref.ts';
import { nearestName } from '../notes/nearest-name.ts';
import type { BrokenNote } from '../notes/load-content.ts';
import type { Beliefs, Location } from './describe-services.ts';

// One owner as written somewhere: whose, what it names, and whether a note (not a catalog) says so.
interface NamedOwner {
	service: string;
	owner: string;
	inNote: boolean;
	at: Location;
}

/**
 * Flags ownership that cannot be acted on: an owner that is no known team (an error in a note,
 * a warning in a catalog, whose teams often live in another tool), a documented service with no
 * owner, an owner who has left, and a team that owns nothing. The owner of a note broken by
 * another field is checked too, and counts for its team.
 */
export function checkOwners(beliefs: Beliefs, departed: readonly string[], broken: readonly BrokenNote[] = []): Problem[] {
	const problems: Problem[] = [];
	const teamIds = new Set(beliefs.teams.map((team) => team.id));
	// Written like any owner (`jane.doe`, `user:jane.doe`, `user:default/jane.doe`), but always a person.
	const gone = new Set(departed.map((person) => ownerOf(/^user:/i.test(person) ? person : `user:${person}`)));
	const owning = new Set<string>();
	const judge = ({ service, owner, inNote, at }: NamedOwner) => {
		if (owner.startsWith('user:')) {
			if (gone.has(owner)) problems.push({ severity: 'warning', error: new HalflifeError('OwnerDeparted', { location: at, params: { service, owner } }) });
			return;
		}
		owning.add(owner);
		if (teamIds.has(owner)) return;
		const near = nearestName(owner, teamIds);
		// The team a misspelt owner most likely means is not also said to own nothing: the typo is the one problem.
		if (near) owning.add(near);
		const fix = near ? `Did you mean \`${near}\`?` : `Add teams/${owner}.md (or a catalog Group), or use one of: ${[...teamIds].sort().join(', ') || '(no teams yet)'}.`;
		problems.push({ severity: inNote ? 'error' : 'warning', error: new HalflifeError('UnknownTeam', { location: at, params: { owner, fix } }) });
	};
	for (const service of beliefs.services) {
		const owner = service.fields.owner;
		const first = service.sources[0]!;
		if (!owner) {
			problems.push({
				severity: 'warning',
				error: new HalflifeError('NoOwner', { location: { file: first.file, line: first.line, column: 1 }, params: { service: service.name } }),
			});
			continue;
		}
		const source = service.sources.find((s) => s.source === owner.from)!;
		judge({ service: service.name, owner: owner.value, inNote: owner.from === 'note', at: source.ownerAt ?? { file: source.file, line: source.line, column: 1 } });
	}
	for (const note of broken) {
		if (note.owner) judge({ service: note.service, owner: ownerOf(note.owner.name), inNote: true, at: { file: note.file, ...note.owner.at } });
	}
	for (const team of beliefs.teams) {
		if (owning.has(team.id)) continue;
		problems.push({
			severity: 'warning',
			error: new HalflifeError('TeamWithoutServices', { location: { file: team.file, line: team.line, column: 1 }, params: { team: team.id } }),
		});
	}
	return problems;
}

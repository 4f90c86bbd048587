import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import { ownerOf } from '../catalogs/parse-entity-ref.ts';
import { nearestName } from '../notes/nearest-name.ts';
import type { Beliefs } from './describe-services.ts';

/**
 * Flags ownership that cannot be acted on: an owner that is no known team (an error in a note,
 * a warning in a catalog, whose teams often live in another tool), a documented service with no
 * owner, an owner who has left, and a team that owns nothing.
 */
export function checkOwners(beliefs: Beliefs, departed: readonly string[]): Problem[] {
	const problems: Problem[] = [];
	const teamIds = new Set(beliefs.teams.map((team) => team.id));
	// Written like any owner (`jane.doe`, `user:jane.doe`, `user:default/jane.doe`), but always a person.
	const gone = new Set(departed.map((person) => ownerOf(/^user:/i.test(person) ? person : `user:${person}`)));
	const owning = new Set<string>();
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
		const at = source.ownerAt ?? { file: source.file, line: source.line, column: 1 };
		if (owner.value.startsWith('user:')) {
			if (gone.has(owner.value)) {
				problems.push({
					severity: 'warning',
					error: new HalflifeError('OwnerDeparted', { location: at, params: { service: service.name, owner: owner.value } }),
				});
			}
			continue;
		}
		owning.add(owner.value);
		if (teamIds.has(owner.value)) continue;
		const near = nearestName(owner.value, teamIds);
		problems.push({
			severity: owner.from === 'note' ? 'error' : 'warning',
			error: new HalflifeError('UnknownTeam', {
				location: at,
				params: {
					owner: owner.value,
					fix: near
						? `Did you mean \`${near}\`?`
						: `Add teams/${owner.value}.md (or a catalog Group), or use one of: ${[...teamIds].sort().join(', ') || '(no teams yet)'}.`,
				},
			}),
		});
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

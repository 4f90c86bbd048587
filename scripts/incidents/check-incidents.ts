import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import type { Beliefs } from '../model/describe-services.ts';
import { nearestName } from '../notes/nearest-name.ts';
import type { Position } from '../notes/load-content.ts';
import type { Incident } from './load-incidents.ts';

/**
 * Flags incidents that name what nobody knows: a service in `services`, either end of a learned
 * dependency or a learned service that no note, catalog, declared dependency or telemetry names
 * (with the nearest known name when one is close). Run once
 * telemetry is pulled, like `checkDependencies`, so a service only telemetry knows counts.
 */
export function checkIncidents(incidents: readonly Incident[], beliefs: Beliefs, observed: ReadonlySet<string>): Problem[] {
	const known = new Set([
		...beliefs.services.map((s) => s.name),
		...beliefs.services.flatMap((s) => s.dependsOn.map((d) => d.name)),
		...beliefs.aliases.keys(),
		...observed,
	]);
	const problems: Problem[] = [];
	for (const incident of incidents) {
		const unknown = (name: string, field: string, at: Position) => {
			if (known.has(name)) return;
			const near = nearestName(name, known);
			const fix = near ? `Did you mean \`${near}\`?` : `Check the name against telemetry (\`service.name\`) and the notes, or write a note for \`${name}\`.`;
			problems.push({
				severity: 'warning',
				error: new HalflifeError('IncidentServiceUnknown', { location: { file: incident.file, ...at }, params: { id: incident.id, service: name, field, fix } }),
			});
		};
		incident.services.forEach((name, i) => unknown(name, `services[${i}]`, incident.positions.services[i]!));
		incident.learned.dependencies.forEach((lesson, i) => {
			unknown(lesson.from, `learned.dependencies[${i}].from`, incident.positions.dependencies[i]!.from);
			unknown(lesson.to, `learned.dependencies[${i}].to`, incident.positions.dependencies[i]!.to);
		});
		incident.learned.services.forEach((lesson, i) => unknown(lesson.service, `learned.services[${i}].service`, incident.positions.learnedServices[i]!));
	}
	return problems;
}

/** Flags an incident owner that is no known team: an error, as for a note, since the review's team page would not exist. */
export function checkIncidentOwners(incidents: readonly Incident[], beliefs: Beliefs): Problem[] {
	const teamIds = new Set(beliefs.teams.map((team) => team.id));
	const problems: Problem[] = [];
	for (const incident of incidents) {
		if (incident.owner.startsWith('user:') || teamIds.has(incident.owner)) continue;
		const near = nearestName(incident.owner, teamIds);
		const fix = near ? `Did you mean \`${near}\`?` : `Add teams/${incident.owner}.md (or a catalog Group), or use one of: ${[...teamIds].sort().join(', ') || '(no teams yet)'}.`;
		problems.push({ severity: 'error', error: new HalflifeError('UnknownTeam', { location: { file: incident.file, ...incident.positions.owner }, params: { owner: incident.owner, fix } }) });
	}
	return problems;
}

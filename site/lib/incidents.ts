import { groupBy } from '../../scripts/lib/group-by.ts';
import type { ModelIncident, ModelService, ModelTeam } from '../../scripts/model/model-schema.ts';
import { model } from './build-data.ts';

/** Site path of an incident's page. */
export const incidentPath = (incident: Pick<ModelIncident, 'slug'>) => `/incidents/${incident.slug}/`;
/** Site path of the first page of the incidents a service was in. */
export const serviceIncidentsPath = (service: Pick<ModelService, 'slug'>) => `/incidents/service/${service.slug}/`;
/** Site path of the first page of the incidents a team owns. */
export const teamIncidentsPath = (team: Pick<ModelTeam, 'slug'>) => `/incidents/team/${team.slug}/`;

// The model keeps incidents newest first; every list below keeps that order.
const byService = groupBy(
	model.incidents.flatMap((incident) => incident.services.map((name) => [name, incident] as const)),
	([name]) => name,
);
const byTeam = groupBy(model.incidents, (incident) => incident.owner);

/** The incidents a service was in, newest first. */
export const incidentsOf = (name: string): ModelIncident[] => (byService.get(name) ?? []).map(([, incident]) => incident);
/** The incidents a team owns the review of, newest first. */
export const incidentsOwnedBy = (id: string): ModelIncident[] => byTeam.get(id) ?? [];
/** The incident with this id. */
export const incidentWithId = (id: string): ModelIncident | undefined => model.incidents.find((incident) => incident.id === id);

/** What incidents taught about one service: lessons about it and about its dependencies, newest incident first. */
export function lessonsAbout(name: string): { incident: ModelIncident; text: string }[] {
	return model.incidents.flatMap((incident) => [
		...incident.learned.services.filter((l) => l.service === name).map((l) => ({ incident, text: l.what })),
		...incident.learned.dependencies
			.filter((l) => l.from === name || l.to === name)
			.map((l) => ({ incident, text: `${l.from} → ${l.to}: ${lessonWords[l.what]}${l.note ? `: ${l.note}` : ''}` })),
	]);
}

/** What each kind of lesson says, in words. */
export const lessonWords = {
	undeclared: 'a dependency nobody had declared',
	critical: 'a critical dependency: its failure took the caller down',
	gone: 'a dependency that is gone',
} as const;

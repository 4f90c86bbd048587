import type { MapGroup } from '../../scripts/render/map-groups.ts';

/** What a map group's picture shows, for its caption and for screen readers; `omitted` counts the lines it leaves out. */
export function groupCaption(group: MapGroup, omitted: number): string {
	const services = `${group.services.length} ${group.services.length === 1 ? 'service' : 'services'}`;
	const shows = group.kind === 'team' && !group.part ? `${group.name}'s ${services}` : `${group.name}: ${services}`;
	const left = omitted === 0 ? '' : `; the ${omitted} quietest ${omitted === 1 ? 'line is' : 'lines are'} not drawn (each service page lists every dependency)`;
	return `${shows}, what they use, and the teams and groups they talk to${left}`;
}

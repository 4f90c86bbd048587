import type { Logger } from '../lib/logger.ts';
import type { Model } from '../model/model-schema.ts';
import { serviceDiagram, systemDiagram, teamDiagram, teamNeighbourhoodDiagram } from './diagram-graphs.ts';
import { diagramSource } from './diagram-source.ts';
import { renderDiagrams, type RenderedDiagrams } from './render-diagrams.ts';

/**
 * Draws every diagram of a build (each service's neighbourhood, the team map, the system map)
 * in one batch. Each comes back as SVG, or as Mermaid source when it could not be rendered
 * here and the reader's browser must do it. Ids match the markers the site's pages leave.
 */
export async function drawDiagrams(
	model: Model,
	options: {
		cacheDir: string;
		maxNeighbours: number;
		browser?: string | null | undefined;
		logger: Logger;
		onProgress?: ((done: number, total: number) => void) | undefined;
	},
): Promise<RenderedDiagrams> {
	const diagrams: { id: string; source: string }[] = model.services.map((service) => ({
		id: `service-${service.slug}`,
		source: diagramSource(serviceDiagram(model, service, options.maxNeighbours)),
	}));
	diagrams.push({ id: 'map-teams', source: diagramSource(teamDiagram(model)) });
	const system = systemDiagram(model);
	if (system) diagrams.push({ id: 'map-services', source: diagramSource(system) });
	else {
		for (const team of model.teams) {
			const graph = teamNeighbourhoodDiagram(model, team);
			if (graph) diagrams.push({ id: `map-team-${team.slug}`, source: diagramSource(graph) });
		}
	}
	return renderDiagrams(diagrams, {
		cacheDir: options.cacheDir,
		...(options.browser !== undefined ? { browser: options.browser } : {}),
		logger: options.logger,
		onProgress: options.onProgress,
	});
}

import type { Logger } from '../lib/logger.ts';
import type { Model } from '../model/model-schema.ts';
import type { Note } from '../notes/load-content.ts';
import { cycleDiagram, cycleDiagramId, dataFlowDiagram, drawnFlows, flowDiagramId, groupDiagram, groupOverviewDiagram, MAX_CYCLE_PICTURES, serviceDiagram, systemDiagram } from './diagram-graphs.ts';
import { diagramSource } from './diagram-source.ts';
import type { MapGroup } from './map-groups.ts';
import { noteDiagrams } from './note-diagrams.ts';
import { renderDiagrams, type RenderedDiagrams } from './render-diagrams.ts';

/**
 * Draws every diagram of a build (each service's neighbourhood, the map's overview, each map group,
 * the observed cycles, the shared stores' data flows, and the Mermaid blocks of the published notes) in one batch. Each comes back as SVG, or as Mermaid source when it could not be rendered
 * here and the reader's browser must do it. Ids match the markers the site's pages leave.
 */
export async function drawDiagrams(
	model: Model,
	options: {
		cacheDir: string;
		maxNeighbours: number;
		/** The system map's groups, computed once per build (`mapGroups`). */
		groups: readonly MapGroup[];
		/** The notes whose Mermaid blocks are drawn too. */
		notes?: readonly Note[] | undefined;
		browser?: string | null | undefined;
		logger: Logger;
		onProgress?: ((done: number, total: number) => void) | undefined;
	},
): Promise<RenderedDiagrams> {
	const diagrams: { id: string; source: string }[] = model.services.map((service) => ({
		id: `service-${service.slug}`,
		source: diagramSource(serviceDiagram(model, service, options.maxNeighbours)),
	}));
	const { groups } = options;
	const overview = groupOverviewDiagram(model, groups);
	if (overview) diagrams.push({ id: 'map-overview', source: diagramSource(overview) });
	const system = systemDiagram(model);
	if (system) diagrams.push({ id: 'map-services', source: diagramSource(system) });
	// Every group has its own page, whether or not the map itself shows its picture.
	for (const group of groups) diagrams.push({ id: group.diagramId, source: diagramSource(groupDiagram(model, groups, group)) });
	for (const [index, cycle] of model.cycles.slice(0, MAX_CYCLE_PICTURES).entries()) {
		const graph = cycleDiagram(model, cycle);
		if (graph) diagrams.push({ id: cycleDiagramId(index), source: diagramSource(graph) });
	}
	const byName = new Map(model.services.map((s) => [s.name, s]));
	for (const coupling of drawnFlows(model)) diagrams.push({ id: flowDiagramId(byName.get(coupling.resource)!), source: diagramSource(dataFlowDiagram(model, coupling)) });
	diagrams.push(...noteDiagrams(model, options.notes ?? []));
	return renderDiagrams(diagrams, {
		cacheDir: options.cacheDir,
		...(options.browser !== undefined ? { browser: options.browser } : {}),
		logger: options.logger,
		onProgress: options.onProgress,
	});
}

import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeIfChanged } from '../lib/write-file-atomic.ts';
import type { Logger } from '../lib/logger.ts';
import type { Model } from '../model/model-schema.ts';
import { serviceDiagram, systemDiagram, teamDiagram } from './diagram-graphs.ts';
import { diagramSource } from './diagram-source.ts';
import { renderDiagrams } from './render-diagrams.ts';

/** What the diagram stage did. */
export interface DiagramStats {
	/** Diagrams in this build. */
	total: number;
	/** Diagrams left for the reader's browser to render. */
	fallback: number;
}

/**
 * Draws every diagram of a build (each service's neighbourhood, the team map, the system
 * map) in one batch, and writes each as `<id>.svg`, or as `<id>.mmd` Mermaid source when
 * it could not be rendered here and the reader's browser must do it.
 */
export async function writeDiagrams(
	model: Model,
	options: { diagramsDir: string; cacheDir: string; maxNeighbours: number; browser?: string | null | undefined; logger: Logger },
): Promise<DiagramStats> {
	const diagrams: { id: string; source: string }[] = model.services.map((service) => ({
		id: `service-${service.slug}`,
		source: diagramSource(serviceDiagram(model, service, options.maxNeighbours)),
	}));
	diagrams.push({ id: 'map-teams', source: diagramSource(teamDiagram(model)) });
	const system = systemDiagram(model);
	if (system) diagrams.push({ id: 'map-services', source: diagramSource(system) });

	const rendered = await renderDiagrams(diagrams, {
		cacheDir: options.cacheDir,
		...(options.browser !== undefined ? { browser: options.browser } : {}),
		logger: options.logger,
	});
	await mkdir(options.diagramsDir, { recursive: true });
	const wanted = new Set<string>();
	let fallback = 0;
	for (const { id } of diagrams) {
		const result = rendered.get(id);
		if (!result) continue;
		const file = 'svg' in result ? `${id}.svg` : `${id}.mmd`;
		if (!('svg' in result)) fallback++;
		wanted.add(file);
		await writeIfChanged(path.join(options.diagramsDir, file), 'svg' in result ? result.svg : result.fallback);
	}
	for (const file of await readdir(options.diagramsDir)) {
		if (!wanted.has(file)) await rm(path.join(options.diagramsDir, file), { force: true });
	}
	return { total: diagrams.length, fallback };
}

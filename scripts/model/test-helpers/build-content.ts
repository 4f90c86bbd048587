import path from 'node:path';
import { mergeInputs, runBuild } from '../../build.ts';
import { loadConfig } from '../../cli/load-config.ts';
import type { HalflifeOptions } from '../../config/options-schema.ts';
import { HalflifeError, ProblemsError } from '../../errors/halflife-error.ts';
import { buildIdOf } from '../../lib/build-clock.ts';
import { memoryLogger } from '../../lib/logger.ts';
import { drawDiagrams } from '../../render/draw-diagrams.ts';
import { mapGroups } from '../../render/map-groups.ts';
import { writePages } from '../../render/write-pages.ts';
import { diffModels } from '../diff-models.ts';
import type { Model } from '../model-schema.ts';

const root = path.resolve(import.meta.dirname, '../../..');

/** How a build of one content folder ended, as the CLI would exit, with what it made. */
export interface BuildOutcome {
	/** The CLI's exit code: 0 published, 1 bad input, 2 an internal error, 3 published on stale telemetry. */
	exit: 0 | 1 | 2 | 3;
	/** The merged model, when the build got that far. */
	model: Model | null;
	/** The Mermaid source of every diagram the build drew (none render here: no browser), by id. */
	diagrams: Map<string, string>;
	/** What was thrown, when something was. */
	error: unknown;
}

/**
 * Builds a content folder at `now`, working in `workDir`. `full` runs the whole `runBuild` (Astro
 * included, no browser). `stages` runs the same library stages `runBuild` runs before Astro,
 * in its order (`mergeInputs`, then diff against nothing, write pages and draw every diagram); it takes a fraction of the time, which is what lets a property test build many folders.
 */
export async function buildContent(
	contentDir: string,
	workDir: string,
	now: Date,
	mode: 'stages' | 'full',
	vary: { publishBroken: boolean; format: 'mdx' | 'markdown' },
): Promise<BuildOutcome> {
	const base = await loadConfig(root);
	const options: HalflifeOptions = {
		...base,
		content: contentDir,
		site: path.join(workDir, 'site'),
		cacheDir: path.join(workDir, 'cache'),
		notes: { ...base.notes, publishBroken: vary.publishBroken, format: vary.format },
	};
	let model: Model | null = null;
	try {
		if (mode === 'full') {
			const result = await runBuild({ root, options, now, logger: memoryLogger(), browser: null });
			model = result.model;
			return { exit: result.degraded ? 3 : 0, model, diagrams: await diagramSources(model, options), error: null };
		}
		model = await modelStages(contentDir, options, now);
		return { exit: 0, model, diagrams: await diagramSources(model, options), error: null };
	} catch (error) {
		// As the CLI decides: a HalflifeError (a list of problems included) is the input's fault.
		return { exit: error instanceof HalflifeError || error instanceof ProblemsError ? 1 : 2, model, diagrams: new Map(), error };
	}
}

async function modelStages(contentDir: string, options: HalflifeOptions, now: Date): Promise<Model> {
	const { content, model } = await mergeInputs({ contentDir, cacheDir: options.cacheDir, options, now, id: buildIdOf(now), logger: memoryLogger() });
	diffModels(null, model);
	await writePages(model, content.notes, path.join(options.cacheDir, 'pages'), { format: options.notes.format });
	return model;
}

// Every diagram of the build, as the build draws them; with no browser each comes back as its source.
async function diagramSources(model: Model, options: HalflifeOptions): Promise<Map<string, string>> {
	const drawn = await drawDiagrams(model, { cacheDir: path.join(options.cacheDir, 'mermaid'), maxNeighbours: options.maxDiagramNeighbours, groups: mapGroups(model), browser: null, logger: memoryLogger() });
	return new Map([...drawn].map(([id, result]) => [id, 'fallback' in result ? result.fallback : result.svg]));
}

import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { runBuild, type BuildResult } from '../build.ts';
import type { HalflifeOptions } from '../config/options-schema.ts';
import { HalflifeError } from '../errors/halflife-error.ts';
import type { Logger } from '../lib/logger.ts';
import { DEMO_BUILDS } from './demo-org.ts';

/**
 * Builds the embedded demo from scratch as six weekly builds, so a fresh site already
 * shows understanding changing across builds. The site folder is emptied first.
 */
export async function buildDemo(input: {
	root: string;
	options: HalflifeOptions;
	logger: Logger;
	browser?: string | null | undefined;
}): Promise<BuildResult[]> {
	const siteDir = path.resolve(input.root, input.options.site);
	const entries: string[] = await readdir(siteDir).catch(() => []);
	// Only ever delete a folder that is visibly a Halflife site: --site could point anywhere.
	if (entries.length > 0 && !entries.includes('versions.json')) {
		throw new HalflifeError('DemoSiteNotEmpty', { params: { site: siteDir } });
	}
	await rm(siteDir, { recursive: true, force: true });
	const results: BuildResult[] = [];
	for (const now of DEMO_BUILDS) {
		input.logger.info(`demo: building as of ${now}`);
		results.push(await runBuild({ ...input, now: new Date(now) }));
	}
	return results;
}

import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runBuild, type BuildResult } from '../build.ts';
import type { HalflifeOptions } from '../config/options-schema.ts';
import type { PinnedFlow } from '../config/start-options.ts';
import { HalflifeError } from '../errors/halflife-error.ts';
import type { Logger } from '../lib/logger.ts';
import { DEMO_BUILDS } from './demo-org.ts';
import { applyTimeline, DEMO_TIMELINE } from './demo-timeline.ts';
import { DAY_MS } from '../lib/days.ts';

/** What Basketful's teams pin to Start here: checkout carries few calls, so telemetry alone would not put it first. */
export const DEMO_FLOWS: PinnedFlow[] = [
	{ title: 'Checkout', path: ['api-gateway', 'checkout', 'payments'], why: 'the flow that earns the money, a basket becoming a paid order' },
];

/**
 * Builds the embedded demo from scratch as six weekly builds, so a fresh site already
 * shows understanding changing across builds. The site folder is emptied first. Each build
 * reads a copy of the content folder with the teams' edits up to that week applied
 * (`demo-timeline.ts`); notes are still dated by the content folder's own git history.
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
	const contentDir = path.resolve(input.root, input.options.content);
	const workDir = path.resolve(input.root, input.options.cacheDir, 'demo-content');
	const results: BuildResult[] = [];
	for (const [index, now] of DEMO_BUILDS.entries()) {
		input.logger.info(`demo: building as of ${now}`);
		await prepareDemoContent(contentDir, workDir, index, input.options.windowDays);
		// A project's own pinned flows win; the demo's are for its own content only.
		const start = input.options.start.flows.length > 0 ? input.options.start : { ...input.options.start, flows: DEMO_FLOWS };
		const options = { ...input.options, content: workDir, start };
		results.push(await runBuild({ ...input, options, now: new Date(now), gitDir: contentDir }));
	}
	await rm(workDir, { recursive: true, force: true });
	return results;
}

/**
 * Copies the content folder into `workDir` as the demo's build `index` (into DEMO_BUILDS) reads it:
 * that week's telemetry file alone, and the teams' edits up to that build applied.
 */
export async function prepareDemoContent(contentDir: string, workDir: string, index: number, windowDays: number): Promise<void> {
	const now = DEMO_BUILDS[index];
	if (now === undefined) throw new Error(`demo: no build ${index}`);
	await rm(workDir, { recursive: true, force: true });
	await cp(contentDir, workDir, { recursive: true });
	// Each week's build reads the week its collector exported, as a daily job reads today's export;
	// the other weeks' files would only be reported as outside the window.
	const exported = `${new Date(Date.parse(now) - windowDays * DAY_MS).toISOString().slice(0, 10)}.otlp.jsonl`;
	for (const file of await readdir(path.join(workDir, 'telemetry'))) {
		if (file !== exported) await rm(path.join(workDir, 'telemetry', file));
	}
	for (const file of new Set(DEMO_TIMELINE.map((edit) => edit.file))) {
		const target = path.join(workDir, file);
		await writeFile(target, applyTimeline(file, await readFile(target, 'utf8'), index));
	}
}

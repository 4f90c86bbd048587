import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HalflifeError } from '../errors/halflife-error.ts';
import type { Logger } from '../lib/logger.ts';
import { indexForSearch } from './index-for-search.ts';
import type { DiagramResult } from '../render/render-diagrams.ts';
import { inlineDiagrams } from './inline-diagrams.ts';

/** Folder under the site that holds every frozen version. */
export const VERSIONS_DIR = 'v';

/**
 * The base Astro builds every version with. Publishing rewrites it to `/v/<id>/` in the frozen
 * copy and to `/` in the latest. One base for every build keeps Astro's config, and so its
 * content cache, the same from build to build.
 */
export const BUILD_BASE = `/${VERSIONS_DIR}/halflife-build-base/`;

/** What to publish: Astro's output for one build, built with base BUILD_BASE, and its diagrams. */
export interface PublishInput {
	/** The published site folder holding every version. */
	siteDir: string;
	/** Astro's output for this build. */
	outDir: string;
	/** Build id. */
	id: string;
	/** The build's diagrams by id, for the markers the pages left. */
	diagrams: ReadonlyMap<string, DiagramResult>;
	/** Mermaid's browser bundle, copied into the version when some diagram must render in the browser. */
	clientScript: string;
	logger: Logger;
}

// Data files (.json) are not rewritten: `versions.json` names every version's own path on purpose.
const TEXT_FILE = /\.(html|css|js|mjs|xml|txt|svg|webmanifest)$/;
const FROZEN_BANNER = /<!--halflife:frozen-->[\s\S]*?<!--\/halflife:frozen-->/g;
// Files copied at once; enough to keep the disk busy, few enough to bound open files and memory.
const PARALLEL_FILES = 16;

/**
 * Adds one build to the site: frozen under `/v/<id>/`, and as the latest at the stable URLs.
 * Earlier versions are never read or rewritten, so the cost grows with this build's pages only.
 * One pass over Astro's output writes both copies with the diagrams inlined and the build base
 * rewritten: to `/v/<id>/` in the frozen copy, to the root in the latest, which also loses the
 * "you are reading an old build" banner. Each copy is assembled beside the live site and moved into place by rename, so a
 * reader (or a build killed half-way) never sees a half-written version.
 */
export async function publishVersion({ siteDir, outDir, id, diagrams, clientScript, logger }: PublishInput): Promise<void> {
	const versionsDir = path.join(siteDir, VERSIONS_DIR);
	const frozenDir = path.join(versionsDir, id);
	if (await exists(frozenDir)) {
		throw new HalflifeError('VersionExists', { params: { id, site: siteDir } });
	}
	const partial = path.join(versionsDir, `.${id}.partial`);
	const staging = path.join(siteDir, `.staging-${id}`);
	await Promise.all([rm(partial, { recursive: true, force: true }), rm(staging, { recursive: true, force: true })]);
	await Promise.all([mkdir(partial, { recursive: true }), mkdir(staging, { recursive: true })]);

	// Search indexes the pages as Astro wrote them: same URLs, and no diagram text to match on.
	const search = indexForSearch(outDir, path.join(staging, 'pagefind'));
	const versionBase = `/${VERSIONS_DIR}/${id}/`;
	const files = (await readdir(outDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
	for (let i = 0; i < files.length; i += PARALLEL_FILES) {
		await Promise.all(
			files.slice(i, i + PARALLEL_FILES).map(async (entry) => {
				const relative = path.relative(outDir, path.join(entry.parentPath, entry.name));
				const frozen = path.join(partial, relative);
				const stable = path.join(staging, relative);
				await Promise.all([mkdir(path.dirname(frozen), { recursive: true }), mkdir(path.dirname(stable), { recursive: true })]);
				const source = path.join(outDir, relative);
				if (!TEXT_FILE.test(entry.name)) {
					await Promise.all([copyFile(source, frozen), copyFile(source, stable)]);
					return;
				}
				let text = await readFile(source, 'utf8');
				if (entry.name.endsWith('.html')) text = inlineDiagrams(text, diagrams, `${BUILD_BASE}_halflife/mermaid.min.js`);
				let latest = text.replaceAll(BUILD_BASE, '/');
				if (entry.name.endsWith('.html')) latest = latest.replace(FROZEN_BANNER, '');
				await Promise.all([writeFile(frozen, text.replaceAll(BUILD_BASE, versionBase)), writeFile(stable, latest)]);
			}),
		);
	}
	if ([...diagrams.values()].some((diagram) => 'fallback' in diagram)) {
		for (const dir of [partial, staging]) {
			await mkdir(path.join(dir, '_halflife'), { recursive: true });
			await copyFile(clientScript, path.join(dir, '_halflife', 'mermaid.min.js'));
		}
	}
	logger.info(`publish: search index of ${await search} pages`);
	await rename(partial, frozenDir);

	const retired = path.join(siteDir, `.retired-${id}`);
	await rm(retired, { recursive: true, force: true });
	await mkdir(retired);
	const incoming = (await readdir(staging)).sort(lastIndex);
	const live = await readdir(siteDir);
	for (const name of live) {
		if (name === VERSIONS_DIR || name.startsWith('.') || incoming.includes(name)) continue;
		await rename(path.join(siteDir, name), path.join(retired, name));
	}
	// versions.json goes last: a site whose index names this build has all of it in place.
	for (const name of incoming) {
		if (live.includes(name)) await rename(path.join(siteDir, name), path.join(retired, name));
		await rename(path.join(staging, name), path.join(siteDir, name));
	}
	await rm(retired, { recursive: true, force: true });
	await rm(staging, { recursive: true, force: true });
}

function lastIndex(a: string, b: string): number {
	return Number(a === 'versions.json') - Number(b === 'versions.json') || (a < b ? -1 : a > b ? 1 : 0);
}

async function exists(file: string): Promise<boolean> {
	try {
		await stat(file);
		return true;
	} catch {
		return false;
	}
}

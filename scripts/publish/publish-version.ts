import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HalflifeError } from '../errors/halflife-error.ts';
import type { Logger } from '../lib/logger.ts';
import { indexForSearch } from './index-for-search.ts';

/** Folder under the site that holds every frozen version. */
export const VERSIONS_DIR = 'v';

/** What to publish: Astro's output for one build, built with base `/v/<id>/`. */
export interface PublishInput {
	/** The published site folder holding every version. */
	siteDir: string;
	/** Astro's output for this build. */
	outDir: string;
	/** Build id. */
	id: string;
	logger: Logger;
}

// Data files (.json) are not rewritten: `versions.json` names every version's own path on purpose.
const TEXT_FILE = /\.(html|css|js|mjs|xml|txt|svg|webmanifest)$/;
const FROZEN_BANNER = /<!--halflife:frozen-->[\s\S]*?<!--\/halflife:frozen-->/g;

/**
 * Adds one build to the site: frozen under `/v/<id>/`, and as the latest at the stable URLs.
 * Earlier versions are never read or rewritten, so the cost grows with this build's pages only.
 * Each half is assembled beside the live site and moved into place by rename, so a reader
 * (or a build killed half-way) never sees a half-written version.
 */
export async function publishVersion({ siteDir, outDir, id, logger }: PublishInput): Promise<void> {
	const versionsDir = path.join(siteDir, VERSIONS_DIR);
	const frozenDir = path.join(versionsDir, id);
	if (await exists(frozenDir)) {
		throw new HalflifeError('VersionExists', { params: { id, site: siteDir } });
	}
	await mkdir(versionsDir, { recursive: true });

	// The frozen copy is Astro's output as it is: it was built for /v/<id>/.
	const partial = path.join(versionsDir, `.${id}.partial`);
	await rm(partial, { recursive: true, force: true });
	await cp(outDir, partial, { recursive: true });
	await rename(partial, frozenDir);

	// The latest copy serves the same pages at the stable URLs: the version prefix is
	// rewritten to the root and the "you are reading an old build" banner removed.
	const staging = path.join(siteDir, `.staging-${id}`);
	await rm(staging, { recursive: true, force: true });
	await copyRewritten(outDir, staging, `/${VERSIONS_DIR}/${id}/`, '/');
	const pages = await indexForSearch(staging);
	logger.info(`publish: search index of ${pages} pages`);

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

async function copyRewritten(from: string, to: string, prefix: string, replacement: string): Promise<void> {
	await mkdir(to, { recursive: true });
	for (const entry of await readdir(from, { withFileTypes: true })) {
		const source = path.join(from, entry.name);
		const target = path.join(to, entry.name);
		if (entry.isDirectory()) {
			await copyRewritten(source, target, prefix, replacement);
		} else if (TEXT_FILE.test(entry.name)) {
			let text = (await readFile(source, 'utf8')).replaceAll(prefix, replacement);
			if (entry.name.endsWith('.html')) text = text.replace(FROZEN_BANNER, '');
			await writeFile(target, text);
		} else {
			await cp(source, target);
		}
	}
}

async function exists(file: string): Promise<boolean> {
	try {
		await stat(file);
		return true;
	} catch {
		return false;
	}
}

import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { VERSIONS_DIR } from './site-layout.ts';
import { BUILD_ID, MODEL_FILE, MODEL_GZ_FILE, type VersionsIndex } from './versions-index.ts';

/** The files a pruned version keeps: its model (plain, gzipped or both), which the charts and `halflife diff` read. */
const KEPT: readonly string[] = [MODEL_FILE, MODEL_GZ_FILE];

/**
 * Ids of the frozen versions retention removes the pages of: all but the newest `keepVersions`,
 * never the latest, and not those already pruned; oldest first. Null keeps every version.
 */
export function versionsToPrune(index: VersionsIndex, keepVersions: number | null): string[] {
	if (keepVersions === null) return [];
	const older = index.versions.slice(0, Math.max(0, index.versions.length - Math.max(0, keepVersions)));
	return older.filter((version) => version.id !== index.latest && !version.pruned).map((version) => version.id);
}

/**
 * Removes the pages of each version in `ids`, keeping `v/<id>/halflife-model.json`; returns how
 * many versions had pages to remove. The model is never moved, so it stays readable throughout.
 * The pages are first renamed into `v/.<id>.pruned`, one rename per top-level entry, so they leave
 * the site in an instant rather than file by file, then that folder is removed. Killed at any
 * point, what is left is pages still in place or in the trash folder: running it again (or the
 * next publish, which clears `v/.*.pruned`) finishes the job, and a version already pruned costs
 * two directory reads, so passing every pruned id on each build is cheap.
 */
export async function pruneVersions(siteDir: string, ids: readonly string[]): Promise<number> {
	// Ids come from versions.json; one that is not a plain name must never become a path to remove.
	const bad = ids.find((id) => !BUILD_ID.test(id));
	if (bad !== undefined) throw new Error(`not a build id: ${bad}`);
	let pruned = 0;
	for (const id of ids) {
		const version = path.join(siteDir, VERSIONS_DIR, id);
		const trash = path.join(siteDir, VERSIONS_DIR, `.${id}.pruned`);
		const pages = ((await list(version)) ?? []).filter((name) => !KEPT.includes(name));
		// A trash folder left by a killed run means the version was being pruned, and still counts.
		if (pages.length === 0 && (await list(trash)) === null) continue;
		await mkdir(trash, { recursive: true });
		for (const name of pages) {
			// A name a killed run already moved can be there again only if something rewrote the version; the version wins.
			await rm(path.join(trash, name), { recursive: true, force: true });
			await rename(path.join(version, name), path.join(trash, name));
		}
		await rm(trash, { recursive: true, force: true });
		pruned++;
	}
	return pruned;
}

async function list(dir: string): Promise<string[] | null> {
	try {
		return await readdir(dir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
}

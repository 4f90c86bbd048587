import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { writeFileAtomic } from '../lib/write-file-atomic.ts';
import { VERSIONS_DIR } from './site-layout.ts';
import { BUILD_ID, KEPT_MODEL_FILE, MODEL_FILE, type VersionsIndex } from './versions-index.ts';

const gzipAsync = promisify(gzip);

/** How many frozen versions keep their pages: at most `keepVersions` of them, in at most `frozenBytes`; null sets no such limit. */
export interface PagesRetention {
	keepVersions: number | null;
	frozenBytes: number | null;
}

/**
 * Ids of the frozen versions retention removes the pages of, oldest first: the newest versions keep
 * theirs while they number at most `keepVersions` and weigh at most `frozenBytes` together; the
 * rest lose them. A version not yet weighed (the one being built) is taken to weigh what the
 * newest weighed version does. The latest always keeps its pages; those already pruned are skipped.
 */
export function versionsToPrune(index: VersionsIndex, { keepVersions, frozenBytes }: PagesRetention): string[] {
	const newestWeight = index.versions.findLast((version) => version.bytes !== null)?.bytes ?? 0;
	const prune: string[] = [];
	let kept = 0;
	let bytes = 0;
	for (const version of index.versions.toReversed()) {
		if (version.pruned) continue;
		kept++;
		bytes += version.bytes ?? newestWeight;
		const fits = (keepVersions === null || kept <= keepVersions) && (frozenBytes === null || bytes <= frozenBytes);
		if (!fits && version.id !== index.latest) prune.push(version.id);
	}
	return prune.reverse();
}

/**
 * Removes the pages of each version in `ids`, keeping `v/<id>/halflife-model.json.gz` (made from
 * the plain model first for a version published before it existed); returns how many versions
 * had pages to remove. The model is never moved, so it stays readable throughout.
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
		const names = (await list(version)) ?? [];
		if (!names.includes(KEPT_MODEL_FILE) && names.includes(MODEL_FILE)) {
			await writeFileAtomic(path.join(version, KEPT_MODEL_FILE), await gzipAsync(await readFile(path.join(version, MODEL_FILE))));
		}
		const pages = names.filter((name) => name !== KEPT_MODEL_FILE);
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

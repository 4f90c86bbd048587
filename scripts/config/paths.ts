import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HalflifeOptions } from './options-schema.ts';

/**
 * Absolute working folder of the builds that publish into the options' site: the pages and data
 * the Astro site reads, Astro's output and its cache. One per site, so builds of two sites (two
 * content folders) from one checkout never write into each other's; builds of one site take
 * turns under the site's lock.
 */
export function workDirOf(root: URL | string, options: Pick<HalflifeOptions, 'cacheDir' | 'site'>): string {
	const cacheDir = path.resolve(toPath(root), options.cacheDir);
	return path.join(cacheDir, 'sites', folderKey(cacheDir, path.resolve(toPath(root), options.site)));
}

/** Absolute folder where a build writes the pages and data the Astro site reads. */
export function buildDirOf(root: URL | string, options: Pick<HalflifeOptions, 'cacheDir' | 'site'>): string {
	return path.join(workDirOf(root, options), 'build');
}

/** Absolute folder of a content folder's telemetry snapshots: one per content folder, as each describes its own system. */
export function snapshotsDirOf(cacheDir: string, contentDir: string): string {
	return path.join(cacheDir, 'snapshots', folderKey(cacheDir, contentDir));
}

/** Turns a file URL or path into a path. */
export function toPath(location: URL | string): string {
	return typeof location === 'string' ? location : fileURLToPath(location);
}

// A folder's name in the cache: its own name to read, and a hash of its path from the cache to
// tell apart folders of one name. Relative, so a cache restored into a checkout elsewhere (CI) still fits.
function folderKey(cacheDir: string, dir: string): string {
	const relative = path.relative(cacheDir, dir).split(path.sep).join('/');
	const name = path.basename(dir).replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 40) || 'root';
	return `${name}-${createHash('sha256').update(relative).digest('hex').slice(0, 8)}`;
}

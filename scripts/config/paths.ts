import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HalflifeOptions } from './options-schema.ts';

/** Absolute folder where a build writes the pages and data the Astro site reads. */
export function buildDirOf(root: URL | string, options: Pick<HalflifeOptions, 'cacheDir'>): string {
	return path.resolve(toPath(root), options.cacheDir, 'build');
}

/** Turns a file URL or path into a path. */
export function toPath(location: URL | string): string {
	return typeof location === 'string' ? location : fileURLToPath(location);
}

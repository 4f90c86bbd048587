import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeFileAtomic } from '../lib/write-file-atomic.ts';
import { mermaidConfig } from './mermaid-config.ts';

// Bump when the post-processing of rendered SVGs changes, to drop stale cache entries.
const CACHE_FORMAT = 2;

const require = createRequire(import.meta.url);
const renderer = {
	mermaid: packageVersion(require.resolve('mermaid/package.json')),
	// Its package.json is not exported; it sits one folder above the entry point.
	mermaidIsomorphic: packageVersion(path.join(path.dirname(require.resolve('mermaid-isomorphic')), '..', 'package.json')),
};

/** The cache key of a diagram: a hash of its source and of everything else that shapes its SVG. */
export function diagramCacheKey(source: string): string {
	return createHash('sha256')
		.update(JSON.stringify({ format: CACHE_FORMAT, renderer, config: mermaidConfig, source }))
		.digest('hex');
}

/**
 * The placeholder that stands for the SVG's DOM id in a cached file; the page's real id is
 * substituted on read. Derived from the key, so a label cannot contain it.
 */
export function cachedIdToken(key: string): string {
	return `mermaid-${key.slice(0, 32)}`;
}

/** Reads a cached SVG (with the id placeholder), or null when there is none or it is not one. */
export async function readCachedSvg(cacheDir: string, key: string): Promise<string | null> {
	let svg: string;
	try {
		svg = await readFile(cacheFile(cacheDir, key), 'utf8');
	} catch {
		// Missing or unreadable: either way the diagram is rendered again.
		return null;
	}
	// A truncated or foreign file is a miss, not an error: rendering again repairs it.
	return svg.startsWith('<svg ') && svg.endsWith('</svg>') && svg.includes(` id="${cachedIdToken(key)}"`) ? svg : null;
}

/** Stores a rendered SVG (with the id placeholder) under its key, atomically. */
export async function writeCachedSvg(cacheDir: string, key: string, svg: string): Promise<void> {
	await writeFileAtomic(cacheFile(cacheDir, key), svg);
}

function cacheFile(cacheDir: string, key: string): string {
	return path.join(cacheDir, `${key}.svg`);
}

function packageVersion(file: string): string {
	return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

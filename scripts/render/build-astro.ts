import { createHash } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { AstroInlineConfig } from 'astro';
import type { HalflifeOptions } from '../config/options-schema.ts';
import { HalflifeError } from '../errors/halflife-error.ts';
import type { Logger } from '../lib/logger.ts';

/** Where one Astro build reads and writes. */
export interface AstroBuildInput {
	/** Project root, where astro.config.mjs is. */
	root: string;
	/** Folder Astro writes the site into; emptied first. */
	outDir: string;
	/** The build base every page's links start with. */
	base: string;
	/** Generated pages and data the site reads. */
	buildDir: string;
	/** Astro's own cache, kept inside Halflife's so another --cache-dir never reads a stale one. */
	astroCacheDir: string;
	/** The options this build runs with, which may differ from astro.config.mjs when flags or callers override them. */
	options: HalflifeOptions;
	/** Where Astro's own warnings and errors go, a line each. */
	logger: Logger;
}

/**
 * Builds the Astro site in a fresh worker thread, so every build in a process (the demo runs
 * six) starts from clean modules. Any failure becomes AstroBuildFailed; the published site is
 * not touched here.
 */
export async function buildAstro(input: AstroBuildInput): Promise<void> {
	await rm(input.outDir, { recursive: true, force: true });
	// Astro writes its prerender chunks, which import Astro's packages by name, under the current
	// folder (see the worker): this build's own folder in the project, where those packages resolve,
	// so builds of other sites at the same time never load or delete them.
	const cwd = astroWorkFolder(input.root, input.outDir);
	const config: AstroInlineConfig = {
		root: input.root,
		outDir: input.outDir,
		cacheDir: input.astroCacheDir,
		base: input.base,
		logLevel: 'warn',
		// Astro's MDX output carries a directive the bundler warns about on every MDX page; it is harmless noise.
		vite: { logLevel: 'error' },
	};
	const result = await new Promise<{ ok: boolean; message?: string }>((resolve) => {
		// Beside this module, with its extension: `.ts` in the repository, `.js` in the package's compiled copy.
		const worker = new Worker(new URL(`./build-astro-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url), {
			workerData: { config, cwd, env: { HALFLIFE_BUILD_DIR: input.buildDir, HALFLIFE_OPTIONS: optionsJson(input.options) } },
			stdout: true,
			stderr: true,
		});
		// Astro prints its warnings on stdout: through the logger they stay off stdout (`--json`)
		// and print above a live status line instead of running into it.
		for (const output of [worker.stdout, worker.stderr]) {
			createInterface({ input: output, crlfDelay: Infinity }).on('line', (line) => {
				if (line.trim()) input.logger.warn(`astro: ${line}`);
			});
		}
		let settled = false;
		worker.once('message', (message: { ok: boolean; message?: string }) => {
			settled = true;
			resolve(message);
		});
		worker.once('error', (error) => {
			settled = true;
			resolve({ ok: false, message: error.message });
		});
		worker.once('exit', (code) => {
			if (!settled) resolve({ ok: false, message: `The Astro build stopped with exit code ${code}.` });
		});
	});
	await rm(cwd, { recursive: true, force: true });
	if (!result.ok) {
		throw new HalflifeError('AstroBuildFailed', { params: { detail: result.message ?? 'unknown error', buildDir: input.buildDir } });
	}
	const built = await readdir(input.outDir).catch(() => []);
	if (built.length === 0) {
		throw new HalflifeError('AstroBuildFailed', { params: { detail: `Astro wrote nothing to ${input.outDir}.`, buildDir: input.buildDir } });
	}
}

/**
 * The folder in the Astro project a build of `outDir` runs from. Named after the whole path, not
 * only the site's folder name: projects whose sites share a name (each `<project>/site`) may build
 * at once from one installed Halflife.
 */
export function astroWorkFolder(root: string, outDir: string): string {
	const name = path.basename(path.dirname(outDir));
	return path.join(root, '.astro', 'halflife', `${name}-${createHash('sha256').update(path.resolve(outDir)).digest('hex').slice(0, 8)}`);
}

// Notes' plugins are functions, which JSON cannot carry: the worker's integration takes them from
// astro.config.mjs, so they are left out here rather than sent as nulls.
function optionsJson(options: HalflifeOptions): string {
	return JSON.stringify({ ...options, notes: { ...options.notes, remarkPlugins: [], rehypePlugins: [] } });
}

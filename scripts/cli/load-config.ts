import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseOptions } from '../config/parse-options.ts';
import type { HalflifeOptions } from '../config/options-schema.ts';
import { HalflifeError } from '../errors/halflife-error.ts';

const CONFIG_FILES = ['astro.config.mjs', 'astro.config.ts', 'astro.config.js'];

/**
 * Reads Halflife's options from the project's Astro config, where they live as the options
 * of the `halflife()` integration, so the site and the command never disagree.
 */
export async function loadConfig(root: string): Promise<HalflifeOptions> {
	const file = CONFIG_FILES.map((name) => path.join(root, name)).find((candidate) => existsSync(candidate));
	if (!file) throw new HalflifeError('ConfigNotFound', { params: { root } });
	const url = pathToFileURL(file).href;
	const config = ((await import(url).catch((error: unknown) => failedToLoad(error, file, url))) as { default?: { integrations?: unknown[] } }).default ?? {};
	const integration = (config.integrations ?? [])
		.flat(Infinity)
		.find((i): i is { name: string; options: HalflifeOptions } => (i as { name?: string } | null)?.name === 'halflife');
	// Without the integration the site cannot find its data; defaults still let `check` run.
	return integration?.options ?? parseOptions({});
}

// A config that throws, or imports what is not there, is the project's to fix: say where, not "internal error".
function failedToLoad(error: unknown, file: string, url: string): never {
	if (error instanceof HalflifeError) throw error;
	const message = error instanceof Error ? error.message : String(error);
	const stack = error instanceof Error ? (error.stack ?? '') : '';
	const at = new RegExp(`${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)(?::(\\d+))?`).exec(stack);
	throw new HalflifeError('ConfigLoadFailed', {
		location: { file, ...(at ? { line: Number(at[1]), ...(at[2] ? { column: Number(at[2]) } : {}) } : {}) },
		params: { detail: message.split('\n')[0] ?? message },
	});
}

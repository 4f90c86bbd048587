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
	const config = ((await import(pathToFileURL(file).href)) as { default?: { integrations?: unknown[] } }).default ?? {};
	const integration = (config.integrations ?? [])
		.flat(Infinity)
		.find((i): i is { name: string; options: HalflifeOptions } => (i as { name?: string } | null)?.name === 'halflife');
	// Without the integration the site cannot find its data; defaults still let `check` run.
	return integration?.options ?? parseOptions({});
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import type { AstroIntegration } from 'astro';
import { parseOptions } from '../config/parse-options.ts';
import type { HalflifeOptions, HalflifeUserOptions } from '../config/options-schema.ts';
import { buildDirOf, toPath } from '../config/paths.ts';
import { notesFingerprint, notesProcessor } from './notes-processor.ts';
import { renderCache, type RenderCache } from './render-cache.ts';
import { resolveSiteOverrides } from './site-overrides.ts';
import { siteRoutes } from './site-routes.ts';
import { vitePluginHalflife } from './vite-plugin-halflife.ts';

// Halflife's and Astro's versions: an upgrade of either may render the same note differently.
// Through require.resolve: Vite's module runner, which loads astro.config.mjs in tests, has no import.meta.resolve.
const VERSIONS = [fileURLToPath(new URL('../../package.json', import.meta.url)), createRequire(import.meta.url).resolve('astro/package.json')].map(
	(file) => (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version,
);

/** The Halflife integration as Astro sees it, with its parsed options for the `halflife` command to read. */
export type HalflifeIntegration = AstroIntegration & { options: HalflifeOptions };

/**
 * Astro integration: validates Halflife's options, brings the site's pages (a project holds none
 * of its own, though it may add some), and exposes the generated build data to them.
 */
export default function halflife(userOptions: HalflifeUserOptions = {}): HalflifeIntegration {
	const options = parseOptions(userOptions);
	let cache: RenderCache | undefined;
	return {
		name: 'halflife',
		options,
		hooks: {
			'astro:config:setup': ({ config, updateConfig, injectRoute }) => {
				// `halflife build` passes the options it runs with (flags and overrides included) and where it
				// generated this build's data; a plain `astro build` uses the options above and the default place.
				const passed = process.env['HALFLIFE_OPTIONS'];
				const effective: HalflifeOptions = passed ? (JSON.parse(passed) as HalflifeOptions) : options;
				const buildDir = process.env['HALFLIFE_BUILD_DIR'] ?? buildDirOf(config.root, effective);
				for (const route of siteRoutes()) injectRoute(route);
				// Notes render through remark and rehype, with the teams' plugins: those are code, so they come
				// from this instance, the one astro.config.mjs made, never from the options passed as JSON.
				const { remarkPlugins, rehypePlugins } = options.notes;
				const notes = { format: effective.notes.format, remarkPlugins, rehypePlugins };
				// Kept in Astro's cache folder, which `halflife build` gives each site its own of.
				const fingerprint = JSON.stringify([VERSIONS, notesFingerprint(config.markdown.processor, notes)]);
				cache = renderCache(fileURLToPath(new URL('halflife-notes.json', config.cacheDir)), fingerprint);
				updateConfig({
					// Every link the pages write ends in a slash, as the folders Astro builds them into do.
					trailingSlash: 'always',
					vite: { plugins: [vitePluginHalflife({ buildDir, options: effective, overrides: resolveSiteOverrides(toPath(config.root), effective) })] },
					markdown: { processor: notesProcessor(config.markdown.processor, notes, cache) },
					// MDX notes need the MDX integration; a project that lists it already keeps its own.
					...(config.integrations.some((i) => i.name === '@astrojs/mdx') ? {} : { integrations: [mdx()] }),
				});
			},
			'astro:build:done': async () => {
				await cache?.save();
			},
		},
	};
}

import type { AstroIntegration } from 'astro';
import { parseOptions } from '../config/parse-options.ts';
import type { HalflifeOptions, HalflifeUserOptions } from '../config/options-schema.ts';
import { buildDirOf } from '../config/paths.ts';
import { notesProcessor } from './notes-processor.ts';
import { vitePluginHalflife } from './vite-plugin-halflife.ts';

/** The Halflife integration as Astro sees it, with its parsed options for the `halflife` command to read. */
export type HalflifeIntegration = AstroIntegration & { options: HalflifeOptions };

/** Astro integration: validates Halflife's options and exposes the generated build data to the site. */
export default function halflife(userOptions: HalflifeUserOptions = {}): HalflifeIntegration {
	const options = parseOptions(userOptions);
	return {
		name: 'halflife',
		options,
		hooks: {
			'astro:config:setup': ({ config, updateConfig }) => {
				// `halflife build` passes the options it runs with (flags and overrides included) and where it
				// generated this build's data; a plain `astro build` uses the options above and the default place.
				const passed = process.env['HALFLIFE_OPTIONS'];
				const effective: HalflifeOptions = passed ? (JSON.parse(passed) as HalflifeOptions) : options;
				const buildDir = process.env['HALFLIFE_BUILD_DIR'] ?? buildDirOf(config.root, effective);
				updateConfig({ vite: { plugins: [vitePluginHalflife({ buildDir, options: effective })] } });
				// Notes render through remark and rehype, with the teams' plugins: those are code, so they come
				// from this instance, the one astro.config.mjs made, never from the options passed as JSON.
				const { remarkPlugins, rehypePlugins } = options.notes;
				updateConfig({ markdown: { processor: notesProcessor(config.markdown.processor, { format: effective.notes.format, remarkPlugins, rehypePlugins }) } });
			},
		},
	};
}

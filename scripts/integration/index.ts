import type { AstroIntegration } from 'astro';
import { parseOptions } from '../config/parse-options.ts';
import type { HalflifeOptions, HalflifeUserOptions } from '../config/options-schema.ts';
import { buildDirOf } from '../config/paths.ts';
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
				// `halflife build` says where it generated this build's data; a plain `astro build` uses the default place.
				const buildDir = process.env['HALFLIFE_BUILD_DIR'] ?? buildDirOf(config.root, options);
				updateConfig({ vite: { plugins: [vitePluginHalflife({ buildDir, options })] } });
			},
		},
	};
}

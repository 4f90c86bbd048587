import type { HalflifeOptions } from '../config/options-schema.ts';

const MODULE_ID = 'virtual:halflife/config';
const RESOLVED_ID = `\0${MODULE_ID}`;

/** Serves `virtual:halflife/config`: where the generated build data is, and the site's options. */
export function vitePluginHalflife(context: { buildDir: string; options: HalflifeOptions }) {
	return {
		name: 'vite-plugin-halflife',
		resolveId(id: string) {
			return id === MODULE_ID ? RESOLVED_ID : undefined;
		},
		load(id: string) {
			if (id !== RESOLVED_ID) return undefined;
			return [
				`export const buildDir = ${JSON.stringify(context.buildDir)};`,
				`export const title = ${JSON.stringify(context.options.title)};`,
				`export const maxDiagramNeighbours = ${JSON.stringify(context.options.maxDiagramNeighbours)};`,
			].join('\n');
		},
	};
}

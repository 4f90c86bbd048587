import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { HalflifeOptions } from '../config/options-schema.ts';

const CONFIG_ID = 'virtual:halflife/config';
const NOTES_ID = 'virtual:halflife/notes';
const PAGE_FILE = /^([a-z0-9-]+)\.(md|mdx)$/;

/**
 * Serves Halflife's virtual modules to the site: `virtual:halflife/config` (where the generated
 * build data is, and the site's options) and `virtual:halflife/notes` (each service's generated
 * page by slug, imported on demand, so Astro compiles it with the project's Markdown and MDX setup).
 */
export function vitePluginHalflife(context: { buildDir: string; options: HalflifeOptions }) {
	const modules: Record<string, () => string> = {
		[CONFIG_ID]: () =>
			[
				`export const buildDir = ${JSON.stringify(context.buildDir)};`,
				`export const title = ${JSON.stringify(context.options.title)};`,
				`export const maxDiagramNeighbours = ${JSON.stringify(context.options.maxDiagramNeighbours)};`,
				`export const start = ${JSON.stringify(context.options.start)};`,
				`export const editBaseUrl = ${JSON.stringify(context.options.editLink.baseUrl)};`,
			].join('\n'),
		[NOTES_ID]: () => notesModule(path.join(context.buildDir, 'pages')),
	};
	return {
		name: 'vite-plugin-halflife',
		resolveId(id: string) {
			return id in modules ? `\0${id}` : undefined;
		},
		load(id: string) {
			return id.startsWith('\0') ? modules[id.slice(1)]?.() : undefined;
		},
	};
}

// Page files are named by slug, [a-z0-9-] by construction: safe in a module as JSON strings.
function notesModule(pagesDir: string): string {
	const files = safeReaddir(pagesDir).filter((name) => PAGE_FILE.test(name)).sort();
	const entries = files.map((name) => `\t${JSON.stringify(PAGE_FILE.exec(name)![1])}: () => import(${JSON.stringify(path.join(pagesDir, name))}),`);
	return `export const notePages = {\n${entries.join('\n')}\n};\n`;
}

function safeReaddir(dir: string): string[] {
	try {
		return readdirSync(dir);
	} catch {
		return [];
	}
}

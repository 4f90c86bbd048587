import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { HalflifeOptions } from '../config/options-schema.ts';
import type { SiteOverrides } from './site-overrides.ts';

const CONFIG_ID = 'virtual:halflife/config';
const NOTES_ID = 'virtual:halflife/notes';
const CSS_ID = 'virtual:halflife/custom-css';
const PAGE_FILE = /^([a-z0-9-]+)\.(md|mdx)$/;
/** The running Halflife's version, shown in every page's footer: after an upgrade, the site says so. */
const HALFLIFE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Minimal view of Rollup's plugin context: `resolve` finds what an import would load without this plugin. */
interface ResolveContext {
	resolve(source: string, importer?: string, options?: { skipSelf?: boolean }): Promise<{ id: string } | null>;
}

/**
 * Serves Halflife's virtual modules to the site: `virtual:halflife/config` (where the generated
 * build data is, and the site's options), `virtual:halflife/notes` (each service's generated page
 * by slug, imported on demand, so Astro compiles it with the project's Markdown and MDX setup, and
 * each incident review's page as `incidentPages`) and
 * `virtual:halflife/custom-css`; and puts the project's components in place of the site's own.
 */
export function vitePluginHalflife(context: { buildDir: string; options: HalflifeOptions; overrides: SiteOverrides }) {
	const { options, overrides } = context;
	const modules: Record<string, () => string> = {
		[CONFIG_ID]: () =>
			[
				`export const buildDir = ${JSON.stringify(context.buildDir)};`,
				`export const title = ${JSON.stringify(options.title)};`,
				`export const maxDiagramNeighbours = ${JSON.stringify(options.maxDiagramNeighbours)};`,
				`export const favicon = ${JSON.stringify(options.favicon)};`,
				`export const version = ${JSON.stringify(HALFLIFE_VERSION)};`,
				`export const start = ${JSON.stringify(options.start)};`,
				`export const editBaseUrl = ${JSON.stringify(options.editLink.baseUrl)};`,
			].join('\n'),
		[NOTES_ID]: () => notesModule(path.join(context.buildDir, 'pages'), path.join(context.buildDir, 'incidents')),
		[CSS_ID]: () => overrides.customCss.map((file) => `import ${JSON.stringify(file)};`).join('\n'),
	};
	const replacements = new Set(overrides.components.values());
	return {
		name: 'vite-plugin-halflife',
		// Before Astro's own resolvers, which would otherwise settle `./Legend.astro` first.
		enforce: 'pre' as const,
		async resolveId(this: ResolveContext, id: string, importer?: string) {
			if (id in modules) return `\0${id}`;
			// A replaced component is swapped wherever the site imports it, except inside its
			// replacement, which may wrap the original.
			if (overrides.components.size === 0 || !id.endsWith('.astro') || (importer && replacements.has(importer))) return undefined;
			const resolved = await this.resolve(id, importer, { skipSelf: true });
			return resolved ? overrides.components.get(resolved.id) : undefined;
		},
		load(id: string) {
			return id.startsWith('\0') ? modules[id.slice(1)]?.() : undefined;
		},
	};
}

// Page files are named by slug, [a-z0-9-] by construction: safe in a module as JSON strings.
function notesModule(pagesDir: string, incidentsDir: string): string {
	const pages = (dir: string) =>
		safeReaddir(dir)
			.filter((name) => PAGE_FILE.test(name))
			.sort()
			.map((name) => `\t${JSON.stringify(PAGE_FILE.exec(name)![1])}: () => import(${JSON.stringify(path.join(dir, name))}),`)
			.join('\n');
	return `export const notePages = {\n${pages(pagesDir)}\n};\nexport const incidentPages = {\n${pages(incidentsDir)}\n};\n`;
}

function safeReaddir(dir: string): string[] {
	try {
		return readdirSync(dir);
	} catch {
		return [];
	}
}

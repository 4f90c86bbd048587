import { copyFile, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { HalflifeError } from '../errors/halflife-error.ts';
import type { Logger } from '../lib/logger.ts';
import { cleanLeftovers } from './clean-leftovers.ts';
import { readCurrent } from './current-link.ts';
import { indexForSearch } from './index-for-search.ts';
import type { DiagramResult } from '../render/render-diagrams.ts';
import { inlineDiagrams } from './inline-diagrams.ts';
import { DIAGRAM_STYLESHEET, shareDiagramStyles } from './share-diagram-styles.ts';
import { BUILD_BASE, CURRENT_LINK, LATEST_DIR, PUBLISHING_MARKER, SITE_ROOT, VERSIONS_DIR } from './site-layout.ts';
import { swapLatest } from './swap-latest.ts';
import { BUILD_ID, KEPT_MODEL_FILE, MODEL_FILE } from './versions-index.ts';

/** The site's layout, defined in one place: the versions folder and the bases publishing rewrites. */
export { BUILD_BASE, SITE_ROOT, VERSIONS_DIR };

/** What to publish: Astro's output for one build, built with base BUILD_BASE, and its diagrams. */
export interface PublishInput {
	/** The published site folder holding every version. */
	siteDir: string;
	/** Astro's output for this build. */
	outDir: string;
	/** Build id. */
	id: string;
	/** The build's diagrams by id, for the markers the pages left. */
	diagrams: ReadonlyMap<string, DiagramResult>;
	/** Mermaid's browser bundle, copied into the version when some diagram must render in the browser. */
	clientScript: string;
	/** Path the site is served under, such as `/` or `/docs/` for a GitHub Pages project site. */
	base?: string | undefined;
	logger: Logger;
}

// Data files (.json) are not rewritten: `versions.json` names every version's own path on purpose.
const TEXT_FILE = /\.(html|css|js|mjs|xml|txt|svg|webmanifest)$/;
const FROZEN_BANNER = /<!--halflife:frozen-->[\s\S]*?<!--\/halflife:frozen-->/g;
const gzipAsync = promisify(gzip);
// Files copied at once; enough to keep the disk busy, few enough to bound open files and memory.
const PARALLEL_FILES = 16;

/**
 * Adds one build to the site: frozen under `/v/<id>/`, and as the latest at the stable URLs.
 * Earlier versions are never read or rewritten, so the cost grows with this build's pages only.
 * One pass over Astro's output writes both copies with the diagrams inlined and the build base
 * rewritten: to `<base>v/<id>/` in the frozen copy, to `<base>` in the latest, which also loses the
 * "you are reading an old build" banner. The frozen copy is assembled in `v/.<id>.partial` and
 * renamed into place. The latest is written to `.halflife-root/<id>/`, which the site root's
 * symlinks reach through `.halflife-root/current`, and one rename of that symlink makes it the
 * latest (swapLatest). A reader, or a build killed half-way, sees the previous build or this one,
 * never a mix; what a killed publish leaves is cleared by the next (cleanLeftovers).
 */
export async function publishVersion({ siteDir, outDir, id, diagrams, clientScript, base = '/', logger }: PublishInput): Promise<void> {
	// Ids name folders beside `current`; the build makes them from its clock, so anything else is a bug.
	if (!BUILD_ID.test(id) || id === CURRENT_LINK) throw new Error(`not a build id: ${id}`);
	await mkdir(siteDir, { recursive: true });
	await cleanLeftovers(siteDir, logger);
	const versionsDir = path.join(siteDir, VERSIONS_DIR);
	const frozenDir = path.join(versionsDir, id);
	if ((await exists(frozenDir)) || (await readCurrent(siteDir)) === id) {
		throw new HalflifeError('VersionExists', { params: { id, site: siteDir } });
	}
	const latestDir = path.join(siteDir, LATEST_DIR);
	const partial = path.join(versionsDir, `.${id}.partial`);
	const latest = path.join(latestDir, id);
	await Promise.all([mkdir(partial, { recursive: true }), mkdir(latest, { recursive: true })]);

	// Search indexes the pages as Astro wrote them: same URLs, and no diagram text to match on.
	const search = indexForSearch(outDir, path.join(latest, 'pagefind'));
	const frozenBase = `${base}${VERSIONS_DIR}/${id}/`;
	// BUILD_BASE first: the two markers share no text, so the order only matters for clarity.
	const rebase = (text: string, versionBase: string) => text.replaceAll(BUILD_BASE, versionBase).replaceAll(SITE_ROOT, base);
	const styled = shareDiagramStyles(diagrams);
	const stylesheet = { ids: styled.shared, url: `${BUILD_BASE}${DIAGRAM_STYLESHEET}` };
	const files = (await readdir(outDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
	for (let i = 0; i < files.length; i += PARALLEL_FILES) {
		await Promise.all(
			files.slice(i, i + PARALLEL_FILES).map(async (entry) => {
				const relative = path.relative(outDir, path.join(entry.parentPath, entry.name));
				const frozen = path.join(partial, relative);
				const stable = path.join(latest, relative);
				await Promise.all([mkdir(path.dirname(frozen), { recursive: true }), mkdir(path.dirname(stable), { recursive: true })]);
				const source = path.join(outDir, relative);
				if (!TEXT_FILE.test(entry.name)) {
					await Promise.all([copyFile(source, frozen), copyFile(source, stable)]);
					return;
				}
				let text = await readFile(source, 'utf8');
				if (entry.name.endsWith('.html')) text = inlineDiagrams(text, styled.diagrams, `${BUILD_BASE}_halflife/mermaid.min.js`, stylesheet);
				let stableText = rebase(text, base);
				if (entry.name.endsWith('.html')) stableText = stableText.replace(FROZEN_BANNER, '');
				await Promise.all([writeFile(frozen, rebase(text, frozenBase)), writeFile(stable, stableText)]);
			}),
		);
	}
	if (styled.css !== null) {
		for (const dir of [partial, latest]) {
			await mkdir(path.join(dir, path.dirname(DIAGRAM_STYLESHEET)), { recursive: true });
			await writeFile(path.join(dir, DIAGRAM_STYLESHEET), styled.css);
		}
	}
	// The copy of the model the version keeps for good, after retention removes its pages: a tenth of the plain one.
	const model = await readFile(path.join(outDir, MODEL_FILE)).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
	if (model !== null) await writeFile(path.join(partial, KEPT_MODEL_FILE), await gzipAsync(model));
	if ([...diagrams.values()].some((diagram) => 'fallback' in diagram)) {
		for (const dir of [partial, latest]) {
			await mkdir(path.join(dir, '_halflife'), { recursive: true });
			await copyFile(clientScript, path.join(dir, '_halflife', 'mermaid.min.js'));
		}
	}
	logger.info(`publish: search index of ${await search} pages`);

	// Written whole before the frozen copy appears in `v/`, so a publish killed before the swap
	// tells the next one which frozen copy no versions.json lists; swapLatest clears it.
	const marker = path.join(latestDir, PUBLISHING_MARKER);
	await writeFile(`${marker}.tmp`, id);
	await rename(`${marker}.tmp`, marker);
	await rename(partial, frozenDir);
	await swapLatest(siteDir, id, logger);
}

async function exists(file: string): Promise<boolean> {
	try {
		await stat(file);
		return true;
	} catch {
		return false;
	}
}

import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { createMermaidRenderer } from 'mermaid-isomorphic';
import { formatError, HalflifeError, type ErrorLocation } from '../errors/halflife-error.ts';
import type { Logger } from '../lib/logger.ts';
import { cachedIdToken, diagramCacheKey, readCachedSvg, writeCachedSvg } from './diagram-cache.ts';
import { diagramDomId } from './diagram-dom-id.ts';
import { BROWSER_ARGS, findBrowser, KNOWN_BROWSER_PATHS } from './find-browser.ts';
import { mermaidConfig } from './mermaid-config.ts';
import { chromium } from 'playwright';
import { batchBrowser } from './batch-browser.ts';
import { patchedChromium } from './patched-chromium.ts';
import { patchedMermaidScript } from './patched-mermaid.ts';
import { resolveEntityCodes } from './resolve-entity-codes.ts';
import { slimSvg } from './slim-svg.ts';

/** One diagram to render: the caller's id (unique in the batch) and its Mermaid source. */
export interface DiagramInput {
	id: string;
	source: string;
	/** Where a person wrote the source (a note's Mermaid block); absent for the diagrams Halflife generates. */
	location?: ErrorLocation | undefined;
}

/** A rendered diagram as inline SVG, or its source for the reader's browser to render. */
export type DiagramResult = { svg: string } | { fallback: string };

/** What one call did, for the build log and for tests. */
export interface RenderStats {
	/** Diagrams asked for. */
	diagrams: number;
	/** Served from the cache. */
	cached: number;
	/** Rendered by the browser in this call. */
	rendered: number;
	/** Left as source, for want of a browser or because rendering failed. */
	fallback: number;
	/** Whether a browser was started. */
	browserLaunched: boolean;
	/** Wall time of the call, in milliseconds. */
	ms: number;
}

/** The results by diagram id, in input order, with the stats of the call. */
export type RenderedDiagrams = Map<string, DiagramResult> & { readonly stats: RenderStats };

/** Where the cache lives, which browser to use (undefined: find one; null: none) and where to report. */
export interface RenderDiagramsOptions {
	cacheDir: string;
	browser?: string | null | undefined;
	logger: Logger;
	/** Hears how many diagrams are done (cached, rendered or left to the browser), of how many. */
	onProgress?: ((done: number, total: number) => void) | undefined;
	/** Diagrams one page renders before a fresh one takes over (MAX_DIAGRAMS_PER_PAGE by default). */
	maxPerPage?: number | undefined;
}

/**
 * Renders Mermaid diagrams to SVG at build time. Each SVG is cached by a hash of its source and
 * the renderer; all misses are rendered in one batch in one headless Chromium. Each SVG gets a DOM
 * id derived from the caller's id, so several can share a page. Without a browser, or when a
 * diagram fails, the diagram comes back as `{ fallback: source }` with a warning, and the build
 * goes on.
 */
export async function renderDiagrams(diagrams: DiagramInput[], options: RenderDiagramsOptions): Promise<RenderedDiagrams> {
	const started = performance.now();
	const { cacheDir, logger } = options;
	const progress = (done: number) => options.onProgress?.(done, diagrams.length);
	const ids = new Set<string>();
	for (const { id } of diagrams) {
		if (ids.has(id)) throw new Error(`Diagram id ${JSON.stringify(id)} is used twice in one batch.`);
		ids.add(id);
	}

	const found = new Map<string, DiagramResult>();
	// Diagrams with the same source are rendered once.
	const misses = new Map<string, { source: string; ids: string[] }>();
	let cached = 0;
	// Cache reads go out together: one at a time, a thousand small files cost seconds of latency.
	const keys = diagrams.map(({ source }) => diagramCacheKey(source));
	const hits: (string | null)[] = [];
	for (let i = 0; i < keys.length; i += PARALLEL_CACHE_READS) {
		hits.push(...(await Promise.all(keys.slice(i, i + PARALLEL_CACHE_READS).map((key) => readCachedSvg(cacheDir, key)))));
	}
	for (const [index, { id, source }] of diagrams.entries()) {
		const key = keys[index]!;
		const hit = hits[index]!;
		if (hit !== null) {
			found.set(id, { svg: hit.replaceAll(cachedIdToken(key), diagramDomId(id)) });
			cached++;
			continue;
		}
		const miss = misses.get(key) ?? { source, ids: [] };
		miss.ids.push(id);
		misses.set(key, miss);
	}
	progress(cached);

	let rendered = 0;
	let browserLaunched = false;
	if (misses.size > 0) {
		const browser = options.browser === undefined ? await findBrowser() : options.browser;
		if (browser === null) {
			// Asked for (`--no-diagrams`), leaving diagrams to the reader's browser is no problem to warn about.
			if (options.browser === undefined) warn(logger, new HalflifeError('BrowserNotFound', { params: { paths: KNOWN_BROWSER_PATHS.join(', ') } }));
		} else {
			// Mermaid hands back a whole tab's diagrams at once, so progress moves a tab at a time.
			let done = cached;
			const locations = new Map(diagrams.flatMap(({ id, location }) => (location ? [[id, location] as const] : [])));
			const svgs = await renderBatch(browser, misses, locations, logger, options.maxPerPage ?? MAX_DIAGRAMS_PER_PAGE, (keys) => {
				for (const key of keys) done += misses.get(key)!.ids.length;
				progress(done);
			});
			browserLaunched = svgs !== null;
			let cacheWarned = false;
			for (const [key, svg] of svgs ?? []) {
				for (const id of misses.get(key)!.ids) {
					found.set(id, { svg: svg.replaceAll(cachedIdToken(key), diagramDomId(id)) });
					rendered++;
				}
				try {
					await writeCachedSvg(cacheDir, key, svg);
				} catch (error) {
					// One warning is enough: the cause is the same folder for every file.
					if (!cacheWarned) {
						warn(logger, new HalflifeError('DiagramCacheUnwritable', { params: { dir: cacheDir, detail: oneLine(error) }, cause: error }));
					}
					cacheWarned = true;
				}
			}
		}
	}

	const results = new Map<string, DiagramResult>();
	let fallback = 0;
	for (const { id, source } of diagrams) {
		const result = found.get(id);
		if (result === undefined) fallback++;
		results.set(id, result ?? { fallback: source });
	}
	progress(diagrams.length);
	const stats: RenderStats = {
		diagrams: diagrams.length,
		cached,
		rendered,
		fallback,
		browserLaunched,
		ms: Math.round(performance.now() - started),
	};
	logger.info(
		`diagrams: ${stats.rendered} rendered, ${stats.cached} from cache, ${stats.fallback} left to the browser, in ${stats.ms} ms`,
	);
	return Object.assign(results, { stats });
}

const PARALLEL_CACHE_READS = 64;

// Below this many diagrams a second tab costs more to start than it saves.
const MIN_DIAGRAMS_PER_TAB = 40;
// Diagrams one page renders before it is closed: a page that drew thousands grows to gigabytes
// (20,000 services), and opening one costs a fraction of a second, a few diagrams' worth.
const MAX_DIAGRAMS_PER_PAGE = 400;

// Renders every miss in one browser, a tab per core, each tab taking the next chunk of at most
// `maxPerPage` diagrams in a fresh page. Returns the SVGs by cache key, with the id
// placeholder in place of the DOM id, or null when the browser did not start; failures are warned
// about, at `locations` for diagrams a person wrote. `onChunk` hears each chunk's keys as it ends.
async function renderBatch(
	browser: string,
	misses: Map<string, { source: string; ids: string[] }>,
	locations: ReadonlyMap<string, ErrorLocation>,
	logger: Logger,
	maxPerPage: number,
	onChunk: (keys: string[]) => void,
): Promise<Map<string, string> | null> {
	const keys = [...misses.keys()];
	// Mermaid with its speed-up patches (patched-mermaid.ts) draws the same SVG in much less time.
	const script = patchedMermaidScript(logger);
	const shared = batchBrowser(script === null ? chromium : patchedChromium(script));
	const render = createMermaidRenderer({ browserType: shared.browserType, launchOptions: { executablePath: browser, args: [...BROWSER_ARGS] } });
	// Mermaid lays out one diagram at a time per page, so a page per core keeps every core busy.
	// Chunks are contiguous so each page's ids stay `<prefix>-<index>`.
	const tabs = Math.max(1, Math.min(availableParallelism(), Math.ceil(keys.length / MIN_DIAGRAMS_PER_TAB)));
	const size = Math.max(1, Math.min(maxPerPage, Math.ceil(keys.length / tabs)));
	const chunks = Array.from({ length: Math.ceil(keys.length / size) }, (_, i) => keys.slice(i * size, (i + 1) * size));
	const settled: { key: string; id: string; result: Awaited<ReturnType<typeof render>>[number] }[] = [];
	const tab = async (): Promise<void> => {
		for (let chunk = chunks.shift(); chunk !== undefined; chunk = chunks.shift()) {
			// Mermaid numbers a page's ids `<prefix>-<index>`. A prefix hashed from the chunk cannot
			// appear in a label, so replacing it touches nothing but the ids.
			const prefix = `m${createHash('sha256').update(chunk.join('\n')).digest('hex').slice(0, 20)}`;
			const results = await render(
				chunk.map((key) => misses.get(key)!.source),
				{ prefix, mermaidConfig },
			);
			onChunk(chunk);
			for (const [index, result] of results.entries()) settled.push({ key: chunk[index]!, id: `${prefix}-${index}`, result });
		}
	};
	try {
		await Promise.all(Array.from({ length: tabs }, tab));
	} catch (error) {
		warn(logger, new HalflifeError('BrowserLaunchFailed', { params: { browser, detail: oneLine(error) }, cause: error }));
		return null;
	} finally {
		await shared.close();
	}

	const svgs = new Map<string, string>();
	for (const { key, id, result } of settled) {
		if (result.status === 'fulfilled' && result.value.id === id && result.value.svg.startsWith(`<svg id="${id}"`)) {
			const svg = result.value.svg.replace(new RegExp(`${id}(?![0-9])`, 'g'), cachedIdToken(key));
			svgs.set(key, slimSvg(resolveEntityCodes(svg)));
			continue;
		}
		const detail = result.status === 'rejected' ? oneLine(result.reason) : 'the renderer returned no SVG';
		for (const diagramId of misses.get(key)!.ids) {
			// A diagram a person wrote is theirs to fix; one Halflife generated is a bug.
			const location = locations.get(diagramId);
			warn(logger, location ? new HalflifeError('NoteDiagramInvalid', { location, params: { detail } }) : new HalflifeError('DiagramRenderFailed', { params: { id: diagramId, detail } }));
		}
	}
	return svgs;
}

function warn(logger: Logger, error: HalflifeError): void {
	logger.warn(formatError(error, 'warning'));
}

// Playwright and Mermaid errors span many lines (call logs, parser excerpts); a warning gets one.
function oneLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

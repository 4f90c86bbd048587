import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../lib/logger.ts';
import { BUILD_BASE } from '../publish/site-layout.ts';
import { diagramDomId } from './diagram-dom-id.ts';
import { diagramSource, type DiagramGraph } from './diagram-source.ts';
import { findBrowser } from './find-browser.ts';
import { hostileGraph, hostileLabels } from './fixtures/hostile-labels.ts';
import { labelText, MAX_EDGE_LABEL, MAX_NODE_LABEL } from './mermaid-label.ts';
import { renderDiagrams, type RenderedDiagrams } from './render-diagrams.ts';

const browser = await findBrowser();

const small = (name: string): DiagramGraph => ({
	nodes: [
		{ id: 'a', label: name, kind: 'service', focus: true },
		{ id: 'b', label: 'orders-db', kind: 'database' },
	],
	edges: [{ from: 'a', to: 'b', status: 'confirmed' }],
});
const diagrams = [
	{ id: 'service-hostile', source: diagramSource(hostileGraph) },
	{ id: 'Cart', source: diagramSource(small('cart')) },
	// Same source, different page id: rendered once, but each gets its own DOM ids.
	{ id: 'cart', source: diagramSource(small('cart')) },
	{ id: 'map-teams', source: diagramSource(small('checkout')) },
];
const broken = { id: 'broken', source: 'flowchart LR\n\ta -->\n' };

// Every element Mermaid draws a flowchart with; anything else (script, foreignObject, img,
// iframe, HTML) in the output would mean a label became markup.
const SVG_ELEMENTS = new Set(['svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'polygon', 'line', 'text', 'tspan', 'style', 'defs', 'marker', 'filter', 'feDropShadow', 'linearGradient', 'stop', 'a']);

function textsOf(svg: string): string[] {
	return [...svg.matchAll(/<text\b[^>]*>(.*?)<\/text>/gs)].map(([, inner]) => decodeXml(inner!.replace(/<[^>]*>/g, '')));
}

function decodeXml(text: string): string {
	return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(lt|gt|amp|quot|apos));/gi, (_, dec?: string, hex?: string, name?: string) => {
		if (dec) return String.fromCodePoint(Number(dec));
		if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
		return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[name!.toLowerCase() as 'lt']!;
	});
}

function svgOf(results: RenderedDiagrams, id: string): string {
	const result = results.get(id);
	if (!result || !('svg' in result)) throw new Error(`diagram ${id} was not rendered: ${JSON.stringify(result)}`);
	return result.svg;
}

// Skipped on a machine without Chromium, never in CI: .ci/run installs it.
describe.skipIf(browser === null && !process.env['CI'])('renderDiagrams in Chromium', () => {
	let cacheDir: string;
	let first: RenderedDiagrams;
	const firstLog = memoryLogger();
	const firstProgress: [number, number][] = [];

	beforeAll(async () => {
		cacheDir = await mkdtemp(path.join(tmpdir(), 'halflife-render-'));
		first = await renderDiagrams([...diagrams, broken], {
			cacheDir,
			browser,
			logger: firstLog,
			onProgress: (done, total) => firstProgress.push([done, total]),
		});
	});
	afterAll(async () => {
		await rm(cacheDir, { recursive: true, force: true });
	});

	it('renders the batch in one browser, one SVG per diagram, each with its own ids', async () => {
		expect(first.stats).toMatchObject({ diagrams: 5, cached: 0, rendered: 4, fallback: 1, browserLaunched: true });
		expect([...first.keys()]).toEqual([...diagrams.map((d) => d.id), 'broken']);
		const roots = new Set<string>();
		for (const { id } of diagrams) {
			const svg = svgOf(first, id);
			const root = diagramDomId(id);
			expect(svg.startsWith(`<svg id="${root}"`)).toBe(true);
			roots.add(root);
			// Every id and every style selector belongs to this diagram alone.
			for (const [, other] of svg.matchAll(/\sid="([^"]*)"/g)) expect(other!.startsWith(root)).toBe(true);
			const style = /<style>(.*?)<\/style>/s.exec(svg)?.[1] ?? '';
			const selectors = [...style.matchAll(/#([\w-]+)/g)].map(([, name]) => name!).filter((name) => !/^[0-9a-f]{3,8}$/i.test(name));
			const references = [...svg.matchAll(/url\(#([^)]+)\)/g)].map(([, name]) => name!);
			expect(selectors.length).toBeGreaterThan(0);
			for (const name of [...selectors, ...references]) expect(name.startsWith(root), name).toBe(true);
		}
		expect(roots.size).toBe(diagrams.length);
		// The same source is cached once.
		expect((await readdir(cacheDir)).filter((name) => name !== 'paged')).toHaveLength(3);
	});

	it('reports diagrams done of the batch, counting up to all of them', () => {
		expect(firstProgress[0]).toEqual([0, 5]);
		expect(firstProgress.at(-1)).toEqual([5, 5]);
		for (const [i, [done]] of firstProgress.entries()) expect(done).toBeGreaterThanOrEqual(firstProgress[i - 1]?.[0] ?? 0);
	});

	it('draws hostile labels as plain text and nothing else', () => {
		const svg = svgOf(first, 'service-hostile');
		const texts = textsOf(svg);
		for (const label of hostileLabels) expect(texts).toContain(labelText(label, MAX_NODE_LABEL) || '(unnamed)');
		expect(texts).toContain(labelText(hostileLabels[2]!, MAX_EDGE_LABEL));
		expect(texts).toContain('1.2k calls');

		const elements = new Set([...svg.matchAll(/<([a-zA-Z][\w:-]*)/g)].map(([, name]) => name!));
		expect([...elements].filter((name) => !SVG_ELEMENTS.has(name))).toEqual([]);
		expect(svg).not.toMatch(/<script|<foreignObject|<img|<iframe/i);
		expect(svg).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
		expect(svg).not.toMatch(/javascript:/i);
		// Exactly the one safe link, and exactly the nodes and edges of the graph.
		expect([...svg.matchAll(/<a\b[^>]*>/g)].map(([tag]) => /xlink:href="([^"]*)"/.exec(tag)?.[1])).toEqual([`${BUILD_BASE}services/img/`]);
		expect(svg.match(/class="node /g)).toHaveLength(hostileLabels.length);
		expect(svg.match(/ id="[\w-]+-L_n\d+_n\d+_\d+"/g)).toHaveLength(3);
		// The hidden edge is drawn thick in the warning colour, the phantom dashed.
		expect(svg).toMatch(/-L_n0_n2_0"[^>]*style="[^"]*stroke:#b35900;stroke-width:4px/);
		expect(svg).toMatch(/-L_n3_n0_0"[^>]*style="[^"]*stroke-dasharray:5 5/);
	});

	it('falls back to the source of a diagram that fails, with a warning naming it', () => {
		expect(first.get('broken')).toEqual({ fallback: broken.source });
		const warnings = firstLog.lines.filter((line) => line.startsWith('warn:'));
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/DiagramRenderFailed.*diagram broken: Parse error/s);
	});

	it('draws the same bytes when the batch is split across pages', async () => {
		const paged = await renderDiagrams([...diagrams, broken], { cacheDir: path.join(cacheDir, 'paged'), browser, logger: memoryLogger(), maxPerPage: 3 });
		expect(paged.stats).toMatchObject({ rendered: 4, fallback: 1 });
		for (const { id } of diagrams) expect(svgOf(paged, id)).toBe(svgOf(first, id));
	});

	it('serves a second run from the cache without starting a browser', async () => {
		const log = memoryLogger();
		const progress: [number, number][] = [];
		const second = await renderDiagrams(diagrams, {
			cacheDir,
			browser: '/nonexistent/chromium',
			logger: log,
			onProgress: (done, total) => progress.push([done, total]),
		});
		expect(second.stats).toMatchObject({ cached: 4, rendered: 0, fallback: 0, browserLaunched: false });
		// Cached diagrams are done as soon as they are read.
		expect(progress[0]).toEqual([4, 4]);
		for (const { id } of diagrams) expect(svgOf(second, id)).toBe(svgOf(first, id));
		expect(log.lines.filter((line) => line.startsWith('warn:'))).toEqual([]);
	});

	it('warns once and falls back when the browser does not start', async () => {
		const log = memoryLogger();
		const emptyCache = path.join(cacheDir, 'empty');
		const results = await renderDiagrams(diagrams, { cacheDir: emptyCache, browser: '/nonexistent/chromium', logger: log });
		expect(results.stats).toMatchObject({ cached: 0, rendered: 0, fallback: 4, browserLaunched: false });
		for (const { id, source } of diagrams) expect(results.get(id)).toEqual({ fallback: source });
		const warnings = log.lines.filter((line) => line.startsWith('warn:'));
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toContain('BrowserLaunchFailed');
		expect(warnings[0]).toContain('/nonexistent/chromium');
	});
});

describe('renderDiagrams without a browser', () => {
	it('refuses two diagrams with one id', async () => {
		await expect(
			renderDiagrams([diagrams[0]!, diagrams[0]!], { cacheDir: tmpdir(), browser: null, logger: memoryLogger() }),
		).rejects.toThrow(/used twice/);
	});
});

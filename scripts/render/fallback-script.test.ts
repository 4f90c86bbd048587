import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../lib/logger.ts';
import { inlineDiagrams, diagramMarker } from '../publish/inline-diagrams.ts';
import { diagramDomId } from './diagram-dom-id.ts';
import { diagramSource } from './diagram-source.ts';
import { BROWSER_ARGS, findBrowser } from './find-browser.ts';
import { hostileGraph, hostileLabels } from './fixtures/hostile-labels.ts';
import { labelText, MAX_EDGE_LABEL, MAX_NODE_LABEL } from './mermaid-label.ts';
import { renderDiagrams } from './render-diagrams.ts';
import { slimSvg } from './slim-svg.ts';

const browserPath = await findBrowser();
const bundle = path.join(path.dirname(createRequire(import.meta.url).resolve('mermaid/package.json')), 'dist', 'mermaid.min.js');
const ORIGIN = 'http://halflife.test';

// A diagram a note's author wrote: it tries to loosen the config from inside, and to link to script.
const authored = [
	'%%{init: {"securityLevel": "loose", "htmlLabels": true, "flowchart": {"htmlLabels": true}, "themeCSS": "svg { background: red }"}}%%',
	'flowchart LR',
	'  a["<b>bold</b> <a href=\'javascript:alert(2)\'>label link</a>"] --> b',
	'  click a href "javascript:alert(3)"',
	'  click b call alert(4)',
].join('\n');
const diagrams = [
	{ id: 'service-hostile', source: diagramSource(hostileGraph) },
	{ id: 'note-cart-0123456789ab', source: authored },
];

// Everything a flowchart is drawn with; anything else in the SVG would be a label become markup.
const SVG_ELEMENTS = new Set(['svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'polygon', 'line', 'text', 'tspan', 'style', 'defs', 'marker', 'filter', 'feDropShadow', 'linearGradient', 'stop', 'a']);

interface Drawn {
	id: string;
	ids: string[];
	texts: string[];
	elements: string[];
	links: (string | null)[];
	style: string;
}

// What a rendered SVG is made of, read from the page's DOM.
function readSvgs(page: Page, selector: string): Promise<Drawn[]> {
	return page.$$eval(selector, (svgs) =>
		svgs.map((svg) => ({
			id: svg.id,
			ids: [...svg.querySelectorAll('[id]')].map((element) => element.id),
			texts: [...svg.querySelectorAll('text')].map((text) => text.textContent ?? ''),
			elements: [...new Set([...svg.querySelectorAll('*')].map((element) => element.localName))],
			links: [...svg.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? a.getAttribute('xlink:href')),
			style: svg.querySelector('style')?.textContent ?? '',
		})),
	);
}

// Skipped on a machine without Chromium, never in CI: .ci/run installs it.
describe.skipIf(browserPath === null && !process.env['CI'])('diagrams the reader\'s browser renders', () => {
	let browser: Browser;
	let cacheDir: string;
	let built: Drawn[];
	let fallback: Drawn[];
	const dialogs: string[] = [];

	beforeAll(async () => {
		cacheDir = await mkdtemp(path.join(tmpdir(), 'halflife-fallback-'));
		browser = await chromium.launch({ executablePath: browserPath!, args: [...BROWSER_ARGS] });
		const rendered = await renderDiagrams(diagrams, { cacheDir, browser: browserPath, logger: memoryLogger() });
		const page = async (results: ReadonlyMap<string, { svg: string } | { fallback: string }>) => {
			const body = diagrams.map(({ id }) => `<div class="diagram">${diagramMarker(id)}</div>`).join('');
			const html = inlineDiagrams(`<!doctype html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`, results, '/_halflife/mermaid.min.js');
			const tab = await browser.newPage();
			tab.on('dialog', (dialog) => {
				dialogs.push(dialog.message());
				void dialog.dismiss();
			});
			// Served from memory under a name that resolves nowhere: nothing leaves the machine.
			await tab.route(`${ORIGIN}/**`, async (route) => {
				const url = new URL(route.request().url());
				if (url.pathname === '/_halflife/mermaid.min.js') return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: await readFile(bundle, 'utf8') });
				return url.pathname === '/' ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }) : route.abort();
			});
			await tab.goto(`${ORIGIN}/`);
			await tab.waitForFunction((count) => document.querySelectorAll('.diagram > svg').length === count, diagrams.length, { timeout: 20_000 });
			return tab;
		};
		built = await readSvgs(await page(rendered), '.diagram > svg');
		const drawn = await page(new Map(diagrams.map(({ id, source }) => [id, { fallback: source }])));
		// The build slims what Mermaid drew; the browser's drawing, slimmed the same way, must match it.
		const xml = await drawn.$$eval('.diagram > svg', (svgs) => svgs.map((svg) => new XMLSerializer().serializeToString(svg)));
		await drawn.$$eval('.diagram > svg', (svgs, slimmed) => {
			for (const [index, svg] of svgs.entries()) svg.outerHTML = slimmed[index]!;
		}, xml.map(slimSvg));
		fallback = await readSvgs(drawn, '.diagram > svg');
	}, 120_000);
	afterAll(async () => {
		await browser?.close();
		await rm(cacheDir, { recursive: true, force: true });
	});

	it('draws each diagram under the DOM id the build gives it, with the same ids inside', () => {
		expect(fallback.map((svg) => svg.id)).toEqual(diagrams.map(({ id }) => diagramDomId(id)));
		for (const [index, svg] of fallback.entries()) {
			expect(svg.ids).toEqual(built[index]!.ids);
			for (const id of svg.ids) expect(id.startsWith(svg.id)).toBe(true);
		}
	});

	it('renders with the shared config: SVG text labels, the site\'s font and colours', () => {
		for (const [index, svg] of fallback.entries()) {
			expect(svg.elements).not.toContain('foreignObject');
			expect(svg.style).toContain('font-family:Arial,"Liberation Sans",Helvetica,sans-serif');
			expect(svg.style).toContain('fill:#f6f8fa');
			expect(svg.style).toBe(built[index]!.style);
		}
	});

	it('reads hostile labels as written, and turns none of them into markup', () => {
		const [service, note] = fallback;
		for (const label of hostileLabels) expect(service!.texts).toContain(labelText(label, MAX_NODE_LABEL) || '(unnamed)');
		expect(service!.texts).toContain(labelText(hostileLabels[2]!, MAX_EDGE_LABEL));
		expect(service!.texts).toEqual(built[0]!.texts);
		expect(note!.texts).toEqual(built[1]!.texts);
		for (const svg of fallback) expect(svg.elements.filter((name) => !SVG_ELEMENTS.has(name))).toEqual([]);
	});

	it('links only where the build links, and never to script', () => {
		expect(fallback.map((svg) => svg.links)).toEqual(built.map((svg) => svg.links));
		for (const link of fallback.flatMap((svg) => svg.links)) expect(link ?? '').not.toMatch(/^\s*(javascript|vbscript|data):/i);
		expect(dialogs).toEqual([]);
	});
});

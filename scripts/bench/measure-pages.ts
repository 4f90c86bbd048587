import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { isBookkeeping } from '../publish/site-layout.ts';
import { KIND_BUDGET_KB, MAX_PAGE_HEIGHT, PAGE_KINDS, pageKindOf, SCREEN, type PageKind, type SitePage } from './page-budgets.ts';

/** One page as Chromium showed it. */
export interface PageFigures extends SitePage {
	/** Height of the whole document at SCREEN's width, in CSS pixels. */
	height: number;
	/** Bytes of the HTML and everything it loaded, the diagram fallback renderer left out. */
	bytes: number;
}

/** The tallest and the heaviest page of one kind, beside its budgets. */
export interface KindFigures {
	kind: PageKind;
	/** Copies kept under `v/<id>/`, measured against the budgets of the kind they freeze. */
	frozen: boolean;
	/** Pages of this kind in the site. */
	pages: number;
	tallest: PageFigures;
	heaviest: PageFigures;
	/** Budgets: MAX_PAGE_HEIGHT, and KIND_BUDGET_KB in bytes. */
	maxHeight: number;
	maxBytes: number;
}

// Loaded only by a page whose diagrams could not be drawn at build time (no Chromium there).
const FALLBACK_RENDERER = /\/mermaid(\.min)?\.js$/;
// Blocks a reader scrolls past: what makes a page tall, as opposed to heavy (an SVG is heavy, not tall).
const BLOCK = /<(li|tr|p|h[1-6]|dt|dd|section|details)[\s>]/g;
const SVG = /<svg[\s\S]*?<\/svg>/g;

/**
 * Measures the tallest and the heaviest page of each kind in a built site, in Chromium at SCREEN's
 * size. Every page is weighed on disk and counted by the blocks it lists outside its pictures; the
 * `perKind` heaviest and `perKind` longest of each kind are then opened, so the figures are real
 * renderings while a site of thousands of pages is measured in seconds.
 */
export async function measurePages(siteDir: string, options: { browser: Browser; url: string; perKind?: number }): Promise<KindFigures[]> {
	const perKind = options.perKind ?? 3;
	const pages = await listPages(siteDir);
	const groups = new Map<string, (SitePage & { html: number; blocks: number })[]>();
	for (const page of pages) {
		const key = `${page.frozen}\u0000${page.kind}`;
		groups.set(key, [...(groups.get(key) ?? []), page]);
	}
	const chosen = new Map<string, (SitePage & { html: number; blocks: number })[]>();
	for (const frozen of [false, true]) {
		for (const kind of PAGE_KINDS) {
			const group = groups.get(`${frozen}\u0000${kind}`);
			if (!group) continue;
			const byBytes = [...group].sort((a, b) => b.html - a.html).slice(0, perKind);
			const byBlocks = [...group].sort((a, b) => b.blocks - a.blocks).slice(0, perKind);
			chosen.set(`${frozen}\u0000${kind}`, [...new Set([...byBytes, ...byBlocks])]);
		}
	}
	const context = await options.browser.newContext({ viewport: SCREEN });
	try {
		const measured = await measureAll(context, options.url, [...new Set([...chosen.values()].flat())]);
		return [...chosen].map(([key, group]) => {
			const [frozen, kind] = key.split('\u0000') as [string, PageKind];
			const pages = group.map((page) => measured.get(page)!);
			return {
				kind,
				frozen: frozen === 'true',
				pages: groups.get(key)!.length,
				tallest: pages.reduce((a, b) => (b.height > a.height ? b : a)),
				heaviest: pages.reduce((a, b) => (b.bytes > a.bytes ? b : a)),
				maxHeight: MAX_PAGE_HEIGHT,
				maxBytes: KIND_BUDGET_KB[kind] * 1000,
			};
		});
	} finally {
		await context.close();
	}
}

// Tabs open at once: most of a page's time is waiting (for the network to go quiet, for diagrams), not work.
const TABS = 4;

// Measures each page in a tab of its own, TABS at a time; each tab sees only its own page's responses.
async function measureAll(context: BrowserContext, url: string, pages: readonly SitePage[]): Promise<Map<SitePage, PageFigures>> {
	const measured = new Map<SitePage, PageFigures>();
	let next = 0;
	const worker = async () => {
		while (next < pages.length) {
			const page = pages[next++]!;
			measured.set(page, await measurePage(context, url, page));
		}
	};
	await Promise.all(Array.from({ length: Math.min(TABS, pages.length) }, worker));
	return measured;
}

/** Whether a kind's tallest and heaviest pages are within its budgets. */
export const withinBudget = (f: KindFigures): boolean => f.tallest.height <= f.maxHeight && f.heaviest.bytes <= f.maxBytes;

/** The figures as a table for a terminal: one row per kind, each figure beside its budget. */
export function formatPageFigures(figures: readonly KindFigures[]): string {
	const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;
	const rows = figures.map((f) => {
		const name = `${f.frozen ? 'frozen ' : ''}${f.kind} (${f.pages})`;
		const height = `${f.tallest.height} px ${f.tallest.path}`;
		const weight = `${kb(f.heaviest.bytes)} ${f.heaviest.path}`;
		return `  ${name.padEnd(26)} ${height.padEnd(56)} ${weight.padEnd(56)} ${kb(f.maxBytes).padStart(6)}  ${withinBudget(f) ? 'met' : 'MISSED'}`;
	});
	return [
		`  ${'kind (pages)'.padEnd(26)} ${`tallest (budget ${MAX_PAGE_HEIGHT} px: ${MAX_PAGE_HEIGHT / SCREEN.height} screens of ${SCREEN.width}x${SCREEN.height})`.padEnd(56)} ${'heaviest'.padEnd(56)} budget`,
		...rows,
	].join('\n');
}

async function measurePage(context: BrowserContext, url: string, page: SitePage): Promise<PageFigures> {
	const tab = await context.newPage();
	let bytes = 0;
	const pending: Promise<void>[] = [];
	tab.on('response', (response) => {
		if (FALLBACK_RENDERER.test(new URL(response.url()).pathname)) return;
		pending.push(response.body().then((body) => void (bytes += body.length), () => undefined));
	});
	try {
		await tab.goto(`${url.replace(/\/$/, '')}${page.path}`, { waitUntil: 'load' });
		// A page with scripts may fetch more once loaded (search fetches its index): count that too.
		if (await tab.evaluate(() => document.scripts.length > 0)) await tab.waitForLoadState('networkidle');
		// Diagrams a build without Chromium left to the reader's browser take their place once drawn.
		await tab.waitForFunction(() => [...document.querySelectorAll('pre.mermaid')].every((pre) => pre.hasAttribute('data-processed')), null, { timeout: 15_000 }).catch(() => undefined);
		const height = await tab.evaluate(() => document.documentElement.scrollHeight);
		await Promise.all(pending);
		return { ...page, height, bytes };
	} finally {
		await tab.close();
	}
}

// Every page of the site: the latest build's through the root's symlinks, and each frozen version's.
async function listPages(siteDir: string): Promise<(SitePage & { html: number; blocks: number })[]> {
	const found: (SitePage & { html: number; blocks: number })[] = [];
	const walk = async (dir: string, sitePath: string): Promise<void> => {
		for (const name of (await readdir(dir)).sort()) {
			if ((sitePath === '/' && isBookkeeping(name)) || name === 'pagefind' || name.startsWith('_')) continue;
			const full = path.join(dir, name);
			const info = await stat(full);
			if (info.isDirectory()) await walk(full, `${sitePath}${name}/`);
			else if (name === 'index.html') {
				const page = pageKindOf(sitePath);
				if (!page) continue;
				const html = await readFile(full, 'utf8');
				found.push({ ...page, html: info.size, blocks: html.replace(SVG, '').match(BLOCK)?.length ?? 0 });
			}
		}
	};
	await walk(siteDir, '/');
	return found;
}

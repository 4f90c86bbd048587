import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runBuild } from '../scripts/build.ts';
import { loadConfig } from '../scripts/cli/load-config.ts';
import { DEMO_BUILDS } from '../scripts/demo/demo-org.ts';
import { buildIdOf } from '../scripts/lib/build-clock.ts';
import { memoryLogger } from '../scripts/lib/logger.ts';
import { serveSite } from '../scripts/publish/serve-site.ts';
import { launchBrowser } from './browser.ts';

const root = path.resolve(import.meta.dirname, '..');
const BASE = '/docs/';
const builds = DEMO_BUILDS.slice(0, 2).map((now) => new Date(now));
const [first] = builds.map(buildIdOf);
let work: string;
let origin: string;
let server: Server;

// Two builds of the demo served under a subpath, as a GitHub Pages project site is.
beforeAll(async () => {
	work = await mkdtemp(path.join(tmpdir(), 'halflife-base-'));
	const site = path.join(work, 'site');
	const options = { ...(await loadConfig(root)), site, cacheDir: path.join(work, 'cache'), base: BASE };
	for (const now of builds) await runBuild({ root, options, now, logger: memoryLogger(), browser: inject('browserPath') });
	({ server } = await serveSite(site, 0, '127.0.0.1', BASE));
	const address = server.address();
	origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
	await new Promise((resolve) => server?.close(resolve));
	await rm(work, { recursive: true, force: true });
});

// Every link and resource a page names: attributes in HTML and in its inline SVG diagrams, and the
// search script the search page loads from its Pagefind bundle.
function linksIn(html: string): string[] {
	return [...html.matchAll(/\s(href|src|xlink:href|data-bundle)="([^"]*)"/g)].map(([, attribute, value]) =>
		attribute === 'data-bundle' ? `${value}pagefind.js` : value!.replaceAll('&amp;', '&'),
	);
}

describe('a site served under a base path', () => {
	it('keeps every link of every page, frozen versions and diagrams included, under the base, and every one resolves', async () => {
		const seen = new Set<string>();
		const queue = [BASE, `${BASE}v/${first}/`];
		const outside: string[] = [];
		const broken: string[] = [];
		let pages = 0;
		while (queue.length > 0) {
			const at = queue.shift()!;
			if (seen.has(at)) continue;
			seen.add(at);
			const response = await fetch(`${origin}${at}`);
			if (response.status !== 200) {
				broken.push(`${at} (${response.status})`);
				continue;
			}
			if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) continue;
			pages++;
			for (const link of linksIn(await response.text())) {
				if (/^(?:[a-z]+:|#)/i.test(link)) continue;
				const target = new URL(link, `${origin}${at}`);
				if (!target.pathname.startsWith(BASE)) outside.push(`${at} → ${link}`);
				else if (!seen.has(target.pathname)) queue.push(target.pathname);
			}
		}
		expect(outside).toEqual([]);
		expect(broken).toEqual([]);
		// Both versions' pages: the demo has over 70 services.
		expect(pages).toBeGreaterThan(150);
		expect([...seen].some((p) => p.startsWith(`${BASE}v/${first}/services/`))).toBe(true);
	});

	it('redirects the domain root to the base', async () => {
		const response = await fetch(`${origin}/`, { redirect: 'manual' });
		expect(response.status).toBe(302);
		expect(response.headers.get('location')).toBe(BASE);
	});

	it('searches, and links its results, under the base', async () => {
		const browser = await launchBrowser();
		try {
			const page = await browser.newPage();
			await page.goto(`${origin}${BASE}search/?q=checkout`);
			const results = page.getByTestId('search-results').locator('a');
			await results.first().waitFor({ timeout: 15_000 });
			const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
			expect(hrefs).toContain(`${BASE}services/checkout/`);
			for (const href of hrefs) expect(href).toMatch(new RegExp(`^${BASE}`));
		} finally {
			await browser.close();
		}
	});
});

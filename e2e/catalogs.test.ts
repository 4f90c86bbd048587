import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runBuild } from '../scripts/build.ts';
import { loadConfig } from '../scripts/cli/load-config.ts';
import { memoryLogger } from '../scripts/lib/logger.ts';
import type { Model } from '../scripts/model/model-schema.ts';
import { serveSite } from '../scripts/publish/serve-site.ts';
import { realData } from '../fixtures/real-data.ts';
import { launchBrowser } from './browser.ts';
import { editUrl } from '../scripts/lib/edit-url.ts';

const EDIT_BASE = 'https://git.example.com/kb/-/edit/main/content/';

const root = path.resolve(import.meta.dirname, '..');
// Real catalogs nobody on this team wrote (see fixtures/realdata/PROVENANCE.md), read in place.
const realCatalogs = realData('catalogs');
const NOW = new Date('2026-11-23T00:00:00Z');

let work: string;
let model: Model;
let warnings: string[];
let siteUrl: string;
let close: () => void;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	work = await mkdtemp(path.join(tmpdir(), 'halflife-catalogs-'));
	const content = path.join(work, 'content');
	await mkdir(path.join(content, 'notes'), { recursive: true });
	// A note about a service Backstage also describes: the note's description wins, and its body
	// holds HTML that an untrusted-notes site must show as text.
	await writeFile(
		path.join(content, 'notes', 'wayback-search.md'),
		[
			'---',
			'service: wayback-search',
			'owner: team-a',
			'reviewed: 2026-11-01',
			'description: Full-text search over the archive, as the team describes it.',
			'---',
			'Searches the archive. <script>window.__pwned = 1</script>',
			'',
			'## Index rebuilds {reviewed=2026-02-01}',
			'',
			'Rebuilt weekly.',
			'',
		].join('\n'),
	);
	// A broken note, published anyway: its page says it is broken instead of the build failing.
	await writeFile(path.join(content, 'notes', 'playback-order.md'), '---\nservice: playback-order\nowner: team-c\nreviewed: 2026-13-01\n---\nSecret prose.\n');
	// A catalog someone else controls: every value tries to become code somewhere.
	await mkdir(path.join(content, 'catalogs'), { recursive: true });
	await writeFile(
		path.join(content, 'catalogs', 'service.datadog.yaml'),
		[
			'schema-version: v2.2',
			'dd-service: "<img src=x onerror=\\"window.__pwned = 2\\">"',
			'team: "<script>window.__pwned = 3</script>"',
			'description: "{props.x} <script>window.__pwned = 4</script>"',
			'tier: "x\\"]; click n0 call alert(1)"',
			'links:',
			'  - { name: Runbook, type: runbook, url: "javascript:window.__pwned = 5" }',
			'  - { name: "<b>bold</b>", type: doc, url: "https://example.com/?q=<script>" }',
			'',
		].join('\n'),
	);
	const base = await loadConfig(root);
	const options = {
		...base,
		content,
		site: path.join(work, 'site'),
		cacheDir: path.join(work, 'cache'),
		catalogs: { paths: [`${realCatalogs}/{backstage,datadog}/**/*.yaml`, 'catalogs/*.yaml'] },
		notes: { ...base.notes, format: 'markdown' as const, publishBroken: true },
		editLink: { baseUrl: EDIT_BASE },
	};
	const result = await runBuild({ root, options, now: NOW, logger: memoryLogger(), browser: inject('browserPath') });
	model = result.model;
	warnings = result.warnings.map((p) => `${p.severity} ${p.error.name}`);
	const served = await serveSite(options.site);
	siteUrl = served.url;
	close = () => served.server.close();
	browser = await launchBrowser();
	page = await browser.newPage();
});
afterAll(async () => {
	await browser?.close();
	close?.();
	if (!process.env['KEEP']) await rm(work, { recursive: true, force: true });
});

describe('the real Backstage and Datadog catalogs', () => {
	it('import: every service, resource and team becomes part of the model', () => {
		const names = model.services.map((s) => s.name);
		for (const name of [
			'artist-lookup', 'petstore', 'playback-sdk', 'playback-order', 'podcast-api', 'queue-proxy', 'searcher', 'shuffle-api',
			'wayback-archive', 'wayback-archive-ingestion', 'wayback-archive-storage', 'wayback-search', 'www-artist', 'artists-db',
			'datadog-agent-nightly', 'datadog-cluster-agent', 'datadog-agent-cluster-worker', 'datadog-agent-ci',
		]) {
			expect(names).toContain(name);
		}
		expect(model.services.find((s) => s.name === 'artists-db')).toMatchObject({ kind: 'database', owner: 'team-a', system: 'artist-engagement-portal' });
		expect(model.teams.find((t) => t.id === 'team-a')).toMatchObject({ source: 'backstage' });
		// Datadog teams live in Datadog: named only as owners, they still own their services.
		expect(model.teams.find((t) => t.id === 'container-platform')).toMatchObject({
			source: 'owner',
			services: ['datadog-agent-cluster-worker', 'datadog-cluster-agent'],
		});
		// Consuming an API is depending on whoever provides it.
		expect(model.edges.find((e) => e.from === 'wayback-search' && e.to === 'wayback-archive')).toMatchObject({
			declared: true,
			declaredBy: ['backstage'],
			why: 'consumes API wayback-archive',
		});
		expect(warnings).toContain('error FrontmatterInvalid');
	});

	it('render: a catalog-only service shows its catalog facts and where they come from', async () => {
		const ci = model.services.find((s) => s.name === 'datadog-agent-ci')!;
		await page.goto(`${siteUrl}/services/${ci.slug}/`);
		const facts = await page.getByTestId('service-facts').innerText();
		expect(facts).toContain('Tier\n0');
		expect(facts).toContain('Lifecycle\n5 weeks');
		expect(await page.getByTestId('note-freshness').innerText()).toContain('No note; described by the Datadog service definition');
		const table = await page.getByTestId('sources-table').innerText();
		expect(table).toContain('Datadog');
		expect(table).toContain('agent-supply-chain');
		// Every link on the page goes somewhere a reader can safely follow.
		// (Diagram nodes are SVG links, which carry their address in xlink:href.)
		const hrefs = await page.locator('main a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? a.getAttribute('xlink:href') ?? ''));
		expect(hrefs.filter((h) => !/^(https?:|mailto:|\/|#confidence$|#next-actions$)/.test(h))).toEqual([]);
	});

	it('render: every note and catalog file a page names opens for editing where the team keeps it', async () => {
		const service = model.services.find((s) => s.name === 'wayback-search')!;
		await page.goto(`${siteUrl}/services/${service.slug}/`);
		const links = await page.getByTestId('edit-link').evaluateAll((as) => as.map((a) => [a.textContent!, a.getAttribute('href')!]));
		const files = service.sources.map((s) => s.file);
		// The note's own line, the catalog's freshness line, and the sources table name each file.
		expect(new Set(links.map(([file]) => file))).toEqual(new Set(files.filter((f) => editUrl(EDIT_BASE, f) !== null)));
		expect(links.some(([file]) => file!.startsWith('notes/'))).toBe(true);
		for (const [file, href] of links) expect(href).toBe(`${EDIT_BASE}${file!.split('/').map(encodeURIComponent).join('/')}`);
	});

	it('render: a service described by a note and a catalog shows both, the note winning', async () => {
		await page.goto(`${siteUrl}/services/wayback-search/`);
		await expect(page.locator('.lede').innerText()).resolves.toBe('Full-text search over the archive, as the team describes it.');
		const rows = await page.getByTestId('sources-table').locator('tbody tr').allInnerTexts();
		const description = rows.find((row) => row.startsWith('Description'))!;
		expect(description).toContain('as the team describes it. used');
		expect(description).toContain('Search of the wayback machine');
		expect(description.match(/used/g)).toHaveLength(1);
		const header = await page.getByTestId('sources-table').locator('thead').innerText();
		expect(header).toContain('notes/wayback-search.md');
		expect(header).toContain('wayback-search-component.yaml');
	});

	it('shows each section with its own review date, stale against the cadence', async () => {
		await page.goto(`${siteUrl}/services/wayback-search/`);
		const line = page.locator('h2:has-text("Index rebuilds") + p.section-freshness');
		await expect(line.innerText()).resolves.toBe('Section reviewed 2026-02-01 (10 months ago): stale.');
		await expect(line.getAttribute('data-stale')).resolves.toBe('');
		await expect(page.locator('h2', { hasText: 'Index rebuilds' }).innerText()).resolves.toBe('Index rebuilds');
	});

	it('shows HTML in an untrusted note as text, and never runs it', async () => {
		await page.goto(`${siteUrl}/services/wayback-search/`);
		await expect(page.locator('.prose').innerText()).resolves.toContain('<script>window.__pwned = 1</script>');
		expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
	});

	it('shows hostile catalog values as text and drops unsafe links', async () => {
		const hostile = model.services.find((s) => s.name.startsWith('<img'))!;
		expect(hostile).toMatchObject({ owner: '<script>window.__pwned = 3</script>', runbook: null });
		expect(warnings).toContain('warning CatalogUnsafeLink');
		await page.goto(`${siteUrl}/services/${hostile.slug}/`);
		await expect(page.locator('h1').textContent()).resolves.toBe('<img src=x onerror="window.__pwned = 2">');
		await expect(page.locator('.lede').innerText()).resolves.toBe('{props.x} <script>window.__pwned = 4</script>');
		await page.goto(`${siteUrl}/teams/`);
		await page.goto(`${siteUrl}/services/`);
		expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
		const team = model.teams.find((t) => t.id === '<script>window.__pwned = 3</script>')!;
		expect(team.slug).toMatch(/^[a-z0-9-]+$/);
		await page.goto(`${siteUrl}/teams/${team.slug}/`);
		expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
		// Angle brackets inside a quoted attribute (a meta description, a link) are text too: the DOM is what counts.
		await page.goto(`${siteUrl}/services/${hostile.slug}/`);
		const planted = await page.evaluate(() => ({
			scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__pwned')).length,
			handlers: document.querySelectorAll('[onerror], [onclick], [onload]').length,
			unsafeLinks: [...document.querySelectorAll('a')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
		}));
		expect(planted).toEqual({ scripts: 0, handlers: 0, unsafeLinks: 0 });
	});

	it('publishes a broken note as broken, with its problem and without its prose', async () => {
		await page.goto(`${siteUrl}/services/playback-order/`);
		await expect(page.getByTestId('broken-note').isVisible()).resolves.toBe(true);
		const problems = await page.getByTestId('problems').innerText();
		expect(problems).toContain('notes/playback-order.md:4');
		expect(problems).toContain('`2026-13-01` is not a date');
		const html = await readFile(path.join(work, 'site', 'services', 'playback-order', 'index.html'), 'utf8');
		expect(html).not.toContain('Secret prose');
		// The catalog still describes it.
		await expect(page.locator('main').innerText()).resolves.toContain('Playback Order');
	});
});

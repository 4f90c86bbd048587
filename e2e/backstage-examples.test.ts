import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runBuild } from '../scripts/build.ts';
import { loadConfig } from '../scripts/cli/load-config.ts';
import { memoryLogger } from '../scripts/lib/logger.ts';
import type { Model } from '../scripts/model/model-schema.ts';
import { serveSite } from '../scripts/publish/serve-site.ts';
import { mapGroups } from '../scripts/render/map-groups.ts';
import { realData } from '../fixtures/real-data.ts';
import { launchBrowser } from './browser.ts';

const root = path.resolve(import.meta.dirname, '..');
// The example catalog every new Backstage app starts with (see fixtures/realdata/PROVENANCE.md), read in place.
const examples = realData('catalogs', 'backstage-examples');
const NOW = new Date('2026-11-23T00:00:00Z');

let work: string;
let model: Model;
let warnings: string[];
let siteUrl: string;
let close: () => void;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	work = await mkdtemp(path.join(tmpdir(), 'halflife-backstage-examples-'));
	const content = path.join(work, 'content');
	await mkdir(path.join(content, 'catalogs'), { recursive: true });
	// What a team adds beside the examples: a service its guest user owns, using the artists database the
	// examples' artist-lookup depends on, owned by the examples' own group. A person's service using a
	// team's database crashed the build (`Diagram edge refers to unknown node "service:artists-db"`).
	await writeFile(
		path.join(content, 'catalogs', 'guest-book.yaml'),
		[
			'apiVersion: backstage.io/v1alpha1',
			'kind: Component',
			'metadata:',
			'  name: guest-book',
			'  description: Where guests sign in.',
			'spec:',
			'  type: service',
			'  lifecycle: experimental',
			'  owner: user:default/guest',
			'  system: examples',
			"  dependsOn: ['resource:artists-db']",
			'  consumesApis: [example-grpc-api]',
			'---',
			'apiVersion: backstage.io/v1alpha1',
			'kind: Resource',
			'metadata:',
			'  name: artists-db',
			'spec:',
			'  type: database',
			'  owner: group:default/guests',
			'',
		].join('\n'),
	);
	const base = await loadConfig(root);
	const options = {
		...base,
		content,
		site: path.join(work, 'site'),
		cacheDir: path.join(work, 'cache'),
		catalogs: { paths: [`${examples}/**/*.yaml`, 'catalogs/*.yaml'] },
	};
	const result = await runBuild({ root, options, now: NOW, logger: memoryLogger(), browser: inject('browserPath') });
	model = result.model;
	warnings = result.warnings.map((p) => `${p.error.name} ${p.error.message}`);
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

const serviceOf = (name: string) => model.services.find((s) => s.name === name)!;

describe("Backstage's own example catalog", () => {
	it('builds into one model: every owner a team or a person, every reference the entity it names', () => {
		expect(model.services.map((s) => [s.name, s.kind, s.owner])).toEqual([
			['artist-lookup', 'service', 'team-a'],
			['artists-db', 'database', 'guests'],
			['example-website', 'service', 'guests'],
			['guest-book', 'service', 'user:guest'],
			['hello-world', 'external', 'team-c'],
			['www-artist', 'service', 'team-a'],
		]);
		expect(model.edges.map((e) => [e.from, e.to, e.status, e.why])).toEqual([
			['artist-lookup', 'artists-db', 'phantom', null],
			['guest-book', 'artists-db', 'phantom', null],
			['guest-book', 'example-website', 'phantom', 'consumes API example-grpc-api'],
			['www-artist', 'artist-lookup', 'phantom', 'consumes the API of artist-lookup'],
		]);
		// Templates are Backstage too: skipped like Domains, not reported as an unknown format.
		expect(warnings.filter((w) => w.startsWith('CatalogUnknownFormat'))).toEqual([]);
	});

	it("shows a person's service as theirs, with its dependency on the team's database", async () => {
		await page.goto(`${siteUrl}/services/guest-book/`);
		await expect(page.locator('main > p.muted').first().innerText()).resolves.toBe('Service owned by guest (a person, not a team)');
		const calls = page.locator('h3:has-text("Calls") + .table-scroll tbody th');
		await expect(calls.allInnerTexts()).resolves.toEqual(['artists-db', 'example-website']);
		// Drawn at build time, with the database in it.
		const diagram = page.locator('.diagram svg');
		await expect(diagram.count()).resolves.toBe(1);
		await expect(diagram.textContent()).resolves.toContain('artists-db');
		await calls.first().locator('a').click();
		await page.waitForURL(`${siteUrl}/services/${serviceOf('artists-db').slug}/`);
		await expect(page.locator('main > p.muted').first().innerText()).resolves.toBe('Database owned by guests');
	});

	it('lists the resource the examples depend on, and the team the catalog names but never defines', async () => {
		await page.goto(`${siteUrl}/services/artist-lookup/`);
		await expect(page.locator('h3:has-text("Calls") + .table-scroll tbody th').allInnerTexts()).resolves.toEqual(['artists-db']);
		await page.locator('main > p.muted a').first().click();
		await expect(page.getByTestId('team-undefined').isVisible()).resolves.toBe(true);
		await expect(page.locator('h1').innerText()).resolves.toBe('team-a');
	});

	it("draws every group of the map, the person's services beside the teams' database", async () => {
		const groups = mapGroups(model);
		expect(groups.map((g) => [g.kind, g.services])).toEqual([
			['team', ['artists-db', 'example-website']],
			['team', ['artist-lookup', 'www-artist']],
			['team', ['hello-world']],
			['system', ['guest-book']],
		]);
		for (const group of groups) {
			await page.goto(`${siteUrl}${group.page}`);
			const svg = page.locator('.diagram svg');
			await expect(svg.count(), group.page).resolves.toBe(1);
			for (const name of group.services) await expect(svg.textContent(), `${group.page}: ${name}`).resolves.toContain(name);
		}
		await page.goto(`${siteUrl}/map/system-examples/`);
		await expect(page.locator('.diagram svg').textContent()).resolves.toContain('artists-db');
	});
});

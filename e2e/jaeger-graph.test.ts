import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runBuild, type BuildResult } from '../scripts/build.ts';
import { loadConfig } from '../scripts/cli/load-config.ts';
import { memoryLogger } from '../scripts/lib/logger.ts';
import { MAX_GROUP_SERVICES, MAX_MAP_NODES, MAX_PICTURE_LINES } from '../scripts/render/diagram-graphs.ts';
import { mapGroups } from '../scripts/render/map-groups.ts';
import { renderDiagrams } from '../scripts/render/render-diagrams.ts';
import { realData } from '../fixtures/real-data.ts';
import { measurePages } from '../scripts/bench/measure-pages.ts';
import { KIND_BUDGET_KB, MAX_PAGE_HEIGHT, PAGE_KINDS, SCREEN } from '../scripts/bench/page-budgets.ts';
import { serveSite } from '../scripts/publish/serve-site.ts';
import { EDGE_ROWS } from '../site/lib/bounds.ts';
import { launchBrowser } from './browser.ts';

const root = path.resolve(import.meta.dirname, '..');
const LARGE = realData('graphs/jaeger-dependencies/jaeger-ui_sample_large.json');
let work: string;
let result: BuildResult;

// The real 1,238-service dependency graph from Jaeger, as the only input: no notes, no teams.
// Diagrams are left to the browser here to keep the suite fast; `npm run bench` builds it with them.
beforeAll(async () => {
	work = await mkdtemp(path.join(tmpdir(), 'halflife-jaeger-'));
	await mkdir(path.join(work, 'content', 'telemetry'), { recursive: true });
	await copyFile(LARGE, path.join(work, 'content', 'telemetry', 'dependencies.json'));
	const options = {
		...(await loadConfig(root)),
		content: path.join(work, 'content'),
		site: path.join(work, 'site'),
		cacheDir: path.join(work, 'cache'),
	};
	result = await runBuild({ root, options, now: new Date('2026-11-23T00:00:00Z'), logger: memoryLogger(), browser: null });
});
afterAll(async () => {
	await rm(work, { recursive: true, force: true });
});

describe('the 1,238-service Jaeger graph', () => {
	it('builds a page for every service, every one undocumented and every edge hidden', async () => {
		const links = JSON.parse(await readFile(LARGE, 'utf8')) as { parent: string; child: string }[];
		const names = new Set(links.flatMap((l) => [l.parent, l.child]));
		expect(result.model.services).toHaveLength(names.size);
		expect(result.model.summary.hidden).toBe(new Set(links.map((l) => `${l.parent}\u0000${l.child}`)).size);
		// One folder per service, beside the index (index.html, and index/ for its later pages).
		const pages = (await readdir(path.join(result.siteDir, 'services'))).filter((name) => name !== 'index.html' && name !== 'index');
		expect(pages.length).toBe(names.size);
	});

	it('keeps the busiest service\'s diagram bounded and says how much it left out', async () => {
		const hub = [...result.model.services].sort((a, b) => b.dependents - a.dependents)[0]!;
		expect(hub.dependents).toBeGreaterThan(12);
		const html = await readFile(path.join(result.siteDir, 'services', hub.slug, 'index.html'), 'utf8');
		const source = /<pre class="mermaid"[^>]*>([\s\S]*?)<\/pre>/.exec(html)![1]!;
		const nodes = source.split('\n').filter((line) => /^\s*n\d+[[({>]/.test(line));
		expect(nodes.length).toBeLessThanOrEqual(13);
		expect(html).toMatch(/\d+ more neighbours not drawn \(hidden and phantom lines are drawn first, with a third/);
	});

	it('maps every unowned service in exactly one bounded picture, every node a link to a page that exists', async () => {
		const groups = mapGroups(result.model);
		// The system map does not try to draw 1,238 nodes, nor 1,238 / 30 groups in one picture: it lists them.
		const map = await readFile(path.join(result.siteDir, 'map', 'index.html'), 'utf8');
		expect(groups.length).toBeGreaterThan(MAX_MAP_NODES);
		expect(groups.length).toBeLessThanOrEqual(60);
		const rows = /<table data-testid="map-groups">([\s\S]*?)<\/table>/.exec(map)![1]!.match(/<tr id="map-/g);
		expect(rows).toHaveLength(groups.length);
		expect(map).not.toContain('<pre class="mermaid"');
		// One row per group: the map stays small however many services there are (13.7 kB when written).
		expect(Buffer.byteLength(map)).toBeLessThan(40_000);

		const drawn = new Map<string, number>();
		const sources: { id: string; source: string }[] = [];
		for (const group of groups) {
			expect(group.kind).toBe('cluster');
			const html = await readFile(path.join(result.siteDir, 'map', group.slug, 'index.html'), 'utf8');
			const source = unescapeHtml(/<pre class="mermaid"[^>]*>([\s\S]*?)<\/pre>/.exec(html)![1]!);
			sources.push({ id: group.diagramId, source });
			const nodes = source.split('\n').filter((line) => /^\tn\d+[[({>]/.test(line)).map((line) => /^\tn(\d+)/.exec(line)![1]!);
			const links = new Map([...source.matchAll(/^\tclick n(\d+) href "([^"]*)"$/gm)].map((m) => [m[1]!, m[2]!]));
			expect(nodes.length).toBeLessThanOrEqual(MAX_MAP_NODES);
			expect(source.split('\n').filter((line) => /^\tn\d+ (-->|==>|-\.->)/.test(line)).length).toBeLessThanOrEqual(MAX_PICTURE_LINES);
			expect([...links.keys()].sort()).toEqual([...nodes].sort());
			// With no infrastructure and every other group folded, each service drawn is one of the group's own.
			const services = [...links.values()].filter((href) => href.startsWith('/services/'));
			expect(services.length).toBeLessThanOrEqual(MAX_GROUP_SERVICES);
			for (const href of services) drawn.set(href, (drawn.get(href) ?? 0) + 1);
		}
		expect(drawn.size).toBe(result.model.services.length);
		expect([...drawn.values()].every((count) => count === 1)).toBe(true);

		// Drawn in Chromium, as `npm run bench` and a real build do: every node in each SVG is a link to a page that exists.
		const rendered = await renderDiagrams(sources, { cacheDir: path.join(work, 'map-cache'), browser: inject('browserPath'), logger: memoryLogger() });
		expect(rendered.stats.rendered).toBe(groups.length);
		const targets = new Set<string>();
		for (const [id, diagram] of rendered) {
			expect('svg' in diagram, id).toBe(true);
			const svg = (diagram as { svg: string }).svg;
			const nodes = svg.match(/<g class="node /g) ?? [];
			const linked = [...svg.matchAll(/<a xlink:href="([^"]*)"[^>]*><g class="node /g)].map((m) => m[1]!);
			expect(nodes.length, id).toBeGreaterThan(0);
			expect(linked, id).toHaveLength(nodes.length);
			for (const href of linked) targets.add(href);
		}
		for (const href of targets) {
			// A service's page, another group's, or the map itself for the node folding the least-linked groups.
			expect(href).toMatch(/^\/(services\/[a-z0-9-]+\/|map\/([a-z0-9-]+\/)?)$/);
			await expect(stat(path.join(result.siteDir, href, 'index.html')), href).resolves.toBeTruthy();
		}
	});

	it('counts the calls of a source that keeps no spans, instead of "0 spans in 0 traces", and leaves no empty line on a service page', async () => {
		const links = JSON.parse(await readFile(LARGE, 'utf8')) as { callCount: number }[];
		const calls = links.reduce((sum, link) => sum + link.callCount, 0);
		const overview = await readFile(path.join(result.siteDir, 'index.html'), 'utf8');
		const scope = /<p class="muted" data-testid="telemetry-scope">([\s\S]*?)<\/p>/.exec(overview)![1]!.replace(/\s+/g, ' ');
		expect(scope).toContain(`${calls.toLocaleString('en-US')} calls counted between services (the source keeps totals, no spans)`);
		expect(scope).not.toContain('0 spans');
		const hub = [...result.model.services].sort((a, b) => b.dependents - a.dependents)[0]!;
		const page = await readFile(path.join(result.siteDir, 'services', hub.slug, 'index.html'), 'utf8');
		expect(page).toContain('Seen in this window; the source gives totals, not times.');
		expect(page).not.toMatch(/<p[^>]*>\s*[.,]?\s*<\/p>/);
	});

	it('lists the observed call cycles, largest first, and draws each: a small one whole, the 356-service one as one loop', async () => {
		const sizes = result.model.cycles.map((c) => c.members.length);
		expect(sizes).toEqual([356, 5, 4, 4, 2]);
		const html = await readFile(path.join(result.siteDir, 'feedback', 'index.html'), 'utf8');
		const list = /<ol data-testid="cycles">([\s\S]*?)<\/ol>\s*(?:<p|<\/section|<h2)/.exec(html)![1]!;
		expect(list.match(/reach each other<\/strong>/g)).toHaveLength(5);
		expect(list).toContain('356 nodes reach each other');
		expect(list).toContain('and 344 more in');
		const pictures = [...list.matchAll(/<pre class="mermaid"[^>]*>([\s\S]*?)<\/pre>/g)].map((m) => unescapeHtml(m[1]!));
		expect(pictures).toHaveLength(5);
		// The large group's picture is one loop: as many lines as boxes, each box left and entered once.
		const [loop] = pictures;
		const boxes = loop!.split('\n').filter((line) => /^\tn\d+[[({>]/.test(line)).length;
		const lines = [...loop!.matchAll(/^\t(n\d+) (?:-->|==>|-\.->)(?:\|"[^"]*"\|)? (n\d+)$/gm)].map((m) => [m[1]!, m[2]!]);
		expect(boxes).toBeGreaterThan(1);
		expect(lines).toHaveLength(boxes);
		expect(new Set(lines.map(([from]) => from)).size).toBe(boxes);
		expect(new Set(lines.map(([, to]) => to)).size).toBe(boxes);
		expect(list).toMatch(/One shortest loop among them, through its busiest member: [^<]+ → [^<]+/);
		// A five-service group is drawn whole: five boxes.
		expect(pictures[1]!.split('\n').filter((line) => /^\tn\d+[[({>]/.test(line))).toHaveLength(5);
	});

	it('gives a newcomer a short reading path through 1,238 services', async () => {
		const html = await readFile(path.join(result.siteDir, 'start', 'index.html'), 'utf8');
		const flows = /<ol data-testid="flows">([\s\S]*?)<\/ol>/.exec(html)![1]!;
		const reading = /<ol class="reading" data-testid="reading-list">([\s\S]*?)<\/ol>/.exec(html)![1]!;
		expect(flows.match(/<li>/g)).toHaveLength(5);
		expect(reading.match(/<li>/g)).toHaveLength(10);
		// The most depended-on service is on the list, and every entry links to its page.
		const hub = [...result.model.services].sort((a, b) => b.dependents - a.dependents)[0]!;
		expect(reading).toContain(`/services/${hub.slug}/`);
	});

	it('keeps every kind of page within its budgets, the hub called by hundreds included', async () => {
		const hub = [...result.model.services].sort((a, b) => b.dependents - a.dependents)[0]!;
		expect(hub.dependents).toBeGreaterThan(200);
		const { url, server } = await serveSite(result.siteDir);
		const browser = await launchBrowser();
		try {
			// The heaviest and the longest of each kind: 1,238 service pages draw their diagrams in the browser here, which takes time.
			const figures = await measurePages(result.siteDir, { browser, url, perKind: 1 });
			expect(figures.filter((f) => !f.frozen).map((f) => f.kind)).toEqual(PAGE_KINDS.filter((kind) => kind !== 'team' && kind !== 'queue' && kind !== 'incident'));
			for (const f of figures) {
				const name = `${f.frozen ? 'frozen ' : ''}${f.kind}`;
				expect(f.tallest.height, `${name}: ${f.tallest.path}`).toBeLessThanOrEqual(MAX_PAGE_HEIGHT);
				expect(f.heaviest.bytes, `${name}: ${f.heaviest.path}`).toBeLessThanOrEqual(KIND_BUDGET_KB[f.kind] * 1000);
			}
			// The hub's page shows its busiest callers and links to all of them, on pages of their own.
			const page = await browser.newPage({ viewport: SCREEN });
			await page.goto(`${url}/services/${hub.slug}/`, { waitUntil: 'load' });
			const callers = page.locator('h3:has-text("Called by") + .table-scroll tbody tr');
			await expect(callers.count()).resolves.toBe(EDGE_ROWS);
			await page.getByRole('link', { name: `all ${hub.dependents} callers` }).click();
			const listed: string[] = [];
			for (;;) {
				listed.push(...(await page.locator('tbody th a').allInnerTexts()));
				const next = page.getByRole('link', { name: 'Next page' });
				if ((await next.count()) === 0) break;
				await next.click();
			}
			expect(new Set(listed).size).toBe(hub.dependents);
		} finally {
			await browser.close();
			server.close();
		}
		// One page of every kind, latest and frozen, then the hub's callers page by page: about a minute alone.
	}, 300_000);
});

// The diagram source a page falls back to is HTML-escaped; these are the only entities escapeHtml writes.
function unescapeHtml(text: string): string {
	return text.replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name]!);
}

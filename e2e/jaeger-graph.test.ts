import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type BuildResult } from '../scripts/build.ts';
import { loadConfig } from '../scripts/cli/load-config.ts';
import { memoryLogger } from '../scripts/lib/logger.ts';

const root = path.resolve(import.meta.dirname, '..');
const LARGE = path.resolve(root, '../shared/realdata/graphs/jaeger-dependencies/jaeger-ui_sample_large.json');
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
		const pages = await readdir(path.join(result.siteDir, 'services'));
		expect(pages.length).toBe(names.size + 1);
	});

	it('keeps the busiest service\'s diagram bounded and says how much it left out', async () => {
		const hub = [...result.model.services].sort((a, b) => b.dependents - a.dependents)[0]!;
		expect(hub.dependents).toBeGreaterThan(12);
		const html = await readFile(path.join(result.siteDir, 'services', hub.slug, 'index.html'), 'utf8');
		const source = /<pre class="mermaid">([\s\S]*?)<\/pre>/.exec(html)![1]!;
		const nodes = source.split('\n').filter((line) => /^\s*n\d+[[({>]/.test(line));
		expect(nodes.length).toBeLessThanOrEqual(13);
		expect(html).toMatch(/\d+ quieter neighbours are not drawn/);
		// The system map does not try to draw 1,238 nodes.
		const map = await readFile(path.join(result.siteDir, 'map', 'index.html'), 'utf8');
		expect(map).toContain('too many for one readable picture');
		expect(map).toContain('1238 services have no owner');
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
});

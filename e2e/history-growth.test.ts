import { lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../scripts/build.ts';
import { loadConfig } from '../scripts/cli/load-config.ts';
import { generateOrg } from '../scripts/demo/generate-org.ts';
import { runDiff } from '../scripts/diff.ts';
import { diskUsage } from '../scripts/lib/disk-usage.ts';
import { memoryLogger } from '../scripts/lib/logger.ts';
import { exportSite } from '../scripts/publish/export-site.ts';
import { RECENT_BUILDS, readVersionModel, readVersionsIndex } from '../scripts/publish/versions-index.ts';

const root = path.resolve(import.meta.dirname, '..');
// Three past RECENT_BUILDS (24): versions.json's growth is then seen on two builds whose oldest listed entry
// loses its services' scores, and the last five builds (whose cost is compared with builds 3-7) are 20 builds on.
const BUILDS = 27;
// Enough for the retention window to fill, so later builds show what a build costs for good.
const KEEP = 3;
const start = new Date('2026-11-23T06:00:00Z');
const hour = 3_600_000;

let work: string;
let site: string;
/** Per build: the bytes the site grew by, the build's wall time and the size of the versions.json it published. */
// `cpuMs`: CPU time this process spent on the build, Astro's worker thread included: the work a build
// does, which other tests running beside it on the machine do not change the way they change wall time.
const figures: { added: number; ms: number; cpuMs: number; versionsJson: number }[] = [];
const ids: string[] = [];

// The same small organisation built 27 times, an hour apart (within its telemetry window), as a
// scheduled job would: what a build adds and how long it takes must not grow with the history.
beforeAll(async () => {
	work = await mkdtemp(path.join(tmpdir(), 'halflife-history-growth-'));
	site = path.join(work, 'site');
	const content = path.join(work, 'content');
	await generateOrg({ services: 12, now: start, dir: content });
	const base = await loadConfig(root);
	const options = { ...base, content, site, cacheDir: path.join(work, 'cache'), retention: { ...base.retention, keepVersions: KEEP } };
	let size = 0;
	for (let i = 0; i < BUILDS; i++) {
		const began = performance.now();
		const cpu = process.cpuUsage();
		const { id } = await runBuild({ root, options, now: new Date(start.getTime() + i * hour), logger: memoryLogger(), browser: null });
		const ms = performance.now() - began;
		const used = process.cpuUsage(cpu);
		const after = (await diskUsage(site)).apparent;
		figures.push({ added: after - size, ms, cpuMs: (used.user + used.system) / 1000, versionsJson: (await readFile(path.join(site, 'versions.json'))).length });
		ids.push(id);
		size = after;
	}
}, 900_000);
afterAll(async () => {
	// The figures behind the verdicts below, for whoever reads a failure.
	console.info(figures.map((f, i) => `build ${i + 1}: +${f.added} B in ${Math.round(f.ms)} ms (${Math.round(f.cpuMs)} ms of CPU), versions.json ${f.versionsJson} B`).join('\n'));
	await rm(work, { recursive: true, force: true });
});

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('twenty-seven builds of one organisation', () => {
	it('add the same bytes each once the retention window is full, not more as the history grows', () => {
		const steady = figures.slice(KEEP + 1).map((f) => f.added);
		const early = median(steady.slice(0, 5));
		const late = median(steady.slice(-5));
		// A build keeps its gzipped model and one entry of versions.json for good; its pages leave with retention.
		expect(early).toBeGreaterThan(0);
		expect(late).toBeLessThan(early * 1.5);
		expect(Math.max(...steady)).toBeLessThan(early * 2);
		// And far less than a copy of the pages: the first build's whole site.
		expect(late).toBeLessThan(figures[0]!.added / 5);
	});

	it('keep versions.json from growing by every service per build', () => {
		const growth = figures.slice(1).map((f, i) => f.versionsJson - figures[i]!.versionsJson);
		// Past RECENT_BUILDS, an entry loses its services' scores as a new one arrives: the file grows by a summary.
		const after = growth.slice(RECENT_BUILDS);
		expect(after.length).toBeGreaterThan(0);
		expect(Math.max(...after)).toBeLessThan(median(growth.slice(0, 5)));
	});

	it('take as long at the last build as at the fifth', () => {
		// CPU time, so other test files running beside this one cannot tilt it; medians of five and a
		// second of slack, since a cost that grows with the history is not subtle over 27 builds.
		const early = median(figures.slice(2, 7).map((f) => f.cpuMs));
		const late = median(figures.slice(-5).map((f) => f.cpuMs));
		expect(late).toBeLessThan(early * 1.5 + 1000);
	});

	it('still cover every build in versions.json, the models and halflife diff', async () => {
		const index = await readVersionsIndex(path.join(site, 'versions.json'));
		expect(index.versions.map((v) => v.id)).toEqual(ids);
		expect(index.versions.filter((v) => !v.pruned).map((v) => v.id)).toEqual(ids.slice(-KEEP));
		for (const id of [ids[0]!, ids[14]!]) expect((await readVersionModel(site, id)).build.id).toBe(id);
		const { changes } = await runDiff({ siteDir: site, from: ids[0], to: ids.at(-1) });
		expect(changes.previous).toBe(ids[0]);
		// Every build still in the charts: the system's confidence is kept for each.
		expect(index.versions.every((v) => v.confidence.system !== null)).toBe(true);
	});
});

describe('retention', () => {
	it('removes the pages of old versions but keeps their gzipped model, and the builds page lists them without a link', async () => {
		expect(await readdir(path.join(site, 'v', ids[0]!))).toEqual(['halflife-model.json.gz']);
		expect((await readdir(path.join(site, 'v', ids.at(-2)!))).length).toBeGreaterThan(5);
		const builds = await readFile(path.join(site, 'builds', 'index.html'), 'utf8');
		expect(builds).toContain('pages pruned by retention');
		// The newest build whose pages retention removed, on the builds page's first page.
		expect(builds).toContain(`${ids.at(-KEEP - 1)} <small class="muted">pages pruned by retention`);
		expect(builds).not.toContain(`href="/v/${ids.at(-KEEP - 1)}/"`);
		expect(builds).toContain(`href="/v/${ids.at(-2)}/"`);
	});
});

describe('the published site', () => {
	it('serves the latest build through one symlink swapped atomically, and exports as plain files', async () => {
		expect((await lstat(path.join(site, 'index.html'))).isSymbolicLink()).toBe(true);
		expect((await lstat(path.join(site, 'v'))).isDirectory()).toBe(true);
		const out = path.join(work, 'export');
		await exportSite(site, out);
		const entries = await readdir(out, { recursive: true, withFileTypes: true });
		expect(entries.filter((e) => e.isSymbolicLink())).toEqual([]);
		expect(entries.some((e) => e.name === '.halflife-root' || e.parentPath.includes('.halflife-root'))).toBe(false);
		expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe(await readFile(path.join(site, 'index.html'), 'utf8'));
		expect(JSON.parse(await readFile(path.join(out, 'versions.json'), 'utf8')).latest).toBe(ids.at(-1));
	});
});

import { lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../scripts/build.ts';
import { loadConfig } from '../scripts/cli/load-config.ts';
import { DEMO_BUILDS } from '../scripts/demo/demo-org.ts';
import { runDiff } from '../scripts/diff.ts';
import { buildIdOf } from '../scripts/lib/build-clock.ts';
import { memoryLogger } from '../scripts/lib/logger.ts';
import { exportSite } from '../scripts/publish/export-site.ts';
import { readVersionsIndex } from '../scripts/publish/versions-index.ts';

const root = path.resolve(import.meta.dirname, '..');
const builds = DEMO_BUILDS.slice(0, 3).map((now) => new Date(now));
const ids = builds.map(buildIdOf);
let work: string;
let site: string;

// Three builds of the demo with a retention of two: the oldest loses its pages, never its data.
beforeAll(async () => {
	work = await mkdtemp(path.join(tmpdir(), 'halflife-retention-'));
	site = path.join(work, 'site');
	const base = await loadConfig(root);
	const options = { ...base, site, cacheDir: path.join(work, 'cache'), retention: { ...base.retention, keepVersions: 2 } };
	for (const now of builds) await runBuild({ root, options, now, logger: memoryLogger(), browser: null });
});
afterAll(async () => {
	await rm(work, { recursive: true, force: true });
});

describe('retention', () => {
	it('prunes the pages of old versions but keeps their model for charts and diffs', async () => {
		expect(await readdir(path.join(site, 'v', ids[0]!))).toEqual(['halflife-model.json.gz']);
		expect((await readdir(path.join(site, 'v', ids[1]!))).length).toBeGreaterThan(5);
		const index = await readVersionsIndex(path.join(site, 'versions.json'));
		expect(index.versions.map((v) => [v.id, v.pruned])).toEqual([
			[ids[0], true],
			[ids[1], false],
			[ids[2], false],
		]);
		expect(index.versions[0]!.confidence.system).toBeGreaterThan(0);
		const { changes } = await runDiff({ siteDir: site, from: ids[0], to: ids[2] });
		expect(changes.previous).toBe(ids[0]);
		const builds = await readFile(path.join(site, 'builds', 'index.html'), 'utf8');
		expect(builds).toContain('pages pruned by retention');
		expect(builds).not.toContain(`href="/v/${ids[0]}/"`);
		expect(builds).toContain(`href="/v/${ids[1]}/"`);
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
		expect(JSON.parse(await readFile(path.join(out, 'versions.json'), 'utf8')).latest).toBe(ids[2]);
	});
});

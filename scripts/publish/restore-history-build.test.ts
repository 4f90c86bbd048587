import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../build.ts';
import { loadConfig } from '../cli/load-config.ts';
import { buildIdOf } from '../lib/build-clock.ts';
import { memoryLogger } from '../lib/logger.ts';
import { diffModels } from '../model/diff-models.ts';
import { mergeModel } from '../model/merge-model.ts';
import { content, note, team } from '../model/test-helpers/model-inputs.ts';
import { serveSite } from './serve-site.ts';
import { readVersionModel, readVersionsIndex, VERSIONS_SCHEMA_VERSION, type VersionsIndex } from './versions-index.ts';

const root = path.resolve(import.meta.dirname, '../..');
const days = ['2026-11-09T06:00:00Z', '2026-11-16T06:00:00Z'].map((d) => new Date(d));
const models = days.map((now) => mergeModel(content([note('checkout', 'platform', '2026-10-01')], [team('platform')]), null, { buildId: buildIdOf(now), now, staleAfterDays: 90 }));
const ids = models.map((m) => m.build.id);

let work: string;
let served: { url: string; server: Server };
beforeAll(async () => {
	work = await mkdtemp(path.join(tmpdir(), 'halflife-restore-build-'));
	// The deployed site, in the shape publish writes: versions.json and each build's gzipped model.
	const deployed = path.join(work, 'deployed');
	const index: VersionsIndex = {
		schemaVersion: VERSIONS_SCHEMA_VERSION,
		latest: ids.at(-1)!,
		versions: models.map((model, i) => ({
			id: model.build.id,
			now: model.build.now,
			path: `/v/${model.build.id}/`,
			summary: model.summary,
			changes: diffModels(models[i - 1] ?? null, model),
			pruned: false,
			bytes: null,
			confidence: { system: null, teams: {}, services: {} },
			calibration: null,
		})),
	};
	await mkdir(deployed, { recursive: true });
	await writeFile(path.join(deployed, 'versions.json'), JSON.stringify(index));
	for (const model of models) {
		await mkdir(path.join(deployed, 'v', model.build.id), { recursive: true });
		await writeFile(path.join(deployed, 'v', model.build.id, 'halflife-model.json.gz'), gzipSync(JSON.stringify(model)));
	}
	served = await serveSite(deployed, 0, '127.0.0.1', '/kb/');
	const contentDir = path.join(work, 'content');
	await mkdir(path.join(contentDir, 'teams'), { recursive: true });
	await mkdir(path.join(contentDir, 'notes'), { recursive: true });
	await writeFile(path.join(contentDir, 'teams', 'platform.md'), '---\nname: Platform\n---\n');
	await writeFile(path.join(contentDir, 'notes', 'checkout.md'), '---\nservice: checkout\nowner: platform\nreviewed: 2026-10-01\n---\n\nTakes the orders.\n');
});
afterAll(async () => {
	await new Promise((resolve) => served.server.close(resolve));
	await rm(work, { recursive: true, force: true });
});

describe('a build into an emptied site folder with history.restoreFrom', () => {
	it('restores the deployed history first and adds the new build to it', { timeout: 600_000 }, async () => {
		const site = path.join(work, 'site');
		const base = await loadConfig(root);
		const options = { ...base, content: path.join(work, 'content'), site, cacheDir: path.join(work, 'cache'), history: { restoreFrom: `${served.url}/` } };
		const logger = memoryLogger();
		const now = new Date('2026-11-23T06:00:00Z');
		const result = await runBuild({ root, options, now, logger, browser: null, gitDir: work });
		expect(logger.lines).toContain(`info: history: the site folder was empty; restored 2 builds from ${served.url}/; their pages are not restored`);
		expect(result.changes.previous).toBe(ids.at(-1));
		const index = await readVersionsIndex(path.join(site, 'versions.json'));
		expect(index.versions.map((v) => [v.id, v.pruned])).toEqual([[ids[0], true], [ids[1], true], [buildIdOf(now), false]]);
		expect(index.latest).toBe(buildIdOf(now));
		expect(index.versions.at(-1)!.changes.previous).toBe(ids.at(-1));
		// The restored models stay through the build's retention pass, so charts and diffs still read them.
		for (const [i, id] of ids.entries()) expect(await readVersionModel(site, id)).toEqual(models[i]);
		expect(await readdir(path.join(site, 'v', ids[0]!))).toEqual(['halflife-model.json.gz']);
	});
});

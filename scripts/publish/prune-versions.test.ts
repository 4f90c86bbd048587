import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyCatalog } from '../catalogs/empty-catalog.ts';
import { memoryLogger } from '../lib/logger.ts';
import { describeServices } from '../model/describe-services.ts';
import { diffModels } from '../model/diff-models.ts';
import { mergeModel } from '../model/merge-model.ts';
import { pruneVersions, versionsToPrune } from './prune-versions.ts';
import { publishVersion } from './publish-version.ts';
import { writeAstroOutput, type TestBuild } from './test-helpers/astro-output.ts';
import { servedRoot } from './test-helpers/served-files.ts';
import { readVersionModel, versionsIndexSchema, type VersionsIndex } from './versions-index.ts';

const IDS = ['20261102T000000Z', '20261109T000000Z', '20261116T000000Z', '20261123T000000Z', '20261130T000000Z'];

/** A versions index of `ids`, as versions.json has it; `pruned` marks ids retention already pruned. */
function indexOf(ids: readonly string[], pruned: readonly string[] = []): VersionsIndex {
	const beliefs = describeServices({ notes: [], teams: [], broken: [], problems: [] }, emptyCatalog(), null);
	const versions = ids.map((id) => {
		const model = mergeModel(beliefs, null, { buildId: id, now: new Date(`${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}T00:00:00Z`), staleAfterDays: 90 });
		return { id, now: model.build.now, path: `/v/${id}/`, summary: model.summary, changes: diffModels(null, model), ...(pruned.includes(id) ? { pruned: true } : {}) };
	});
	return versionsIndexSchema.parse({ schemaVersion: 1, latest: ids.at(-1) ?? null, versions });
}

const count = (keepVersions: number | null) => ({ keepVersions, frozenBytes: null });

/** The index of `ids` with each version weighing `bytes[i]` (null: not weighed yet). */
const weighed = (bytes: (number | null)[]) => {
	const index = indexOf(IDS);
	return { ...index, versions: index.versions.map((version, i) => ({ ...version, bytes: bytes[i] ?? null })) };
};

describe('versionsToPrune', () => {
	it('keeps the pages of the newest versions that fit in frozenBytes, taking an unweighed one to weigh what the newest weighed one does', () => {
		expect(versionsToPrune(weighed([10, 10, 10, 10, null]), { keepVersions: null, frozenBytes: 30 })).toEqual(IDS.slice(0, 2));
		expect(versionsToPrune(weighed([10, 10, 10, 25, null]), { keepVersions: null, frozenBytes: 60 })).toEqual(IDS.slice(0, 2));
		expect(versionsToPrune(weighed([1, 1, 1, 1, null]), { keepVersions: null, frozenBytes: 1000 })).toEqual([]);
		// Both limits hold at once.
		expect(versionsToPrune(weighed([1, 1, 1, 1, null]), { keepVersions: 2, frozenBytes: 1000 })).toEqual(IDS.slice(0, 3));
		// The latest keeps its pages even when it alone is over the limit.
		expect(versionsToPrune(weighed([50, 50, 50, 50, null]), { keepVersions: null, frozenBytes: 10 })).toEqual(IDS.slice(0, 4));
	});

	it('weighs versions already pruned as nothing', () => {
		const index = weighed([10, 10, 10, 10, null]);
		index.versions[1] = { ...index.versions[1]!, pruned: true };
		expect(versionsToPrune(index, { keepVersions: null, frozenBytes: 30 })).toEqual([IDS[0]]);
	});

	it('picks every version but the newest keepVersions, oldest first', () => {
		expect(versionsToPrune(indexOf(IDS), count(2))).toEqual(IDS.slice(0, 3));
		expect(versionsToPrune(indexOf(IDS), count(4))).toEqual(IDS.slice(0, 1));
	});

	it('keeps everything with null, or with at least as many to keep as there are versions', () => {
		expect(versionsToPrune(indexOf(IDS), count(null))).toEqual([]);
		expect(versionsToPrune(indexOf(IDS), count(5))).toEqual([]);
		expect(versionsToPrune(indexOf(IDS), count(50))).toEqual([]);
		expect(versionsToPrune(indexOf([]), count(0))).toEqual([]);
	});

	it('never picks the latest, even when told to keep none', () => {
		expect(versionsToPrune(indexOf(IDS), count(0))).toEqual(IDS.slice(0, 4));
		expect(versionsToPrune(indexOf(IDS.slice(0, 1)), count(0))).toEqual([]);
	});

	it('skips versions already pruned', () => {
		expect(versionsToPrune(indexOf(IDS, [IDS[0]!, IDS[2]!]), count(1))).toEqual([IDS[1], IDS[3]]);
		expect(indexOf(IDS).versions.every((version) => version.pruned === false)).toBe(true);
	});
});

let dir: string;
let siteDir: string;
beforeEach(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-prune-'));
	siteDir = path.join(dir, 'site');
	const clientScript = path.join(dir, 'mermaid.min.js');
	await writeFile(clientScript, 'window.mermaid = {};\n');
	const builds: TestBuild[] = IDS.slice(0, 3).map((id, i) => ({ id, now: `2026-11-${String(2 + 7 * i).padStart(2, '0')}T00:00:00Z`, services: ['cart', 'search'] }));
	for (let i = 1; i <= builds.length; i++) {
		const outDir = await writeAstroOutput(dir, builds.slice(0, i));
		await publishVersion({ siteDir, outDir, id: builds[i - 1]!.id, diagrams: new Map(), clientScript, logger: memoryLogger() });
	}
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

const versionDir = (id: string) => path.join(siteDir, 'v', id);
const model = (id: string) => readFile(path.join(versionDir(id), 'halflife-model.json.gz'));

describe('pruneVersions', () => {
	it('removes the pages of each version and keeps its model, and nothing else', async () => {
		const [first, second, third] = IDS as [string, string, string];
		const models = await Promise.all([first, second].map(model));
		const thirdPages = (await readdir(versionDir(third), { recursive: true })).sort();
		const root = await servedRoot(siteDir);
		expect((await readdir(versionDir(first))).length).toBeGreaterThan(5);

		expect(await pruneVersions(siteDir, [first, second])).toBe(2);
		for (const [i, id] of [first, second].entries()) {
			expect(await readdir(versionDir(id))).toEqual(['halflife-model.json.gz']);
			expect(await model(id)).toEqual(models[i]);
		}
		expect((await readdir(path.join(siteDir, 'v'))).sort()).toEqual([first, second, third]);
		expect((await readdir(versionDir(third), { recursive: true })).sort()).toEqual(thirdPages);
		expect(await servedRoot(siteDir)).toEqual(root);

		// Again, and for a version that is not there: nothing to do.
		expect(await pruneVersions(siteDir, [first, second, IDS[4]!])).toBe(0);
		expect(await readdir(versionDir(first))).toEqual(['halflife-model.json.gz']);
	});

	it('keeps the model of a version published before the gzipped copy, gzipped, and reads it the same', async () => {
		const id = IDS[0]!;
		const before = await readVersionModel(siteDir, id);
		// What an older Halflife left: the plain model only.
		await rm(path.join(versionDir(id), 'halflife-model.json.gz'));
		expect(await readVersionModel(siteDir, id)).toEqual(before);
		expect(await pruneVersions(siteDir, [id])).toBe(1);
		expect(await readdir(versionDir(id))).toEqual(['halflife-model.json.gz']);
		expect(await readVersionModel(siteDir, id)).toEqual(before);
		expect(before.build.id).toBe(id);
	});

	it('finishes a prune killed at any point, with the model readable throughout', async () => {
		const id = IDS[0]!;
		const kept = await model(id);
		const trash = path.join(siteDir, 'v', `.${id}.pruned`);
		const pages = (await readdir(versionDir(id))).filter((name) => name !== 'halflife-model.json.gz').sort();
		// The states a kill can leave, in order: the trash made, some pages moved, all moved, the trash half removed.
		const states: Record<string, () => Promise<void>> = {
			'trash made': () => mkdir(trash).then(() => undefined),
			'half moved': async () => {
				await mkdir(trash);
				for (const name of pages.slice(0, 2)) await rename(path.join(versionDir(id), name), path.join(trash, name));
			},
			'all moved': async () => {
				await mkdir(trash);
				for (const name of pages) await rename(path.join(versionDir(id), name), path.join(trash, name));
			},
			'trash half removed': async () => {
				await mkdir(trash);
				for (const name of pages) await rename(path.join(versionDir(id), name), path.join(trash, name));
				await rm(path.join(trash, pages[0]!), { recursive: true });
			},
		};
		const before = path.join(dir, 'before');
		await rename(versionDir(id), before);
		for (const [state, kill] of Object.entries(states)) {
			await rm(versionDir(id), { recursive: true, force: true });
			await rm(trash, { recursive: true, force: true });
			await cp(before, versionDir(id), { recursive: true });
			await kill();
			expect(await model(id), state).toEqual(kept);

			expect(await pruneVersions(siteDir, [id]), state).toBe(1);
			expect(await readdir(versionDir(id)), state).toEqual(['halflife-model.json.gz']);
			expect(await model(id), state).toEqual(kept);
			expect((await readdir(path.join(siteDir, 'v'))).filter((name) => name.startsWith('.')), state).toEqual([]);
		}
	});

	it('refuses an id that is not a plain build id, before removing anything', async () => {
		const entries = (await readdir(siteDir, { recursive: true })).sort();
		for (const bad of ['..', '../site', `${IDS[0]}/..`, '.', '']) {
			await expect(pruneVersions(siteDir, [IDS[1]!, bad])).rejects.toThrow(`not a build id: ${bad}`);
		}
		expect((await readdir(siteDir, { recursive: true })).sort()).toEqual(entries);
	});
});

import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimWorkDir, pruneWorkDirs } from './prune-work-dirs.ts';

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-work-'));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('pruneWorkDirs', () => {
	it('removes the working folders of sites that are gone, and only those', async () => {
		const sites = path.join(dir, 'cache', 'sites');
		for (const name of ['kept', 'gone', 'unknown']) await mkdir(path.join(sites, name, 'build'), { recursive: true });
		await mkdir(path.join(dir, 'site-kept'));
		await claimWorkDir(path.join(sites, 'kept'), path.join(dir, 'site-kept'));
		await claimWorkDir(path.join(sites, 'gone'), path.join(dir, 'site-gone'));
		await writeFile(path.join(sites, 'unknown', 'build', 'model.json'), '{}');
		expect(await pruneWorkDirs(sites)).toEqual([path.join(sites, 'gone')]);
		expect((await readdir(sites)).sort()).toEqual(['kept', 'unknown']);
		expect(await readdir(path.join(sites, 'kept'))).toEqual(['build', 'site.txt']);
		expect(await pruneWorkDirs(path.join(dir, 'no-cache-yet'))).toEqual([]);
	});
});

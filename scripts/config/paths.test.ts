import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDirOf, snapshotsDirOf, workDirOf } from './paths.ts';

describe('working folders', () => {
	it('gives every site its own working folder in the cache, the same for a checkout wherever it is', () => {
		const here = workDirOf('/work/kb', { cacheDir: '.halflife', site: 'dist' });
		expect(here).toMatch(/^\/work\/kb\/\.halflife\/sites\/dist-[0-9a-f]{8}$/);
		expect(buildDirOf('/work/kb', { cacheDir: '.halflife', site: 'dist' })).toBe(path.join(here, 'build'));
		// The same checkout elsewhere (another CI runner) keeps the same folder name, so a restored cache fits.
		expect(path.basename(workDirOf('/runner/builds/kb', { cacheDir: '.halflife', site: 'dist' }))).toBe(path.basename(here));
		// Two sites, even of one name in different folders, never share one.
		const others = [
			workDirOf('/work/kb', { cacheDir: '.halflife', site: 'dist-b' }),
			workDirOf('/work/kb', { cacheDir: '.halflife', site: 'b/dist' }),
			workDirOf('/work/kb', { cacheDir: '.halflife', site: '/srv/www/dist' }),
		];
		expect(new Set([here, ...others]).size).toBe(4);
		for (const dir of others) expect(path.dirname(dir)).toBe('/work/kb/.halflife/sites');
	});

	it('keeps snapshots per content folder', () => {
		const a = snapshotsDirOf('/work/kb/.halflife', '/work/kb/content');
		const b = snapshotsDirOf('/work/kb/.halflife', '/work/kb/teams/b/content');
		expect(a).toMatch(/^\/work\/kb\/\.halflife\/snapshots\/content-[0-9a-f]{8}$/);
		expect(b).toMatch(/^\/work\/kb\/\.halflife\/snapshots\/content-[0-9a-f]{8}$/);
		expect(a).not.toBe(b);
	});
});

import { link, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diskUsage } from './disk-usage.ts';

let tmp: string;
beforeEach(async () => {
	tmp = await mkdtemp(path.join(tmpdir(), 'halflife-disk-usage-'));
});
afterEach(async () => {
	await rm(tmp, { recursive: true, force: true });
});

describe('diskUsage', () => {
	it('counts a hard-linked file once and does not follow symbolic links', async () => {
		const site = path.join(tmp, 'site');
		await mkdir(path.join(site, 'v', 'a'), { recursive: true });
		await writeFile(path.join(site, 'v', 'a', 'page.html'), 'x'.repeat(100_000));
		const alone = await diskUsage(site);

		await mkdir(path.join(site, 'v', 'b'));
		await link(path.join(site, 'v', 'a', 'page.html'), path.join(site, 'v', 'b', 'page.html'));
		await symlink(path.join('v', 'a', 'page.html'), path.join(site, 'latest.html'));
		const shared = await diskUsage(site);

		expect(alone.apparent).toBeGreaterThanOrEqual(100_000);
		expect(alone.disk).toBeGreaterThanOrEqual(100_000);
		// Only a folder and a link more, not another 100 kB copy.
		expect(shared.apparent - alone.apparent).toBeLessThan(10_000);
		expect(shared.disk - alone.disk).toBeLessThan(10_000);
		expect(shared.entries).toBe(alone.entries + 2);
	});

	it('counts a second copy in full', async () => {
		await writeFile(path.join(tmp, 'a.html'), 'x'.repeat(100_000));
		const one = await diskUsage(tmp);
		await writeFile(path.join(tmp, 'b.html'), 'x'.repeat(100_000));
		const two = await diskUsage(tmp);
		expect(two.apparent - one.apparent).toBe(100_000);
		expect(two.disk - one.disk).toBeGreaterThanOrEqual(100_000);
	});
});

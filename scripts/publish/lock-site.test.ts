import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HalflifeError } from '../errors/halflife-error.ts';
import { memoryLogger } from '../lib/logger.ts';
import { LOCK_FILE, lockSite } from './lock-site.ts';

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-lock-'));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has just exited, so no process runs under it. */
function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
	expect(child.status).toBe(0);
	expect(() => process.kill(child.pid!, 0)).toThrow();
	return child.pid!;
}

describe('lockSite', () => {
	it('creates the site folder and a lock that names this process', async () => {
		const siteDir = path.join(dir, 'site');
		const logger = memoryLogger();
		const release = await lockSite(siteDir, logger);
		const holder = JSON.parse(await readFile(path.join(siteDir, LOCK_FILE), 'utf8')) as { pid: number; since: string };
		expect(holder.pid).toBe(process.pid);
		expect(Math.abs(Date.parse(holder.since) - Date.now())).toBeLessThan(60_000);
		expect(logger.lines).toEqual([]);
		await release();
		expect(await readdir(siteDir)).toEqual([]);
	});

	it('refuses a second lock while the first is held, then allows it once released', async () => {
		const release = await lockSite(dir, memoryLogger());
		const held = await readFile(path.join(dir, LOCK_FILE), 'utf8');
		const error = await lockSite(dir, memoryLogger()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(HalflifeError);
		expect((error as HalflifeError).name).toBe('SiteLocked');
		expect((error as HalflifeError).message).toContain(`locked by process ${process.pid}`);
		expect((error as HalflifeError).hint).toContain(path.join(dir, LOCK_FILE));
		// The refused attempt must not have disturbed the holder's lock.
		expect(await readFile(path.join(dir, LOCK_FILE), 'utf8')).toBe(held);

		await release();
		const again = await lockSite(dir, memoryLogger());
		await again();
		expect(await readdir(dir)).toEqual([]);
	});

	it('takes over a lock left by a process that no longer runs, with a warning', async () => {
		const pid = deadPid();
		await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid, since: '2026-11-01T00:00:00.000Z' }));
		const logger = memoryLogger();
		const release = await lockSite(dir, logger);
		expect(logger.lines).toEqual([`warn: taking over ${path.join(dir, LOCK_FILE)}, left by a build that no longer runs`]);
		const holder = JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };
		expect(holder.pid).toBe(process.pid);
		await release();
		expect(await readdir(dir)).toEqual([]);
	});

	it('releases idempotently', async () => {
		const release = await lockSite(dir, memoryLogger());
		await release();
		await release();
		expect(await readdir(dir)).toEqual([]);
	});
});

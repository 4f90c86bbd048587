import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { HalflifeError } from '../errors/halflife-error.ts';
import type { Logger } from '../lib/logger.ts';

/** Lock file in the site folder while a build publishes into it. */
export const LOCK_FILE = '.halflife.lock';

/**
 * Takes the site's lock so two builds cannot publish into one site at once. A lock left by
 * a process that no longer runs (a crash, a killed CI job) is taken over with a warning.
 * Returns a function that releases it.
 */
export async function lockSite(siteDir: string, logger: Logger): Promise<() => Promise<void>> {
	await mkdir(siteDir, { recursive: true });
	const lock = path.join(siteDir, LOCK_FILE);
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const handle = await open(lock, 'wx');
			await handle.writeFile(JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
			await handle.close();
			return () => rm(lock, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = await readHolder(lock);
			if (holder && isAlive(holder.pid)) {
				throw new HalflifeError('SiteLocked', { params: { site: siteDir, pid: holder.pid, since: holder.since, lock } });
			}
			logger.warn(`taking over ${lock}, left by a build that no longer runs`);
			await rm(lock, { force: true });
		}
	}
	throw new HalflifeError('SiteLocked', { params: { site: siteDir, pid: '?', since: '?', lock } });
}

async function readHolder(lock: string): Promise<{ pid: number; since: string } | null> {
	try {
		return JSON.parse(await readFile(lock, 'utf8')) as { pid: number; since: string };
	} catch {
		return null;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

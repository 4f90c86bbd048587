import { access, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeIfChanged } from '../lib/write-file-atomic.ts';

// In each working folder: the site it serves, as an absolute path.
const SITE_FILE = 'site.txt';

/** Records which site a working folder serves, so that a later build can tell when the site is gone. */
export async function claimWorkDir(workDir: string, siteDir: string): Promise<void> {
	await writeIfChanged(path.join(workDir, SITE_FILE), `${siteDir}\n`);
}

/**
 * Removes the working folders of sites that no longer exist (a preview or a test built into a
 * temporary folder since removed), so a cache shared by many sites does not grow with every one.
 * A folder whose site exists is never touched: a build makes its site before it writes here.
 * Returns the folders removed.
 */
export async function pruneWorkDirs(sitesDir: string): Promise<string[]> {
	const removed: string[] = [];
	for (const name of await readdir(sitesDir).catch(() => [] as string[])) {
		const dir = path.join(sitesDir, name);
		const site = await readFile(path.join(dir, SITE_FILE), 'utf8').catch(() => null);
		// A folder that does not say which site it serves is not known to be anyone's leftover.
		if (site === null || (await access(site.trim()).then(() => true, () => false))) continue;
		await rm(dir, { recursive: true, force: true });
		removed.push(dir);
	}
	return removed;
}

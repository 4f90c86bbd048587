import { lstat, readlink, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { CURRENT_LINK, LATEST_DIR } from './site-layout.ts';

/** The name of the latest copy that `<site>/.halflife-root/current` points at, or null when it is missing or not a symlink. */
export async function readCurrent(siteDir: string): Promise<string | null> {
	const link = path.join(siteDir, LATEST_DIR, CURRENT_LINK);
	try {
		if (!(await lstat(link)).isSymbolicLink()) return null;
		const target = await readlink(link);
		// Only a sibling folder is ours; anything else was put there by hand and is not trusted to name a copy.
		return target === path.basename(target) && target !== '.' && target !== '..' && target !== CURRENT_LINK ? target : null;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
}

/**
 * Points `current` at the latest copy `name` in one step: a new symlink made beside it is renamed
 * over it, and rename replaces a symlink atomically, so a reader resolves either the old copy or the
 * new one, never neither.
 */
export async function pointCurrent(siteDir: string, name: string): Promise<void> {
	const next = path.join(siteDir, LATEST_DIR, `.${CURRENT_LINK}.next`);
	await rm(next, { force: true });
	await symlink(name, next);
	await rename(next, path.join(siteDir, LATEST_DIR, CURRENT_LINK));
}

import { lstat, readdir, readlink, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../lib/logger.ts';
import { adoptRealRoot } from './adopt-real-root.ts';
import { pointCurrent } from './current-link.ts';
import { CURRENT_LINK, isBookkeeping, LATEST_DIR, rootLinkTarget, VERSIONS_DIR } from './site-layout.ts';

/**
 * Makes the latest copy `<site>/.halflife-root/<id>/` the one the site root serves. Every root
 * entry is a symlink through `current`, so switching every page at once is the one rename in
 * pointCurrent. Symlinks for names this build adds come first (they dangle, unseen, until the
 * switch); what the switch leaves unused goes after it: symlinks to names this build dropped, the
 * previous copies, and the publishing marker. Killed anywhere in here, the root is one whole build.
 */
export async function swapLatest(siteDir: string, id: string, logger: Logger): Promise<void> {
	const latestDir = path.join(siteDir, LATEST_DIR);
	// `v` stays a real folder, never replaced by a build's copy, and bookkeeping names are Halflife's.
	const names = (await readdir(path.join(latestDir, id))).filter((name) => name !== VERSIONS_DIR && !isBookkeeping(name));
	await adoptRealRoot(siteDir, names, logger);
	for (const name of names) {
		try {
			await lstat(path.join(siteDir, name));
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
			await symlink(rootLinkTarget(name), path.join(siteDir, name));
		}
	}

	await pointCurrent(siteDir, id);

	for (const entry of await readdir(siteDir, { withFileTypes: true })) {
		const link = path.join(siteDir, entry.name);
		if (!entry.isSymbolicLink() || (await readlink(link)) !== rootLinkTarget(entry.name)) continue;
		if (!(await stat(link).then(() => true, () => false))) await rm(link, { force: true });
	}
	await Promise.all(
		(await readdir(latestDir))
			.filter((name) => name !== CURRENT_LINK && name !== id)
			.map((name) => rm(path.join(latestDir, name), { recursive: true, force: true })),
	);
}

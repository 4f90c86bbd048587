import { mkdir, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../lib/logger.ts';
import { pointCurrent, readCurrent } from './current-link.ts';
import { isBookkeeping, LATEST_DIR, rootLinkTarget, VERSIONS_DIR } from './site-layout.ts';

// The copy a converted root moves into when there is no `current` yet; a dot name is never a build id.
const ADOPTED = '.adopted';

/**
 * Converts a site whose root holds real entries, published before the symlink layout or restored
 * from a deployed copy (deploys dereference symlinks), to the layout: each real root entry moves
 * into the copy `current` points at and is replaced by its symlink, so the root reads the same
 * before and after. Unlike a publish, this one-time step is several renames, a rename and a
 * symlink per entry: a reader may miss an entry for that instant, and a conversion killed between
 * the two leaves that one entry missing until the next publish, which converts the rest. `names`
 * are the root names of the build being published: a real dot-named entry is taken over only when
 * the build has that name (as publishing did before), otherwise it is the site owner's.
 */
export async function adoptRealRoot(siteDir: string, names: readonly string[], logger: Logger): Promise<void> {
	const real: string[] = [];
	for (const entry of await readdir(siteDir, { withFileTypes: true })) {
		const { name } = entry;
		if (name === VERSIONS_DIR || isBookkeeping(name) || (name.startsWith('.') && !names.includes(name))) continue;
		if (entry.isSymbolicLink() && (await readlink(path.join(siteDir, name))) === rootLinkTarget(name)) continue;
		real.push(name);
	}
	if (real.length === 0) return;
	logger.info(
		`publish: converting ${siteDir} to publish by symlink: moving ${real.length} root entries into ${LATEST_DIR}/ ` +
			'(once; later builds swap one symlink)',
	);
	const latestDir = path.join(siteDir, LATEST_DIR);
	let copy = await readCurrent(siteDir);
	if (copy === null) {
		copy = ADOPTED;
		await rm(path.join(latestDir, copy), { recursive: true, force: true });
		await mkdir(path.join(latestDir, copy), { recursive: true });
		await pointCurrent(siteDir, copy);
	} else {
		await mkdir(path.join(latestDir, copy), { recursive: true });
	}
	for (const name of real) {
		const moved = path.join(latestDir, copy, name);
		// Readers see the root's real entry, not this one, so the root's is the one to keep.
		await rm(moved, { recursive: true, force: true });
		await rename(path.join(siteDir, name), moved);
		await symlink(rootLinkTarget(name), path.join(siteDir, name));
	}
}

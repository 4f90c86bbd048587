import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../lib/logger.ts';
import { readCurrent } from './current-link.ts';
import { CURRENT_LINK, LATEST_DIR, PUBLISHING_MARKER, VERSIONS_DIR } from './site-layout.ts';
import { BUILD_ID } from './versions-index.ts';

/**
 * Removes what a killed publish left behind, before the next one starts: its assembly folders
 * (`v/.<id>.partial`; `.staging-*` and `.retired-*` from before the symlink layout), a retention
 * trash folder (`v/.<id>.pruned`), latest copies `current` does not point at, a temporary symlink,
 * and a frozen copy a publish moved into `v/` but was killed before it made it the latest. None
 * of them is reachable from the served site, so the site reads the same afterwards.
 */
export async function cleanLeftovers(siteDir: string, logger: Logger): Promise<void> {
	const latestDir = path.join(siteDir, LATEST_DIR);
	const current = await readCurrent(siteDir);
	// The marker outlives the frozen copy's rename and is cleared only after the swap: if it names
	// a build `current` does not point at, that build never became the latest and nothing lists it.
	const unfinished = await readFile(path.join(latestDir, PUBLISHING_MARKER), 'utf8').catch(() => null);
	if (unfinished !== null && unfinished !== current && BUILD_ID.test(unfinished)) {
		const frozen = path.join(siteDir, VERSIONS_DIR, unfinished);
		if (await readdir(frozen).then(() => true, () => false)) {
			logger.info(`publish: removing ${VERSIONS_DIR}/${unfinished}/, frozen by a publish that was stopped before it finished`);
			await rm(frozen, { recursive: true, force: true });
		}
	}
	const doomed = [
		...(await list(siteDir)).filter((name) => /^\.(staging|retired)-/.test(name)).map((name) => path.join(siteDir, name)),
		...(await list(path.join(siteDir, VERSIONS_DIR)))
			.filter((name) => /^\..*\.(partial|pruned)$/.test(name))
			.map((name) => path.join(siteDir, VERSIONS_DIR, name)),
		// With no `current` symlink (none yet, or a real folder from a dereferenced copy), no copy here is served.
		...(await list(latestDir))
			.filter((name) => current === null || (name !== CURRENT_LINK && name !== current))
			.map((name) => path.join(latestDir, name)),
	];
	await Promise.all(doomed.map((file) => rm(file, { recursive: true, force: true })));
}

async function list(dir: string): Promise<string[]> {
	try {
		return await readdir(dir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
}

import path from 'node:path';
import { diskUsage } from '../lib/disk-usage.ts';
import { VERSIONS_DIR } from './site-layout.ts';
import type { VersionsIndex } from './versions-index.ts';

/**
 * The index with the latest version's `bytes` filled in from its frozen copy on disk, for retention
 * to weigh. Only that one folder is read: every earlier version was weighed by the build after it.
 * A copy that is missing weighs nothing.
 */
export async function weighLatest(siteDir: string, index: VersionsIndex): Promise<VersionsIndex> {
	const latest = index.versions.at(-1);
	if (latest === undefined || latest.pruned || latest.bytes !== null) return index;
	const bytes = await diskUsage(path.join(siteDir, VERSIONS_DIR, latest.id)).then(
		(usage) => usage.apparent,
		(error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? 0 : Promise.reject(error)),
	);
	return { ...index, versions: [...index.versions.slice(0, -1), { ...latest, bytes }] };
}

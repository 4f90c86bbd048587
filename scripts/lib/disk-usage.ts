import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/** What a folder takes: on disk (allocated blocks) and by its files' lengths. */
export interface DiskUsage {
	/** Bytes of allocated blocks, as `du` counts them. */
	disk: number;
	/** Sum of the files' lengths, as `du --apparent-size` counts them. */
	apparent: number;
	/** Distinct files, folders and links counted. */
	entries: number;
}

/**
 * What a folder takes, counted the way `du` does: symbolic links are not followed (a link costs its
 * own few bytes), and a file hard-linked under several names is counted once.
 */
export async function diskUsage(dir: string): Promise<DiskUsage> {
	const seen = new Set<string>();
	const usage: DiskUsage = { disk: 0, apparent: 0, entries: 0 };
	const visit = async (full: string): Promise<void> => {
		const info = await lstat(full, { bigint: true });
		const id = `${info.dev}:${info.ino}`;
		if (seen.has(id)) return;
		seen.add(id);
		usage.disk += Number(info.blocks) * 512;
		usage.apparent += Number(info.size);
		usage.entries++;
		if (info.isDirectory()) for (const name of await readdir(full)) await visit(path.join(full, name));
	};
	await visit(dir);
	return usage;
}

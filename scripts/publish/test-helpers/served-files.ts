import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * For tests: every file a static host that follows symlinks would serve under `dir`, by relative
 * path, with its bytes. A symlink is read through and a dangling one skipped, as such a host 404s
 * it; at the top, `skip` drops names (the site's `v` and bookkeeping when reading its root).
 */
export async function servedFiles(dir: string, skip: (name: string) => boolean = () => false): Promise<Map<string, Buffer>> {
	const files = new Map<string, Buffer>();
	const walk = async (folder: string, prefix: string): Promise<void> => {
		for (const name of (await readdir(folder)).sort()) {
			if (prefix === '' && skip(name)) continue;
			const file = path.join(folder, name);
			const info = await stat(file).catch(() => null);
			if (!info) continue;
			if (info.isDirectory()) await walk(file, `${prefix}${name}/`);
			else files.set(`${prefix}${name}`, await readFile(file));
		}
	};
	await walk(dir, '');
	return files;
}

/** For tests: the served files of a site's root, without its frozen versions and Halflife's dot-named bookkeeping. */
export const servedRoot = (siteDir: string): Promise<Map<string, Buffer>> => servedFiles(siteDir, (name) => name === 'v' || name.startsWith('.'));

import { copyFile, mkdir, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { HalflifeError } from '../errors/halflife-error.ts';
import { formatBytes } from '../lib/format-bytes.ts';
import { isBookkeeping, VERSIONS_DIR } from './site-layout.ts';

// Files copied at once; enough to keep the disk busy, few enough to bound open files.
const PARALLEL_FILES = 16;

/**
 * Copies a published site into `outDir` as real files, for static hosts that do not follow
 * symlinks (GitLab Pages) or upload everything they find (`.halflife-root` would be a second
 * copy of the latest pages). The root's symlinks are read through; Halflife's bookkeeping, the
 * leftovers in `v/` of a killed publish, dangling symlinks and symlinks that lead out of the site
 * folder are left out, as `halflife serve` leaves them out. `outDir` must be new or empty. A site
 * heavier than `maxBytes` is refused (SiteTooLarge) before anything is written, as the host would
 * refuse it. Run it under lockSite: a publish meanwhile would remove the copy this one is reading.
 */
export async function exportSite(siteDir: string, outDir: string, maxBytes: number | null = null): Promise<ExportedSite> {
	const site = await realpath(siteDir).catch((cause: NodeJS.ErrnoException) => {
		if (cause.code === 'ENOENT') throw new HalflifeError('ExportSiteMissing', { params: { site: siteDir }, cause });
		throw cause;
	});
	// Through the real path of the nearest folder that exists, so a symlinked target is caught too.
	const out = await realTarget(path.resolve(outDir));
	if (out === site || out.startsWith(site + path.sep)) {
		throw new HalflifeError('ExportTargetInsideSite', { params: { out: outDir, site: siteDir } });
	}
	const existing = await readdir(out).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : [out]));
	if (existing.length > 0) throw new HalflifeError('ExportTargetNotEmpty', { params: { out: outDir } });

	const folders: string[] = [];
	const files: { from: string; to: string }[] = [];
	let bytes = 0;
	const walk = async (dir: string, target: string, ancestors: readonly string[], atRoot: boolean): Promise<void> => {
		folders.push(target);
		for (const name of await readdir(dir)) {
			if (atRoot ? isBookkeeping(name) : dir === path.join(site, VERSIONS_DIR) && name.startsWith('.')) continue;
			const real = await realpath(path.join(dir, name)).catch(() => null);
			if (real === null || (real !== site && !real.startsWith(site + path.sep))) continue;
			const info = await stat(real);
			// A symlink back to a folder being copied would copy forever.
			if (info.isDirectory() && !ancestors.includes(real)) await walk(real, path.join(target, name), [...ancestors, real], false);
			else if (info.isFile()) {
				files.push({ from: real, to: path.join(target, name) });
				bytes += info.size;
			}
		}
	};
	await walk(site, out, [site], true);
	if (maxBytes !== null && bytes > maxBytes) {
		throw new HalflifeError('SiteTooLarge', { params: { site: siteDir, size: formatBytes(bytes), limit: formatBytes(maxBytes) } });
	}
	for (const folder of folders) await mkdir(folder, { recursive: true });
	for (let i = 0; i < files.length; i += PARALLEL_FILES) {
		await Promise.all(files.slice(i, i + PARALLEL_FILES).map(({ from, to }) => copyFile(from, to)));
	}
	return { files: files.length, bytes };
}

/** What an export copied. */
export interface ExportedSite {
	/** Files written. */
	files: number;
	/** Their total size in bytes: what the host is sent. */
	bytes: number;
}

async function realTarget(file: string): Promise<string> {
	try {
		return await realpath(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(file) === file) throw error;
		return path.join(await realTarget(path.dirname(file)), path.basename(file));
	}
}

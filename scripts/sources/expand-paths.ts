import { glob, stat } from 'node:fs/promises';
import path from 'node:path';

/** One input file found by `expandPaths`. */
export interface InputFile {
	/** Absolute path, for reading. */
	absolute: string;
	/** Path relative to the content folder with `/` separators, or the absolute path when outside it; for messages and snapshots. */
	display: string;
}

/**
 * Expands file paths and glob patterns (`*`, `**`, `?`, `[...]`, `{a,b}` as `fs.glob` reads
 * them) relative to `baseDir` into the regular files they match, without duplicates,
 * sorted by display path so every run reads them in the same order.
 */
export async function expandPaths(baseDir: string, patterns: readonly string[]): Promise<InputFile[]> {
	const found = new Map<string, InputFile>();
	for (const pattern of patterns) {
		for await (const match of glob(pattern, { cwd: baseDir })) {
			const absolute = path.resolve(baseDir, match);
			if (found.has(absolute)) continue;
			const info = await stat(absolute).catch(() => undefined);
			if (!info?.isFile()) continue;
			found.set(absolute, { absolute, display: displayPath(baseDir, absolute) });
		}
	}
	return [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}

/** A path relative to `baseDir` with `/` separators when it is inside it, else the absolute path. */
export function displayPath(baseDir: string, absolute: string): string {
	const relative = path.relative(path.resolve(baseDir), absolute);
	if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
		return absolute;
	}
	return relative.split(path.sep).join('/');
}

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a file so readers see the old content or the new, never a half-written file: temp file, then rename. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
	await mkdir(path.dirname(file), { recursive: true });
	const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
	try {
		await writeFile(temp, content);
		await rename(temp, file);
	} catch (error) {
		await rm(temp, { force: true });
		throw error;
	}
}

/** Writes a file atomically unless it already has this content, so unchanged outputs keep their timestamps and caches stay warm. Returns whether it wrote. */
export async function writeIfChanged(file: string, content: string): Promise<boolean> {
	try {
		if ((await readFile(file, 'utf8')) === content) return false;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	await writeFileAtomic(file, content);
	return true;
}

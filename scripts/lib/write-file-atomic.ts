import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Writes a file so readers see the old content or the new, never a half-written file: temp file, then rename. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
	await mkdir(path.dirname(file), { recursive: true });
	const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
	try {
		// Flushed before the rename, so a crash cannot leave the new name pointing at empty bytes.
		const handle = await open(temp, 'wx');
		try {
			await handle.writeFile(content);
			await handle.sync();
		} finally {
			await handle.close();
		}
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

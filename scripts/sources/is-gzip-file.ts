import { open } from 'node:fs/promises';

/** Whether a file starts with gzip's magic bytes; rejects with the file system's error when it cannot be read. */
export async function isGzipFile(absolute: string): Promise<boolean> {
	const handle = await open(absolute, 'r');
	try {
		const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
		return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
	} finally {
		await handle.close();
	}
}

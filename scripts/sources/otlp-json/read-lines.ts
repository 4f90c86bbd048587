/** The longest line `readLines` accepts; V8 strings cannot hold much more than 512 MiB. */
export const MAX_LINE_BYTES = 256 * 1024 * 1024;

/** Thrown by `readLines` for a line longer than its limit; the reader turns it into a user error. */
export class LineTooLongError extends Error {
	override readonly name = 'LineTooLongError';
	/** 1-based number of the line. */
	readonly line: number;

	constructor(line: number, limit: number) {
		super(`line ${line} is longer than ${Math.round(limit / (1024 * 1024))} MiB`);
		this.line = line;
	}
}

/**
 * Splits a byte stream into UTF-8 lines and calls `onLine` with each (its `\r\n` or `\n` removed)
 * and its 1-based number, synchronously within each chunk; `onLine` returns `false` to stop.
 * Only the current line and one chunk are held, so a file of any size streams in bounded memory,
 * and a line may be as long as `maxLineBytes`. The last line needs no newline.
 * Returns the number of lines seen.
 */
export async function readLines(
	input: AsyncIterable<Buffer | string>,
	onLine: (line: string, lineNumber: number) => boolean | void,
	maxLineBytes = MAX_LINE_BYTES,
): Promise<number> {
	// Pieces of a line that spans chunks; a line inside one chunk is decoded straight from it.
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	let lineNumber = 0;
	const emit = (line: string): boolean => {
		lineNumber++;
		return onLine(line.endsWith('\r') ? line.slice(0, -1) : line, lineNumber) !== false;
	};
	for await (const data of input) {
		const chunk = typeof data === 'string' ? Buffer.from(data) : data;
		let start = 0;
		for (;;) {
			const newline = chunk.indexOf(10, start);
			if (newline < 0) break;
			let line: string;
			if (pendingBytes === 0) {
				if (newline - start > maxLineBytes) throw new LineTooLongError(lineNumber + 1, maxLineBytes);
				line = chunk.toString('utf8', start, newline);
			} else {
				if (pendingBytes + newline - start > maxLineBytes) throw new LineTooLongError(lineNumber + 1, maxLineBytes);
				pending.push(chunk.subarray(start, newline));
				line = Buffer.concat(pending, pendingBytes + newline - start).toString('utf8');
				pending = [];
				pendingBytes = 0;
			}
			start = newline + 1;
			if (!emit(line)) return lineNumber;
		}
		if (start < chunk.length) {
			pendingBytes += chunk.length - start;
			if (pendingBytes > maxLineBytes) throw new LineTooLongError(lineNumber + 1, maxLineBytes);
			pending.push(chunk.subarray(start));
		}
	}
	if (pendingBytes > 0) emit(Buffer.concat(pending, pendingBytes).toString('utf8'));
	return lineNumber;
}

const NEWLINE = 0x0a;

/**
 * Lines of a byte stream read chunk by chunk: says on which line a byte offset is, for offsets
 * asked in increasing order within the chunk just fed, holding no chunk but the current one.
 */
export class ByteLines {
	#chunk: Buffer = Buffer.alloc(0);
	#chunkStart = 0;
	/** Absolute offset counted up to; the newlines before it are in `#line`. */
	#scanned = 0;
	#line = 1;
	#lineStart = 0;

	/** Takes the next chunk, counting the rest of the previous one. */
	feed(chunk: Buffer): void {
		this.#scanTo(this.#chunkStart + this.#chunk.length);
		this.#chunkStart += this.#chunk.length;
		this.#chunk = chunk;
	}

	/** The 1-based line of absolute byte `offset`: exact for offsets in the current chunk or before it on the same line. */
	lineAt(offset: number): number {
		this.#scanTo(offset);
		return this.#line;
	}

	/** The 1-based line and column (in characters when the line starts in the current chunk, else in bytes) of `offset`. */
	lineAndColumn(offset: number): { line: number; column: number } {
		const line = this.lineAt(offset);
		const end = Math.min(offset, this.#chunkStart + this.#chunk.length);
		if (this.#lineStart < this.#chunkStart || end < this.#lineStart) return { line, column: offset - this.#lineStart + 1 };
		const text = this.#chunk.toString('utf8', this.#lineStart - this.#chunkStart, end - this.#chunkStart);
		return { line, column: text.length + (offset - end) + 1 };
	}

	#scanTo(offset: number): void {
		const end = Math.min(offset, this.#chunkStart + this.#chunk.length) - this.#chunkStart;
		let at = this.#scanned - this.#chunkStart;
		if (at >= end) return;
		for (let nl = this.#chunk.indexOf(NEWLINE, at); nl !== -1 && nl < end; nl = this.#chunk.indexOf(NEWLINE, nl + 1)) {
			this.#line++;
			this.#lineStart = this.#chunkStart + nl + 1;
			at = nl + 1;
		}
		this.#scanned = this.#chunkStart + end;
	}
}

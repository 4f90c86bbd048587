import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineTooLongError, readLines } from './read-lines.ts';

/** A stream of the given text in chunks of `size` bytes, to cut lines (and UTF-8 characters) anywhere. */
function chunked(text: string, size: number): Readable {
	const bytes = Buffer.from(text);
	const chunks: Buffer[] = [];
	for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
	return Readable.from(chunks);
}

async function collect(input: Readable, max?: number): Promise<string[]> {
	const lines: string[] = [];
	await readLines(input, (line) => void lines.push(line), max);
	return lines;
}

describe('readLines', () => {
	it('splits lines across chunk boundaries, keeps multi-byte characters whole, and drops CR', async () => {
		const text = 'first\r\nsecond é ✓\n\nthird without newline';
		for (const size of [1, 2, 3, 7, 1024]) {
			expect(await collect(chunked(text, size))).toEqual(['first', 'second é ✓', '', 'third without newline']);
		}
	});

	it('reads a 24 MB line held in 64 KiB chunks, and the short lines around it', async () => {
		const long = `{"resourceSpans":[${'{"x":1},'.repeat(3_000_000)}{"x":2}]}`;
		const lines = await collect(chunked(`a\n${long}\nb\n`, 64 * 1024));
		expect(lines.map((line) => line.length)).toEqual([1, long.length, 1]);
		expect(lines[1]).toBe(long);
	});

	it('stops when the callback returns false', async () => {
		const seen: number[] = [];
		const count = await readLines(chunked('1\n2\n3\n4\n', 3), (line, n) => {
			seen.push(n);
			return line !== '2';
		});
		expect([seen, count]).toEqual([[1, 2], 2]);
	});

	it('refuses a line longer than the limit, naming it, without reading it whole', async () => {
		const error = await collect(chunked(`ok\n${'x'.repeat(5000)}\n`, 100), 1000).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LineTooLongError);
		expect((error as LineTooLongError).line).toBe(2);
	});
});

import { expect, it } from 'vitest';
import { lineAndColumn } from '../find-json-syntax-error.ts';
import { ByteLines } from './byte-lines.ts';

it('gives the line and column of offsets across chunks as the whole text does', () => {
	const text = 'ab\ncdé\n\nfghij\nk';
	const bytes = Buffer.from(text);
	const lines = new ByteLines();
	// Chunks of 3 bytes, the é cut in two between them; each offset asked while its chunk is the current one.
	for (let start = 0; start < bytes.length; start += 3) {
		lines.feed(bytes.subarray(start, start + 3));
		for (let offset = start; offset < Math.min(start + 3, bytes.length); offset++) {
			const chars = Buffer.from(bytes.subarray(0, offset)).toString('utf8').length;
			expect(lines.lineAt(offset), `line of byte ${offset}`).toBe(lineAndColumn(text, chars).line);
		}
	}
	const whole = new ByteLines();
	whole.feed(bytes);
	// "k" is byte 16, character 15: line 5, column 1; "j" on line 4, column 5.
	expect(whole.lineAndColumn(bytes.indexOf('j'))).toEqual({ line: 4, column: 5 });
	expect(whole.lineAndColumn(bytes.length - 1)).toEqual({ line: 5, column: 1 });
});

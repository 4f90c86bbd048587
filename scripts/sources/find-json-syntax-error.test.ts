import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, lineAndColumn } from './find-json-syntax-error.ts';

function isValidJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

describe('findJsonSyntaxError', () => {
	it('points at the first bad character', () => {
		expect(findJsonSyntaxError('{"a": [1, 2,]}')).toEqual({
			offset: 12,
			reason: "unexpected character \"]\", expected a value",
		});
		expect(findJsonSyntaxError('{"a": 1')).toEqual({ offset: 7, reason: "unexpected end of input, expected ',' or '}'" });
		expect(findJsonSyntaxError('{"a": tru}')?.offset).toBe(6);
		expect(findJsonSyntaxError('{"a": "x\u0001"}')?.reason).toMatch(/control character/);
		expect(findJsonSyntaxError('{"a": "unterminated}')).toEqual({ offset: 20, reason: 'unexpected end of input inside a string' });
		expect(findJsonSyntaxError('{} {}')?.reason).toMatch(/after the end/);
	});

	it('agrees with JSON.parse on which texts are valid', () => {
		const valid = [
			'{"resourceSpans":[{"resource":{"attributes":[{"key":"k","value":{"intValue":"5"}}]}}]}',
			'[1, -2.5e+3, 0.25, true, false, null, "\\u00e9\\n\\"", {}, []]',
		];
		// Every prefix and every single-character deletion of valid JSON.
		for (const text of valid) {
			expect(findJsonSyntaxError(text)).toBeUndefined();
			for (let i = 0; i < text.length; i++) {
				for (const variant of [text.slice(0, i), text.slice(0, i) + text.slice(i + 1)]) {
					expect(findJsonSyntaxError(variant) === undefined, variant).toBe(isValidJson(variant));
				}
			}
		}
	});

	it('survives deep nesting', () => {
		expect(findJsonSyntaxError('['.repeat(200_000))?.reason).toMatch(/end of input/);
	});
});

describe('lineAndColumn', () => {
	it('counts lines and columns from 1', () => {
		expect(lineAndColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
		expect(lineAndColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
		expect(lineAndColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
	});
});

import { describe, expect, it } from 'vitest';
import { formatJsonPath, jsonPathLine } from './json-path.ts';

describe('formatJsonPath', () => {
	it('writes keys with dots and indexes in brackets', () => {
		expect(formatJsonPath(['data', 0, 'spans', 3, 'spanID'])).toBe('data[0].spans[3].spanID');
		expect(formatJsonPath([2, 'id'])).toBe('[2].id');
		expect(formatJsonPath([])).toBe('');
	});
});

describe('jsonPathLine', () => {
	const text = [
		'\ufeff{',
		'  "skip": {"a": "]}[{\\"", "b": [1, [2, {"c": "\\\\"}]]},',
		'  "data": [',
		'    {"id": 1},',
		'    "two",',
		'    {',
		'      "id": 3, "deep": [[[["x"]]]]',
		'    }',
		'  ]',
		'}',
	].join('\n');

	it('finds where the value at a path starts, past strings full of brackets and quotes', () => {
		expect(JSON.parse(text.slice(1))).toBeTruthy();
		expect(jsonPathLine(text, [])).toBe(1);
		expect(jsonPathLine(text, ['data'])).toBe(3);
		expect(jsonPathLine(text, ['data', 0])).toBe(4);
		expect(jsonPathLine(text, ['data', 1])).toBe(5);
		expect(jsonPathLine(text, ['data', 2])).toBe(6);
		expect(jsonPathLine(text, ['data', 2, 'deep', 0, 0, 0, 0])).toBe(7);
	});

	it('says null for a path the document does not have', () => {
		expect(jsonPathLine(text, ['data', 3])).toBeNull();
		expect(jsonPathLine(text, ['nope'])).toBeNull();
		expect(jsonPathLine(text, ['data', 'id'])).toBeNull();
		expect(jsonPathLine(text, [0])).toBeNull();
	});

	it('walks a million nested arrays without recursion', () => {
		const deep = `${'['.repeat(1e6)}${']'.repeat(1e6)}`;
		expect(jsonPathLine(`[${deep}, 7]`, [1])).toBe(1);
	});
});

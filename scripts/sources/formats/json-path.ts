import { lineAndColumn } from '../find-json-syntax-error.ts';
import { skipSpace, stringEnd } from './json-head.ts';

/** Where a value sits in a JSON document: object keys and array indexes from the root. */
export type JsonPath = readonly (string | number)[];

/** A path as messages write it: `data[0].spans[3].spanID`, `[2].id`; empty for the root. */
export function formatJsonPath(path: JsonPath): string {
	let text = '';
	for (const segment of path) text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
	return text;
}

/**
 * The 1-based line where the value at `path` starts in `text`, a valid JSON document, or null
 * when the path is not in it. Walks only the containers on the way, skipping every other value
 * without parsing it and without recursion, so it costs one pass at most and any nesting is safe.
 */
export function jsonPathLine(text: string, path: JsonPath): number | null {
	let i = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
	for (const segment of path) {
		const at = typeof segment === 'number' ? enterArray(text, i, segment) : enterObject(text, i, segment);
		if (at === -1) return null;
		i = at;
	}
	return i < text.length ? lineAndColumn(text, i).line : null;
}

// Where the element `index` of the array starting at `i` starts, or -1.
function enterArray(text: string, i: number, index: number): number {
	if (text[i] !== '[') return -1;
	let at = skipSpace(text, i + 1);
	for (let n = 0; n < index; n++) {
		if (text[at] === ']') return -1;
		at = skipSpace(text, skipValue(text, at));
		if (text[at] !== ',') return -1;
		at = skipSpace(text, at + 1);
	}
	return text[at] === ']' || at >= text.length ? -1 : at;
}

// Where the value of `key` in the object starting at `i` starts, or -1.
function enterObject(text: string, i: number, key: string): number {
	if (text[i] !== '{') return -1;
	let at = skipSpace(text, i + 1);
	while (text[at] === '"') {
		const end = stringEnd(text, at);
		if (end === -1) return -1;
		const name = JSON.parse(text.slice(at, end + 1)) as string;
		at = skipSpace(text, end + 1);
		if (text[at] !== ':') return -1;
		at = skipSpace(text, at + 1);
		if (name === key) return at;
		at = skipSpace(text, skipValue(text, at));
		if (text[at] !== ',') return -1;
		at = skipSpace(text, at + 1);
	}
	return -1;
}

// The index just past the value starting at `i`.
function skipValue(text: string, i: number): number {
	const first = text[i];
	if (first === '"') return stringEnd(text, i) + 1;
	if (first !== '{' && first !== '[') {
		let at = i;
		while (at < text.length && !',}] \t\r\n'.includes(text[at] as string)) at++;
		return at;
	}
	let depth = 0;
	for (let at = i; at < text.length; at++) {
		const c = text[at];
		if (c === '"') at = stringEnd(text, at);
		else if (c === '{' || c === '[') depth++;
		else if (c === '}' || c === ']') {
			depth--;
			if (depth === 0) return at + 1;
		}
		if (at === -1) return text.length;
	}
	return text.length;
}

/** Where and why a text is not valid JSON. */
export interface JsonSyntaxError {
	/** 0-based UTF-16 offset of the first character that cannot be valid. */
	offset: number;
	/** What is wrong, in a few words, without echoing the input around it. */
	reason: string;
}

type Mode = 'value' | 'value-or-close-array' | 'key-or-close-object' | 'key' | 'colon' | 'after-value';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * Finds the first syntax error in `text` as RFC 8259 JSON, or returns undefined when it is valid.
 * Used after `JSON.parse` fails, because V8's messages do not always give a position and
 * sometimes quote the (untrusted, possibly huge) input. Iterative, so deep nesting cannot
 * overflow the stack.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
	const stack: ('array' | 'object')[] = [];
	let mode: Mode = 'value';
	let i = 0;
	const fail = (reason: string): JsonSyntaxError => ({ offset: i, reason });
	const unexpected = (expected: string): JsonSyntaxError =>
		fail(i >= text.length ? `unexpected end of input, expected ${expected}` : `unexpected ${describe(text, i)}, expected ${expected}`);

	for (;;) {
		while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
		const c = text[i];
		switch (mode) {
			case 'value':
			case 'value-or-close-array': {
				if (mode === 'value-or-close-array' && c === ']') {
					i++;
					stack.pop();
					mode = 'after-value';
				} else if (c === '{') {
					i++;
					stack.push('object');
					mode = 'key-or-close-object';
				} else if (c === '[') {
					i++;
					stack.push('array');
					mode = 'value-or-close-array';
				} else if (c === '"') {
					const error = scanString();
					if (error) return error;
					mode = 'after-value';
				} else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
					NUMBER.lastIndex = i;
					const match = NUMBER.exec(text);
					if (!match) return fail('invalid number');
					i += match[0].length;
					mode = 'after-value';
				} else if (text.startsWith('true', i) || text.startsWith('null', i)) {
					i += 4;
					mode = 'after-value';
				} else if (text.startsWith('false', i)) {
					i += 5;
					mode = 'after-value';
				} else if (c !== undefined && /[a-zA-Z]/.test(c)) {
					return fail('invalid literal (only true, false and null are allowed)');
				} else {
					return unexpected('a value');
				}
				break;
			}
			case 'key-or-close-object':
			case 'key': {
				if (mode === 'key-or-close-object' && c === '}') {
					i++;
					stack.pop();
					mode = 'after-value';
					break;
				}
				if (c !== '"') return unexpected('a double-quoted property name');
				const error = scanString();
				if (error) return error;
				mode = 'colon';
				break;
			}
			case 'colon': {
				if (c !== ':') return unexpected("':' after a property name");
				i++;
				mode = 'value';
				break;
			}
			case 'after-value': {
				const top = stack.at(-1);
				if (top === undefined) {
					return i >= text.length ? undefined : fail(`unexpected ${describe(text, i)} after the end of the JSON value`);
				}
				const close = top === 'array' ? ']' : '}';
				if (c === ',') {
					i++;
					mode = top === 'array' ? 'value' : 'key';
				} else if (c === close) {
					i++;
					stack.pop();
				} else {
					return unexpected(`',' or '${close}'`);
				}
				break;
			}
		}
	}

	function scanString(): JsonSyntaxError | undefined {
		i++;
		for (;;) {
			if (i >= text.length) return fail('unexpected end of input inside a string');
			const code = text.charCodeAt(i);
			if (code === 0x22) {
				i++;
				return undefined;
			}
			if (code < 0x20) return fail('control character inside a string (escape it)');
			if (code === 0x5c) {
				const next = text[i + 1];
				if (next === 'u') {
					if (!HEX4.test(text.slice(i + 2, i + 6))) return fail('invalid \\u escape in a string');
					i += 6;
				} else if (next !== undefined && ESCAPES.has(next)) {
					i += 2;
				} else {
					return fail('invalid escape in a string');
				}
			} else {
				i++;
			}
		}
	}
}

function isWhitespace(code: number): boolean {
	return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

// One character, escaped so control characters and quotes stay readable in a terminal.
function describe(text: string, offset: number): string {
	const char = String.fromCodePoint(text.codePointAt(offset) ?? 0);
	return `character ${JSON.stringify(char)}`;
}

/** 1-based line and column of a 0-based offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
		line++;
		lineStart = at + 1;
	}
	return { line, column: offset - lineStart + 1 };
}

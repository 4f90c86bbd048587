/** What the start of a JSON document looks like: its container nesting and the keys of its first object. */
export interface JsonHeadShape {
	/** Containers opened before the first object: `[`, `[[`, or `{data[` for an object's `data` array. */
	path: '[' | '[[' | '{' | '{data[';
	/** Keys of that first object found in the head (it may be cut short); empty when there is no object. */
	keys: Set<string>;
	/** Whether the outer container is empty (`[]`, `{"data": []}`). */
	empty: boolean;
}

/**
 * Looks at the first bytes of a JSON document, without parsing it all, for format sniffing:
 * a top-level array (of objects, or of arrays of objects) or object, and the keys of its first
 * object; for an object with a `data` array, the keys of that array's first element.
 * Returns undefined for anything else. Tolerates a head cut off mid-token.
 */
export function jsonHeadShape(head: string): JsonHeadShape | undefined {
	let i = skipSpace(head, head.charCodeAt(0) === 0xfeff ? 1 : 0);
	if (head[i] === '[') {
		i = skipSpace(head, i + 1);
		let path: JsonHeadShape['path'] = '[';
		if (head[i] === '[') {
			path = '[[';
			i = skipSpace(head, i + 1);
		}
		if (head[i] === ']') return { path, keys: new Set(), empty: true };
		if (head[i] !== '{') return undefined;
		return { path, keys: objectKeys(head, i).keys, empty: false };
	}
	if (head[i] !== '{') return undefined;
	const outer = objectKeys(head, i);
	const dataAt = outer.valueStart.get('data');
	if (dataAt === undefined || head[dataAt] !== '[') return { path: '{', keys: outer.keys, empty: false };
	const first = skipSpace(head, dataAt + 1);
	if (head[first] === ']') return { path: '{data[', keys: new Set(), empty: true };
	if (head[first] !== '{') return undefined;
	return { path: '{data[', keys: objectKeys(head, first).keys, empty: false };
}

/** The index of the first character at or after `i` that is not JSON whitespace. */
export function skipSpace(text: string, i: number): number {
	while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
	return i;
}

/** The keys of the object opening at `start`, and where each key's value starts, up to the end of the object or of the text. */
function objectKeys(text: string, start: number): { keys: Set<string>; valueStart: Map<string, number> } {
	const keys = new Set<string>();
	const valueStart = new Map<string, number>();
	let depth = 0;
	let i = start;
	while (i < text.length) {
		const c = text[i];
		if (c === '"') {
			const end = stringEnd(text, i);
			if (end === -1) break;
			if (depth === 1) {
				const after = skipSpace(text, end + 1);
				if (text[after] === ':') {
					let key: string;
					try {
						key = JSON.parse(text.slice(i, end + 1)) as string;
					} catch {
						key = text.slice(i + 1, end);
					}
					keys.add(key);
					valueStart.set(key, skipSpace(text, after + 1));
				}
			}
			i = end + 1;
			continue;
		}
		if (c === '{' || c === '[') depth++;
		else if (c === '}' || c === ']') {
			depth--;
			if (depth === 0) break;
		}
		i++;
	}
	return { keys, valueStart };
}

/** Index of the quote closing the JSON string that opens at `start`, or -1 when the text ends first. */
export function stringEnd(text: string, start: number): number {
	for (let i = start + 1; i < text.length; i++) {
		if (text[i] === '\\') i++;
		else if (text[i] === '"') return i;
	}
	return -1;
}

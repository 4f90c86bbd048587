import { isJsonObject } from './json-document.ts';
import { jsonPathLine, type JsonPath } from './json-path.ts';
import type { JsonRecord } from './json-record-splitter.ts';

/**
 * Hands the records of a JSON document already parsed whole, `document` parsed from `text`, to
 * `onRecord` as `JsonRecordSplitter` would stream them: each element of the arrays at `containers`,
 * in document order, with its path, and lines found in `text` only when asked. Returns the document
 * with those arrays emptied, the rest the streaming reader returns. (A key written twice keeps only
 * its last value here, as `JSON.parse` does; the stream reads both.)
 */
export function emitJsonRecords(document: unknown, text: string, containers: readonly JsonPath[], onRecord: (record: JsonRecord) => void): unknown {
	visit(document, [], containers, text, onRecord);
	return document;
}

function visit(value: unknown, path: JsonPath, containers: readonly JsonPath[], text: string, onRecord: (record: JsonRecord) => void): void {
	if (Array.isArray(value) && containers.some((c) => c.length === path.length)) {
		for (let i = 0; i < value.length; i++) {
			const at = [...path, i];
			const lineOf = (inner: JsonPath) => jsonPathLine(text, [...at, ...inner]);
			onRecord({ value: value[i], at, lineOf });
			// Let each record go once read, as the stream does, so spans made from it need not share memory with it.
			value[i] = undefined;
		}
		value.length = 0;
		return;
	}
	if (!isJsonObject(value)) return;
	// Object keys keep their written order (containers' keys are never integer-like, which JSON.parse would move first).
	for (const key of Object.keys(value)) {
		const deeper = containers.filter((c) => c.length > path.length && c[path.length] === key);
		if (deeper.length > 0) visit(value[key], [...path, key], deeper, text, onRecord);
	}
}

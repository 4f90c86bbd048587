import { HalflifeError } from '../../errors/halflife-error.ts';
import { findJsonSyntaxError, lineAndColumn } from '../find-json-syntax-error.ts';
import { locateSkipped } from './skipped-records.ts';
import type { FormatResult } from './telemetry-format.ts';

/**
 * Reads a JSON document given as text (an HTTP answer, bounded by its size limit) named `display`:
 * `read` turns the parsed document into spans or links, then the lines of the first skipped
 * records are found in the text. Files are streamed instead (see `streamJsonRecords`).
 */
export function readJsonDocumentText(text: string, display: string, read: (value: unknown) => FormatResult): FormatResult {
	const result = read(parseJsonDocument(text, display));
	return result.skipped.length === 0 ? result : { ...result, skipped: locateSkipped(result.skipped, text) };
}

/** Parses one JSON document; `display` names it (a path or a URL) in the `TelemetryMalformed` error, with line and column. */
export function parseJsonDocument(text: string, display: string): unknown {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	try {
		return JSON.parse(body);
	} catch {
		const { offset, reason } = findJsonSyntaxError(body) ?? { offset: 0, reason: 'invalid JSON' };
		const { line, column } = lineAndColumn(body, offset);
		throw new HalflifeError('TelemetryMalformed', {
			location: { file: display, line, column },
			params: { detail: `${display} is not valid JSON at line ${line}, column ${column}: ${reason}.` },
		});
	}
}

/** A `TelemetryMalformed` error for a document that is JSON but not the shape a format expects. */
export function malformedJson(display: string, detail: string): HalflifeError {
	return new HalflifeError('TelemetryMalformed', { location: { file: display }, params: { detail: `${display}: ${detail}` } });
}

/** Whether a parsed JSON value is an object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a JSON value is, for messages: `an object`, `an array`, `a string`... */
export function jsonTypeName(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Untrusted input text for a message: escaped and cut short. */
export function quoteInput(value: unknown): string {
	const text = String(value);
	return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** How an object that is not the expected shape looks, naming a few of its keys. */
export function describeFound(value: unknown): string {
	if (!isJsonObject(value)) return jsonTypeName(value);
	const keys = Object.keys(value);
	if (keys.length === 0) return 'an empty object';
	const shown = keys.slice(0, 4).map((key) => quoteInput(key)).join(', ');
	return `an object with keys ${shown}${keys.length > 4 ? ', …' : ''}`;
}

/**
 * Normalizes a hex trace or span id to lowercase, left-padded with zeros to 16 digits, or to 32
 * when longer (Jaeger drops leading zeros; Zipkin allows 16 or 32-digit trace ids). Returns
 * undefined for an absent, empty or all-zero id, and null for one that is not hex or too long.
 */
export function normalizeHexId(value: unknown, maxDigits: 16 | 32): string | undefined | null {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string' || value.length > maxDigits || !/^[0-9a-fA-F]+$/.test(value)) return null;
	if (/^0+$/.test(value)) return undefined;
	return value.toLowerCase().padStart(value.length > 16 ? 32 : 16, '0');
}

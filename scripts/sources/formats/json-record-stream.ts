import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { TokenizerError, TokenParserError } from '@streamparser/json';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { findJsonSyntaxError, lineAndColumn } from '../find-json-syntax-error.ts';
import { isGzipFile } from '../is-gzip-file.ts';
import type { ByteLines } from './byte-lines.ts';
import { malformedJson } from './json-document.ts';
import type { JsonPath } from './json-path.ts';
import { JsonRecordSplitter, type JsonRecord } from './json-record-splitter.ts';
import { emitJsonRecords } from './json-records-whole.ts';
import type { TelemetryFile } from './telemetry-format.ts';

const CHUNK_BYTES = 1024 * 1024;
/** A syntax error this far into the file is located and explained exactly, by re-reading the text up to it. */
export const EXACT_ERROR_BYTES = 64 * 1024 * 1024;
/**
 * Documents up to this size, counted after decompression, are parsed whole with `JSON.parse`
 * (several times faster than streaming); larger ones are streamed. JSON.parse alone peaks at about
 * 5x the document in RSS (bytes, text, parsed values: 249 MB for 48 MB), and the zipkin-v2 reader
 * parsing whole measured 443 MB at 48 MB, against ~320 MB streamed: at 32 MiB a document parsed
 * whole stays near the streaming peak and well inside the 512 MB ingest budget; see
 * `npm run bench -- --only documents`.
 */
export const WHOLE_MAX_BYTES = 32 * 1024 * 1024;

/** How `streamJsonRecords` reports a syntax error. */
export interface StreamOptions {
	/** Syntax errors up to this byte are explained exactly (by `findJsonSyntaxError` on the text up to them). */
	exactErrorBytes?: number;
	/** The error's message, from where and why; by default `<file> is not valid JSON at line L, column C: <reason>.` */
	syntaxDetail?: (line: number, column: number, reason: string) => string;
	/** Documents up to this many bytes (decompressed) are parsed whole, larger ones streamed: 0 always streams, Infinity never does. */
	wholeMaxBytes?: number;
}

const defaultSyntaxDetail = (file: TelemetryFile) => (line: number, column: number, reason: string) =>
	`${file.display} is not valid JSON at line ${line}, column ${column}: ${reason}.`;

/**
 * Reads a JSON document file (gzip recognised by its magic bytes), calling `onRecord` for each
 * element of the arrays at `containers` (`[]` for a root array, `['data']` for `{"data": [...]}`),
 * one at a time. Up to `wholeMaxBytes` it is parsed whole, for speed; past that it is streamed,
 * the bytes read so far fed to the stream first, so memory holds one record whatever its size.
 * Both ways give the same records, lines and errors.
 * Returns the rest of the document with those arrays left empty, for its shape to be checked.
 * Throws `TelemetryUnreadable` when the file cannot be read and `TelemetryMalformed` with line
 * and column when it is not JSON; `onRecord` may have been called for records before the error.
 */
export async function streamJsonRecords(
	file: TelemetryFile,
	containers: readonly JsonPath[],
	onRecord: (record: JsonRecord) => void,
	options: StreamOptions = {},
): Promise<unknown> {
	const { exactErrorBytes = EXACT_ERROR_BYTES, syntaxDetail = defaultSyntaxDetail(file), wholeMaxBytes = WHOLE_MAX_BYTES } = options;
	const gzip = await isGzip(file);
	// Counting the bytes as they come decides for gzip too, whose size is not known before.
	const head: Buffer[] = [];
	let headBytes = 0;
	let splitter: JsonRecordSplitter | undefined;
	const source = createReadStream(file.absolute, { highWaterMark: CHUNK_BYTES });
	const input: Readable = gzip ? source.pipe(createGunzip({ chunkSize: CHUNK_BYTES })) : source;
	if (gzip) source.on('error', (error) => input.destroy(error));
	try {
		for await (const chunk of input as AsyncIterable<Buffer>) {
			if (splitter) splitter.write(chunk);
			else if (headBytes + chunk.length <= wholeMaxBytes) {
				head.push(chunk);
				headBytes += chunk.length;
			} else {
				splitter = new JsonRecordSplitter(containers, onRecord);
				// Shifted one by one so each held chunk is let go once the stream has it.
				for (let held = head.shift(); held; held = head.shift()) splitter.write(held);
				splitter.write(chunk);
			}
		}
		splitter?.end();
	} catch (error) {
		const failure = readFailure(file, error);
		const syntax = error instanceof TokenizerError || error instanceof TokenParserError || error instanceof SyntaxError;
		if (!splitter || failure !== error || !syntax) throw failure;
		const offset = errorOffset(error, splitter.lastOffset, splitter.total, splitter.rest === undefined);
		const far = offset <= exactErrorBytes ? undefined : { lines: splitter.lines, reason: (error as Error).message };
		throw await syntaxError(file, gzip, offset, far, syntaxDetail);
	} finally {
		input.destroy();
		source.destroy();
	}
	if (splitter) return (splitter.rest as { value: unknown }).value;
	return readWhole(file, decode(head.splice(0), headBytes), containers, onRecord, syntaxDetail);
}

// The whole document parsed at once; a syntax error is explained from its text, as the stream explains one near the start.
function readWhole(
	file: TelemetryFile,
	text: string,
	containers: readonly JsonPath[],
	onRecord: (record: JsonRecord) => void,
	detail: NonNullable<StreamOptions['syntaxDetail']>,
): unknown {
	let document: unknown;
	try {
		document = JSON.parse(text);
	} catch {
		throw exactSyntaxError(file, text, detail);
	}
	return emitJsonRecords(document, text, containers, onRecord);
}

// The chunks as text without a byte order mark; the bytes are let go before the text is parsed.
function decode(chunks: Buffer[], bytes: number): string {
	const raw = Buffer.concat(chunks, bytes).toString('utf8');
	return raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
}

// Decompression and I/O failures are problems of the input; anything else is returned as it was.
function readFailure(file: TelemetryFile, error: unknown): unknown {
	if (error instanceof HalflifeError) return error;
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (typeof code === 'string' && code.startsWith('Z_')) {
		return malformedJson(file.display, `The gzip data is corrupt or truncated (${(error as Error).message}).`);
	}
	if (typeof code === 'string') return unreadable(file, error);
	return error;
}

// The library says where the tokenizer stopped; a token the parser refused is at the last token read.
function errorOffset(error: unknown, lastToken: number, total: number, ended: boolean): number {
	if (error instanceof TokenizerError) {
		const at = /absolute position "(\d+)"/.exec(error.message);
		return at ? Number(at[1]) : total;
	}
	return ended && error instanceof SyntaxError ? total : lastToken;
}

/**
 * The `TelemetryMalformed` error for a syntax error at byte `offset`: near the start of the file,
 * the text up to a little past it is read again and explained as `JSON.parse` users are told;
 * further in, the line comes from the counted newlines and the reason from the parser.
 */
async function syntaxError(
	file: TelemetryFile,
	gzip: boolean,
	offset: number,
	far: { lines: ByteLines; reason: string } | undefined,
	detail: NonNullable<StreamOptions['syntaxDetail']>,
): Promise<HalflifeError> {
	if (!far) {
		const raw = await readPrefix(file, gzip, offset + CHUNK_BYTES);
		return exactSyntaxError(file, raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw, detail);
	}
	const { line, column } = far.lines.lineAndColumn(offset);
	return malformedAt(file, line, column, far.reason.replace(/ at chunk position.*$/, ''), detail);
}

// The first syntax error in `text` (the document, or its start up to a little past the error), found as `JSON.parse` users are told.
function exactSyntaxError(file: TelemetryFile, text: string, detail: NonNullable<StreamOptions['syntaxDetail']>): HalflifeError {
	const found = findJsonSyntaxError(text) ?? { offset: text.length, reason: 'invalid JSON' };
	const { line, column } = lineAndColumn(text, found.offset);
	return malformedAt(file, line, column, found.reason, detail);
}

function malformedAt(file: TelemetryFile, line: number, column: number, reason: string, detail: NonNullable<StreamOptions['syntaxDetail']>): HalflifeError {
	return new HalflifeError('TelemetryMalformed', {
		location: { file: file.display, line, column },
		params: { detail: detail(line, column, reason) },
	});
}

async function readPrefix(file: TelemetryFile, gzip: boolean, bytes: number): Promise<string> {
	const source = createReadStream(file.absolute, { highWaterMark: CHUNK_BYTES });
	const input: Readable = gzip ? source.pipe(createGunzip({ chunkSize: CHUNK_BYTES })) : source;
	const chunks: Buffer[] = [];
	let length = 0;
	try {
		for await (const chunk of input as AsyncIterable<Buffer>) {
			chunks.push(chunk);
			length += chunk.length;
			if (length >= bytes) break;
		}
	} finally {
		input.destroy();
		source.destroy();
	}
	return Buffer.concat(chunks).subarray(0, bytes).toString('utf8');
}

function isGzip(file: TelemetryFile): Promise<boolean> {
	return isGzipFile(file.absolute).catch((error: unknown) => {
		throw unreadable(file, error);
	});
}

function unreadable(file: TelemetryFile, error: unknown): HalflifeError {
	return new HalflifeError('TelemetryUnreadable', {
		location: { file: file.display },
		params: { file: file.display, detail: (error as Error).message },
		cause: error,
	});
}

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
import type { TelemetryFile } from './telemetry-format.ts';

const CHUNK_BYTES = 1024 * 1024;
/** A syntax error this far into the file is located and explained exactly, by re-reading the text up to it. */
export const EXACT_ERROR_BYTES = 64 * 1024 * 1024;

/** How `streamJsonRecords` reports a syntax error. */
export interface StreamOptions {
	/** Syntax errors up to this byte are explained exactly (by `findJsonSyntaxError` on the text up to them). */
	exactErrorBytes?: number;
	/** The error's message, from where and why; by default `<file> is not valid JSON at line L, column C: <reason>.` */
	syntaxDetail?: (line: number, column: number, reason: string) => string;
}

const defaultSyntaxDetail = (file: TelemetryFile) => (line: number, column: number, reason: string) =>
	`${file.display} is not valid JSON at line ${line}, column ${column}: ${reason}.`;

/**
 * Reads a JSON document file (gzip recognised by its magic bytes) as a stream, calling `onRecord`
 * for each element of the arrays at `containers` (`[]` for a root array, `['data']` for
 * `{"data": [...]}`), one at a time, so memory holds one record whatever the file's size.
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
	const { exactErrorBytes = EXACT_ERROR_BYTES, syntaxDetail = defaultSyntaxDetail(file) } = options;
	const gzip = await isGzip(file);
	const splitter = new JsonRecordSplitter(containers, onRecord);
	const source = createReadStream(file.absolute, { highWaterMark: CHUNK_BYTES });
	const input: Readable = gzip ? source.pipe(createGunzip({ chunkSize: CHUNK_BYTES })) : source;
	if (gzip) source.on('error', (error) => input.destroy(error));
	try {
		for await (const chunk of input as AsyncIterable<Buffer>) splitter.write(chunk);
		splitter.end();
	} catch (error) {
		if (error instanceof HalflifeError) throw error;
		const code = (error as NodeJS.ErrnoException | undefined)?.code;
		if (typeof code === 'string' && code.startsWith('Z_')) {
			throw malformedJson(file.display, `The gzip data is corrupt or truncated (${(error as Error).message}).`);
		}
		if (typeof code === 'string') throw unreadable(file, error);
		if (!(error instanceof TokenizerError || error instanceof TokenParserError || error instanceof SyntaxError)) throw error;
		const offset = errorOffset(error, splitter.lastOffset, splitter.total, splitter.rest === undefined);
		const far = offset <= exactErrorBytes ? undefined : { lines: splitter.lines, reason: (error as Error).message };
		throw await syntaxError(file, gzip, offset, far, syntaxDetail);
	} finally {
		input.destroy();
		source.destroy();
	}
	return (splitter.rest as { value: unknown }).value;
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
	let line: number;
	let column: number;
	let reason: string;
	if (far) {
		({ line, column } = far.lines.lineAndColumn(offset));
		reason = far.reason.replace(/ at chunk position.*$/, '');
	} else {
		const raw = await readPrefix(file, gzip, offset + CHUNK_BYTES);
		const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
		const found = findJsonSyntaxError(text) ?? { offset: text.length, reason: 'invalid JSON' };
		({ line, column } = lineAndColumn(text, found.offset));
		reason = found.reason;
	}
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

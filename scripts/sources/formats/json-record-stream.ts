import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Tokenizer, TokenizerError, TokenParser, TokenParserError, type ParsedElementInfo, type ParsedTokenInfo } from '@streamparser/json';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { findJsonSyntaxError, lineAndColumn } from '../find-json-syntax-error.ts';
import { ByteLines } from './byte-lines.ts';
import { malformedJson } from './json-document.ts';
import { jsonPathLine, type JsonPath } from './json-path.ts';
import type { TelemetryFile } from './telemetry-format.ts';

/** One record of a streamed JSON document: an element of one of the record arrays. */
export interface JsonRecord {
	/** The parsed element. */
	value: unknown;
	/** Where it is in the document. */
	at: JsonPath;
	/** The 1-based line it starts on. */
	line: number;
	/** The line of the value at `path` inside this record (relative to it), or null when the record's text was not kept. */
	lineOf(path: JsonPath): number | null;
}

const CHUNK_BYTES = 1024 * 1024;
/** A record's text is kept while it is read, so its inner lines can be found; past this it is let go. */
const MAX_HELD_BYTES = 64 * 1024 * 1024;
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
	const lines = new ByteLines();
	const held = new HeldBytes();
	const opened = new Map<number, { offset: number; line: number }>();
	let depth = 0;
	let lastOffset = 0;
	let total = 0;
	let envelope: { value: unknown } | undefined;

	// Buffered strings and numbers roughly halve the tokenizer's time; longer ones still grow past the buffers.
	const tokenizer = new Tokenizer({ stringBufferSize: 64 * 1024, numberBufferSize: 64 });
	const parser = new TokenParser({ paths: ['$', ...containers.map((c) => ['$', ...c, '*'].join('.'))], keepStack: false });
	// The tokenizer does not count a byte order mark in its offsets; the lines do.
	let bom = 0;
	tokenizer.onToken = (info: ParsedTokenInfo) => {
		lastOffset = info.offset + bom;
		// Token types 0-3 are `{`, `}`, `[`, `]`; where each record opens is noted for its line.
		if (info.token === 0 || info.token === 2) {
			if (depth <= 4) opened.set(depth, { offset: lastOffset, line: lines.lineAt(lastOffset) });
			depth++;
		} else if (info.token === 1 || info.token === 3) depth--;
		parser.write(info);
	};
	parser.onValue = ({ value, key, parent, stack }: ParsedElementInfo) => {
		if (stack.length === 0) {
			envelope = { value };
			return;
		}
		// `$.*` also matches an object's members; only array elements are records.
		if (!Array.isArray(parent)) return;
		(parent as unknown[]).pop();
		const at = [...stack.slice(1).map((item) => item.key as string | number), key as number];
		const isContainer = typeof value === 'object' && value !== null;
		const start = isContainer ? (opened.get(stack.length)?.offset ?? lastOffset) : lastOffset;
		const line = isContainer ? (opened.get(stack.length)?.line ?? lines.lineAt(lastOffset)) : lines.lineAt(lastOffset);
		const end = lastOffset + 1;
		onRecord({
			value,
			at,
			line,
			lineOf: (path) => {
				const text = held.text(start, end);
				const inner = text === undefined ? null : jsonPathLine(text, path);
				return inner === null ? null : line + inner - 1;
			},
		});
		held.dropBefore(end);
	};

	const source = createReadStream(file.absolute, { highWaterMark: CHUNK_BYTES });
	const input: Readable = gzip ? source.pipe(createGunzip({ chunkSize: CHUNK_BYTES })) : source;
	if (gzip) source.on('error', (error) => input.destroy(error));
	try {
		for await (const chunk of input as AsyncIterable<Buffer>) {
			if (total === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) bom = 3;
			lines.feed(chunk);
			held.add(chunk);
			total += chunk.length;
			tokenizer.write(chunk);
		}
		tokenizer.end();
		if (!envelope) throw new SyntaxError('the document ended early');
	} catch (error) {
		if (error instanceof HalflifeError) throw error;
		const code = (error as NodeJS.ErrnoException | undefined)?.code;
		if (typeof code === 'string' && code.startsWith('Z_')) {
			throw malformedJson(file.display, `The gzip data is corrupt or truncated (${(error as Error).message}).`);
		}
		if (typeof code === 'string') throw unreadable(file, error);
		if (!(error instanceof TokenizerError || error instanceof TokenParserError || error instanceof SyntaxError)) throw error;
		const offset = errorOffset(error, lastOffset, total, envelope === undefined);
		const far = offset <= exactErrorBytes ? undefined : { lines, reason: (error as Error).message };
		throw await syntaxError(file, gzip, offset, far, syntaxDetail);
	} finally {
		input.destroy();
		source.destroy();
	}
	return envelope.value;
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

/** The chunks since the current record began, so its text can be read again; bounded by `MAX_HELD_BYTES`. */
class HeldBytes {
	#chunks: Buffer[] = [];
	#start = 0;
	#length = 0;

	add(chunk: Buffer): void {
		this.#chunks.push(chunk);
		this.#length += chunk.length;
		while (this.#length > MAX_HELD_BYTES && this.#chunks.length > 1) this.#shift();
	}

	dropBefore(offset: number): void {
		while (this.#chunks.length > 1 && this.#start + (this.#chunks[0] as Buffer).length <= offset) this.#shift();
	}

	text(start: number, end: number): string | undefined {
		if (start < this.#start) return undefined;
		return Buffer.concat(this.#chunks).toString('utf8', start - this.#start, end - this.#start);
	}

	#shift(): void {
		const first = this.#chunks.shift() as Buffer;
		this.#start += first.length;
		this.#length -= first.length;
	}
}

async function isGzip(file: TelemetryFile): Promise<boolean> {
	let handle;
	try {
		handle = await open(file.absolute, 'r');
		const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
		return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
	} catch (error) {
		throw unreadable(file, error);
	} finally {
		await handle?.close();
	}
}

function unreadable(file: TelemetryFile, error: unknown): HalflifeError {
	return new HalflifeError('TelemetryUnreadable', {
		location: { file: file.display },
		params: { file: file.display, detail: (error as Error).message },
		cause: error,
	});
}

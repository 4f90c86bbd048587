import { Tokenizer, TokenParser, TokenType, type ParsedElementInfo, type ParsedTokenInfo } from '@streamparser/json';
import { ByteLines } from './byte-lines.ts';
import { jsonPathLine, type JsonPath } from './json-path.ts';

/** One record of a streamed JSON document: an element of one of the record arrays. */
export interface JsonRecord {
	/** The parsed element. */
	value: unknown;
	/** Where it is in the document. */
	at: JsonPath;
	/** The 1-based line of the value at `path` inside this record (relative to it; `[]` for the record itself), or null when its text was not kept. */
	lineOf(path: JsonPath): number | null;
}

/** Records sit at most this deep (OTLP's `result.resourceSpans[i]` is at 3); only there are openings noted. */
const MAX_RECORD_DEPTH = 4;
/** A record's text is kept while it is read, so its inner lines can be found; past this it is let go. */
const MAX_HELD_BYTES = 64 * 1024 * 1024;

/**
 * Splits a JSON document fed in chunks into records, the elements of the arrays at `containers`
 * (`[]` for a root array, `['data']` for `{"data": [...]}`), each handed to `onRecord` as soon as
 * it ends and then dropped; the rest of the document is kept, with those arrays left empty.
 * Throws the library's `TokenizerError` or `TokenParserError` for bad JSON.
 */
export class JsonRecordSplitter {
	/** The newlines of what was fed, for lines of records and errors. */
	readonly lines = new ByteLines();
	/** Offset of the last token read. */
	lastOffset = 0;
	/** Bytes fed. */
	total = 0;
	/** The document without its records, once it has ended. */
	rest: { value: unknown } | undefined;

	readonly #held = new HeldBytes();
	readonly #opened = new Map<number, { offset: number; line: number }>();
	// Buffered strings and numbers roughly halve the tokenizer's time; longer ones still grow past the buffers.
	readonly #tokenizer = new Tokenizer({ stringBufferSize: 64 * 1024, numberBufferSize: 64 });
	readonly #parser: TokenParser;
	readonly #onRecord: (record: JsonRecord) => void;
	#depth = 0;
	// The tokenizer does not count a byte order mark in its offsets; the lines do.
	#bom = 0;

	constructor(containers: readonly JsonPath[], onRecord: (record: JsonRecord) => void) {
		this.#onRecord = onRecord;
		this.#parser = new TokenParser({ paths: ['$', ...containers.map((c) => ['$', ...c, '*'].join('.'))], keepStack: false });
		this.#tokenizer.onToken = (info) => this.#token(info);
		this.#parser.onValue = (info) => this.#value(info);
	}

	/** Reads the next chunk of the document. */
	write(chunk: Buffer): void {
		if (this.total === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) this.#bom = 3;
		this.lines.feed(chunk);
		this.#held.add(chunk);
		this.total += chunk.length;
		this.#tokenizer.write(chunk);
	}

	/** Ends the document; throws when it is incomplete. */
	end(): void {
		this.#tokenizer.end();
		if (!this.rest) throw new SyntaxError('the document ended early');
	}

	#token(info: ParsedTokenInfo): void {
		this.lastOffset = info.offset + this.#bom;
		if (info.token === TokenType.LEFT_BRACE || info.token === TokenType.LEFT_BRACKET) {
			if (this.#depth <= MAX_RECORD_DEPTH) this.#opened.set(this.#depth, { offset: this.lastOffset, line: this.lines.lineAt(this.lastOffset) });
			this.#depth++;
		} else if (info.token === TokenType.RIGHT_BRACE || info.token === TokenType.RIGHT_BRACKET) this.#depth--;
		this.#parser.write(info);
	}

	#value({ value, key, parent, stack }: ParsedElementInfo): void {
		if (stack.length === 0) {
			this.rest = { value };
			return;
		}
		// `$.*` also matches an object's members; only array elements are records.
		if (!Array.isArray(parent)) return;
		parent.pop();
		const opened = typeof value === 'object' && value !== null ? this.#opened.get(stack.length) : undefined;
		const start = opened?.offset ?? this.lastOffset;
		const line = opened?.line ?? this.lines.lineAt(this.lastOffset);
		const end = this.lastOffset + 1;
		this.#onRecord({
			value,
			at: [...stack.slice(1).map((item) => item.key as string | number), key as number],
			lineOf: (path) => {
				if (path.length === 0) return line;
				const text = this.#held.text(start, end);
				const inner = text === undefined ? null : jsonPathLine(text, path);
				return inner === null ? null : line + inner - 1;
			},
		});
		this.#held.dropBefore(end);
	}
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

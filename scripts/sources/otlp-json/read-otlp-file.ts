import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { capitalize } from '../../lib/capitalize.ts';
import type { SpanInput } from '../derive-service-graph.ts';
import type { InputFile } from '../expand-paths.ts';
import { findJsonSyntaxError } from '../find-json-syntax-error.ts';
import { isGzipFile } from '../is-gzip-file.ts';
import type { JsonPath } from '../formats/json-path.ts';
import { streamJsonRecords } from '../formats/json-record-stream.ts';
import { SkippedRecords, type SkippedKind } from '../formats/skipped-records.ts';
import { forEachOtlpSpan, OtlpShapeError, otlpRequestContent } from './otlp-spans.ts';
import { LineTooLongError, MAX_LINE_BYTES, readLines } from './read-lines.ts';
import { SamplingTally } from './sampling-evidence.ts';

/** How a file was read and what it held. */
export interface OtlpFileSummary {
	/** `json-lines`: one request per line (Collector file exporter); `json-document`: one multi-line JSON value. */
	format: 'json-lines' | 'json-document';
	/** Whether the file was gzip-compressed. */
	gzip: boolean;
	/** Spans handed to `onSpan`. */
	spans: number;
	/** Lines that held another OTLP signal (metrics, logs, profiles) and were skipped. */
	otherSignalLines: number;
	/** The sampling evidence the spans carried; `sampling.counting(spans)` sums it up. */
	sampling: SamplingTally;
	/** Invalid spans skipped, by reason, with the line of the first of each. */
	skipped: SkippedKind[];
}

// Big reads: fewer chunks to split, and a line still only costs itself plus one chunk.
const CHUNK_BYTES = 1024 * 1024;

/** Extensions that promise JSON lines, so a bad first line is reported as such rather than read as one document. */
const JSON_LINES_NAME = /\.(?:jsonl|ndjson)(?:\.gz)?$/i;

/**
 * Reads one OTLP/JSON trace file and calls `onSpan` for each span, in file order.
 *
 * JSON lines (one `ExportTraceServiceRequest` per line, as the Collector file exporter writes)
 * are streamed line by line, holding one line and one 1 MiB chunk at a time (lines up to
 * 256 MiB); blank lines are skipped. When the first non-blank line is not a
 * complete JSON value (or is longer than 256 MiB) and the name does not end in `.jsonl`/`.ndjson`,
 * the file is taken as one JSON document (such as a Jaeger API response or an exported request)
 * and streamed one `ResourceSpans` at a time, so its size is not bounded by memory either.
 * Gzip is recognised by its magic bytes, whatever the file is called.
 *
 * `maxLineBytes` and `wholeMaxBytes` (see `streamJsonRecords`) are for tests.
 *
 * Invalid spans (see `forEachOtlpSpan`) are skipped and counted; more than half of them invalid
 * is an error. Throws `TelemetryMalformed` with the file and line of the first problem; `onSpan` may
 * already have been called for earlier lines, so callers must not publish anything until it returns.
 */
export async function readOtlpFile(
	file: InputFile,
	onSpan: (span: SpanInput) => void,
	maxLineBytes = MAX_LINE_BYTES,
	wholeMaxBytes?: number,
): Promise<OtlpFileSummary> {
	const gzip = await isGzip(file);
	const summary: OtlpFileSummary = { format: 'json-lines', gzip, spans: 0, otherSignalLines: 0, sampling: new SamplingTally(), skipped: [] };
	const skipped = new SkippedRecords();
	const count = (span: SpanInput) => {
		summary.spans++;
		onSpan(span);
	};

	const source = createReadStream(file.absolute, { highWaterMark: CHUNK_BYTES });
	const input: Readable = gzip ? source.pipe(createGunzip({ chunkSize: CHUNK_BYTES })) : source;
	if (gzip) source.on('error', (error) => input.destroy(error));
	let lineNumber = 0;
	let seenContent = false;
	try {
		await readLines(input, (raw, number) => {
			lineNumber = number;
			const line = number === 1 ? stripBom(raw) : raw;
			if (line.trim() === '') return true;
			let value: unknown;
			try {
				value = JSON.parse(line);
			} catch {
				if (!seenContent && !JSON_LINES_NAME.test(file.absolute)) {
					summary.format = 'json-document';
					return false;
				}
				const { offset, reason } = findJsonSyntaxError(line) ?? { offset: 0, reason: 'invalid JSON' };
				throw malformed(file, `Line ${number} is not valid JSON at column ${offset + 1}: ${reason}.`, {
					line: number,
					column: offset + 1,
				});
			}
			seenContent = true;
			handleRequest(file, value, summary, count, skipped, number);
			return true;
		}, maxLineBytes);
	} catch (error) {
		// A first line too long for a Collector export may be one huge document written on one line.
		if (error instanceof LineTooLongError && !seenContent && !JSON_LINES_NAME.test(file.absolute)) summary.format = 'json-document';
		else if (error instanceof LineTooLongError) {
			throw malformed(file, `Line ${error.line} is longer than 256 MiB; a JSON line that long is not a Collector export.`, { line: error.line });
		}
		else throw readFailure(file, error, lineNumber);
	} finally {
		input.destroy();
		source.destroy();
	}

	if (summary.format === 'json-document') await readDocument(file, summary, count, skipped, wholeMaxBytes);
	skipped.assertMostlyValid(file.display, summary.spans);
	summary.skipped = skipped.list();
	return summary;
}

/** Where an OTLP document keeps its `ResourceSpans`, bare or wrapped in a Jaeger v2 or Tempo answer. */
const RESOURCE_SPANS_AT: readonly JsonPath[] = ['', 'result.', 'trace.'].flatMap((wrapper) =>
	['resourceSpans', 'batches'].map((key) => [...(wrapper ? [wrapper.slice(0, -1)] : []), key]),
);

/** Reads a single JSON document one `ResourceSpans` at a time, in bounded memory whatever its size. */
async function readDocument(
	file: InputFile,
	summary: OtlpFileSummary,
	onSpan: (span: SpanInput) => void,
	skipped: SkippedRecords,
	wholeMaxBytes: number | undefined,
): Promise<void> {
	const rest = await streamJsonRecords(file, RESOURCE_SPANS_AT, ({ value, at, lineOf }) => {
		const index = at.at(-1) as number;
		const prefix = at.slice(0, -1);
		try {
			forEachOtlpSpan(
				[value],
				prefix,
				onSpan,
				(error, path) => skipped.skip(error, path, () => lineOf(path.slice(at.length))),
				(sampling) => summary.sampling.observe(sampling),
				index,
			);
		} catch (error) {
			if (!(error instanceof OtlpShapeError)) throw error;
			throw malformed(file, `${capitalize(error.message)}.`, {});
		}
	}, { syntaxDetail: (line, column, reason) => `Not valid JSON at line ${line}, column ${column}: ${reason}.`, wholeMaxBytes });
	// The arrays of spans were emptied as they were read: what is left says whether the shape was right.
	handleRequest(file, rest, summary, onSpan, skipped, undefined);
}

function handleRequest(
	file: InputFile,
	value: unknown,
	summary: OtlpFileSummary,
	onSpan: (span: SpanInput) => void,
	skipped: SkippedRecords,
	line: number | undefined,
): void {
	try {
		const content = otlpRequestContent(value);
		if ('otherSignal' in content) {
			summary.otherSignalLines++;
			return;
		}
		forEachOtlpSpan(
			content.resourceSpans,
			content.at,
			onSpan,
			(error, at) => skipped.skip(error, at, line),
			(sampling) => summary.sampling.observe(sampling),
		);
	} catch (error) {
		if (!(error instanceof OtlpShapeError)) throw error;
		const detail = line === undefined ? `${capitalize(error.message)}.` : `Line ${line}: ${error.message}.`;
		throw malformed(file, detail, { line });
	}
}

function isGzip(file: InputFile): Promise<boolean> {
	return isGzipFile(file.absolute).catch((error: unknown) => {
		throw readFailure(file, error, undefined);
	});
}

function malformed(file: InputFile, detail: string, where: { line?: number | undefined; column?: number | undefined }) {
	return new HalflifeError('TelemetryMalformed', {
		location: { file: file.display, line: where.line, column: where.column },
		params: { detail },
	});
}

// I/O and decompression failures are problems with the input, not bugs: report them as such.
function readFailure(file: InputFile, error: unknown, line: number | undefined): unknown {
	if (error instanceof HalflifeError) return error;
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (typeof code === 'string' && code.startsWith('Z_')) {
		const after = line ? ` after line ${line}` : '';
		// No line in the location: the lines read so far were fine, the damage is after them.
		return malformed(file, `The gzip data is corrupt or truncated${after} (${(error as Error).message}).`, {});
	}
	if (typeof code === 'string' && code.startsWith('E')) {
		return new HalflifeError('TelemetryUnreadable', {
			location: { file: file.display },
			params: { file: file.display, detail: (error as Error).message },
			cause: error,
		});
	}
	return error;
}

function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}


import type { LinkInput, SpanInput } from '../derive-service-graph.ts';
import type { InputFile } from '../expand-paths.ts';
import type { Counting } from '../snapshot.ts';
import type { SkippedKind } from './skipped-records.ts';

/** A telemetry file to read: its absolute path, and the path messages and snapshots name it by. */
export type TelemetryFile = InputFile;

/** Where a format delivers what it reads: spans to join into a graph, or already aggregated links. */
export interface FormatSink {
	/** One span, normalized. */
	span(span: SpanInput): void;
	/** One aggregated dependency link. */
	link(link: LinkInput): void;
	/** Sampling evidence found in the data (attributes, tracestate); the strongest evidence wins. */
	counting?(counting: Counting): void;
	/** Something the user should know that is not an error (lines skipped, say). */
	warn(message: string): void;
}

/** How a format reads a file: the source's memory bounds, and a way for tests to force how JSON is read. */
export interface FormatReadOptions {
	/** JSON documents up to this many bytes are parsed whole, larger ones streamed (`WHOLE_MAX_BYTES` by default). */
	wholeMaxBytes?: number;
	/** A format that joins fragments of a trace holds one until this many spans pass without it (`DEFAULT_TRACE_IDLE_SPANS`). */
	traceIdleSpans?: number;
	/** Most spans such a format holds at once (`DEFAULT_MAX_BUFFERED_SPANS`). */
	maxBufferedSpans?: number;
}

/** What reading one file produced. */
export interface FormatResult {
	/** Spans delivered to the sink. */
	spans: number;
	/** Links delivered to the sink. */
	links: number;
	/** Invalid records skipped, by reason, with where the first of each was. */
	skipped: SkippedKind[];
}

/**
 * One telemetry file format (OTLP/JSON, Zipkin v2, Jaeger, dependency links...). The files
 * source sniffs each file's first bytes and hands it to the first format that claims it.
 */
export interface TelemetryFormat {
	/** Stable name, shown in messages and recorded per input in the snapshot. */
	name: string;
	/** One line for the list of understood formats in the unknown-format error. */
	description: string;
	/**
	 * Whether this format can read a file, from its name and first bytes (up to 64 KiB,
	 * gzip already undone; may end mid-token). Must be cheap and must not throw.
	 */
	sniff(head: string, file: TelemetryFile): boolean;
	/**
	 * Reads the whole file into the sink, as a stream of records in bounded memory whatever its size.
	 * Invalid records (a span with an all-zero id, say) are skipped and counted in the result; bad
	 * content, or more than half the records invalid, throws HalflifeError('TelemetryMalformed')
	 * naming the file and line. Records read before such an error have reached the sink, so callers
	 * must not publish anything until `read` returns; nothing is written anywhere by a format.
	 */
	read(file: TelemetryFile, sink: FormatSink, options?: FormatReadOptions): Promise<FormatResult>;
}

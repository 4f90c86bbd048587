import type { SpanInput } from '../span-input.ts';
import { describeFound, jsonTypeName, malformedJson, readJsonDocumentText } from './json-document.ts';
import { jsonHeadShape } from './json-head.ts';
import type { JsonPath } from './json-path.ts';
import { streamJsonRecords } from './json-record-stream.ts';
import { SkippedRecords } from './skipped-records.ts';
import type { FormatReadOptions, FormatResult, FormatSink, TelemetryFile, TelemetryFormat } from './telemetry-format.ts';
import { ZipkinTraceWindow, zipkinSpanInputs } from './zipkin-span.ts';

const EXPECTED = 'expected Zipkin v2 JSON: an array of spans, or an array of traces (arrays of spans) as /api/v2/traces returns';

/**
 * Zipkin v2 JSON spans: a flat array of spans, or an array of traces (as Zipkin's
 * `/api/v2/traces` answers). See `zipkinSpanInputs` for how spans become graph spans.
 */
export const zipkinV2Format: TelemetryFormat = {
	name: 'zipkin-v2',
	description: 'Zipkin v2 JSON spans: an array of spans, or of traces as /api/v2/traces returns (`[{"traceId", "id", "localEndpoint", ...}]`)',
	sniff(head) {
		const shape = jsonHeadShape(head);
		if (!shape || (shape.path !== '[' && shape.path !== '[[')) return false;
		// An empty array holds nothing in any format; claiming it keeps `[]` from being "unknown".
		if (shape.empty) return true;
		return shape.keys.has('traceId') && (shape.keys.has('id') || shape.keys.has('localEndpoint'));
	},
	read: readZipkinV2File,
};

/**
 * Reads a Zipkin v2 file as a stream of spans (or of traces), in bounded memory whatever its size;
 * spans reach the sink as their traces complete, so some may have reached it before an error is thrown.
 */
async function readZipkinV2File(file: TelemetryFile, sink: FormatSink, options: FormatReadOptions = {}): Promise<FormatResult> {
	const skipped = new SkippedRecords();
	let spans = 0;
	const onSpan = (span: SpanInput) => {
		spans++;
		sink.span(span);
	};
	const window = new ZipkinTraceWindow(skipped, onSpan, options.traceIdleSpans, options.maxBufferedSpans);
	let nested: boolean | undefined;
	const rest = await streamJsonRecords(file, [[]], ({ value, at, lineOf }) => {
		nested ??= Array.isArray(value);
		if (!nested) window.add(value, at, () => lineOf([]));
		else if (Array.isArray(value)) for (const [s, span] of value.entries()) window.add(span, [...at, s], () => lineOf([s]));
		else throw malformedJson(file.display, `[${at[0]}] must be a trace (an array of spans) like [0], found ${jsonTypeName(value)}.`);
	}, options);
	if (!Array.isArray(rest)) throw malformedJson(file.display, `${EXPECTED}, found ${describeFound(rest)}.`);
	window.finish();
	skipped.assertMostlyValid(file.display, spans);
	return { spans, links: 0, skipped: skipped.list() };
}

/** Reads Zipkin v2 JSON from text (an HTTP response body, say); `display` names it in errors. */
export function readZipkinV2Text(text: string, display: string, sink: FormatSink): FormatResult {
	return readJsonDocumentText(text, display, (value) => readZipkinV2Value(value, display, sink));
}

/** Reads an already parsed Zipkin v2 document into the sink; throws `TelemetryMalformed` naming `display` for another shape, or when most spans are invalid. */
export function readZipkinV2Value(value: unknown, display: string, sink: FormatSink): FormatResult {
	if (!Array.isArray(value)) throw malformedJson(display, `${EXPECTED}, found ${describeFound(value)}.`);
	const raw: { value: unknown; at: JsonPath }[] = [];
	const nested = value.length > 0 && Array.isArray(value[0]);
	for (const [t, entry] of value.entries()) {
		if (!nested) raw.push({ value: entry, at: [t] });
		else if (Array.isArray(entry)) for (const [s, span] of entry.entries()) raw.push({ value: span, at: [t, s] });
		else throw malformedJson(display, `[${t}] must be a trace (an array of spans) like [0], found ${jsonTypeName(entry)}.`);
	}
	const skipped = new SkippedRecords();
	const spans = zipkinSpanInputs(raw, skipped);
	// Checked before anything reaches the sink, so a file that is mostly invalid leaves nothing there.
	skipped.assertMostlyValid(display, raw.length - skipped.total);
	for (const span of spans) sink.span(span);
	return { spans: spans.length, links: 0, skipped: skipped.list() };
}

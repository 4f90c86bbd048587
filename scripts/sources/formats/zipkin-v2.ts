import { describeFound, isJsonObject, jsonTypeName, malformedJson, parseJsonDocument, readJsonDocument } from './json-document.ts';
import { jsonHeadShape } from './json-head.ts';
import type { FormatResult, FormatSink, TelemetryFormat } from './telemetry-format.ts';
import { ZipkinShapeError, zipkinSpanInputs } from './zipkin-span.ts';

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
	async read(file, sink) {
		return readZipkinV2Value(await readJsonDocument(file), file.display, sink);
	},
};

/** Reads Zipkin v2 JSON from text (an HTTP response body, say); `display` names it in errors. */
export function readZipkinV2Text(text: string, display: string, sink: FormatSink): FormatResult {
	return readZipkinV2Value(parseJsonDocument(text, display), display, sink);
}

/** Reads an already parsed Zipkin v2 document into the sink; throws `TelemetryMalformed` naming `display` and the bad field. */
export function readZipkinV2Value(value: unknown, display: string, sink: FormatSink): FormatResult {
	if (!Array.isArray(value)) throw malformedJson(display, `${EXPECTED}, found ${describeFound(value)}.`);
	const raw: { value: unknown; at: string }[] = [];
	const nested = value.length > 0 && Array.isArray(value[0]);
	for (const [t, entry] of value.entries()) {
		if (nested) {
			if (!Array.isArray(entry)) throw malformedJson(display, `[${t}] must be a trace (an array of spans) like [0], found ${jsonTypeName(entry)}.`);
			for (const [s, span] of entry.entries()) raw.push({ value: span, at: `[${t}][${s}]` });
		} else {
			if (!isJsonObject(entry)) throw malformedJson(display, `[${t}] must be a span object like [0], found ${jsonTypeName(entry)}.`);
			raw.push({ value: entry, at: `[${t}]` });
		}
	}
	let spans;
	try {
		spans = zipkinSpanInputs(raw);
	} catch (error) {
		if (error instanceof ZipkinShapeError) throw malformedJson(display, `${error.message}.`);
		throw error;
	}
	for (const span of spans) sink.span(span);
	return { spans: spans.length, links: 0 };
}

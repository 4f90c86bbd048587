import { describeFound, isJsonObject, jsonTypeName, malformedJson, quoteInput, readJsonDocumentText } from './json-document.ts';
import { jsonHeadShape } from './json-head.ts';
import type { JsonPath } from './json-path.ts';
import { streamJsonRecords } from './json-record-stream.ts';
import { InvalidRecordError, SkippedRecords } from './skipped-records.ts';
import type { LinkInput } from '../span-input.ts';
import type { FormatReadOptions, FormatResult, FormatSink, TelemetryFile, TelemetryFormat } from './telemetry-format.ts';

const EXPECTED =
	'expected dependency links: an array of {"parent", "child", "callCount"} as Zipkin\'s /api/v2/dependencies returns, or {"data": [...]} as Jaeger\'s /api/dependencies returns';

/**
 * Aggregated dependency links, as Zipkin's `/api/v2/dependencies` (`[{parent, child, callCount, errorCount}]`)
 * and Jaeger's `/api/dependencies` (`{"data": [...]}`) answer. Each becomes one `link` edge; the same
 * pair listed twice in one file adds up. Names are kept as written. A link that is not an object,
 * lacks a service name or has a bad count is skipped and counted; more than half of them is an error.
 */
export const dependencyLinksFormat: TelemetryFormat = {
	name: 'dependency-links',
	description: 'dependency links from Zipkin /api/v2/dependencies or Jaeger /api/dependencies (`[{"parent", "child", "callCount"}]` or `{"data": [...]}`)',
	sniff(head) {
		const shape = jsonHeadShape(head);
		if (!shape || (shape.path !== '[' && shape.path !== '{data[') || shape.empty) return false;
		return shape.keys.has('parent') && shape.keys.has('child');
	},
	read: readDependencyLinksFile,
};

/** Reads a dependency-links file link by link, in bounded memory; links reach the sink as they are read, so some may have reached it before an error is thrown. */
async function readDependencyLinksFile(file: TelemetryFile, sink: FormatSink, options: FormatReadOptions = {}): Promise<FormatResult> {
	const skipped = new SkippedRecords();
	let links = 0;
	const rest = await streamJsonRecords(file, [[], ['data']], ({ value, at, lineOf }) => {
		try {
			sink.link(toLink(value));
			links++;
		} catch (error) {
			if (!(error instanceof InvalidRecordError)) throw error;
			skipped.skip(error, at, () => lineOf([]));
		}
	}, options);
	const list = isJsonObject(rest) && 'data' in rest ? rest.data : rest;
	if (!Array.isArray(list)) throw malformedJson(file.display, `${EXPECTED}, found ${describeFound(rest)}.`);
	if (isJsonObject(rest)) warnApiErrors(rest.errors, file.display, sink);
	skipped.assertMostlyValid(file.display, links);
	return { spans: 0, links, skipped: skipped.list() };
}

/** Reads dependency links from text (an HTTP response body, say); `display` names it in errors. */
export function readDependencyLinksText(text: string, display: string, sink: FormatSink): FormatResult {
	return readJsonDocumentText(text, display, (value) => readDependencyLinksValue(value, display, sink));
}

/** Reads already parsed dependency links into the sink; throws `TelemetryMalformed` naming `display` for another shape, or when most links are invalid. */
export function readDependencyLinksValue(value: unknown, display: string, sink: FormatSink): FormatResult {
	let list: unknown = value;
	let prefix: JsonPath = [];
	if (isJsonObject(value) && 'data' in value) {
		list = value.data;
		prefix = ['data'];
		warnApiErrors(value.errors, display, sink);
	}
	if (!Array.isArray(list)) throw malformedJson(display, `${EXPECTED}, found ${describeFound(value)}.`);
	const skipped = new SkippedRecords();
	// Read everything first, so a file that is mostly invalid never leaves half of it in the sink.
	const links = [];
	for (const [i, entry] of list.entries()) {
		try {
			links.push(toLink(entry));
		} catch (error) {
			if (!(error instanceof InvalidRecordError)) throw error;
			skipped.skip(error, [...prefix, i]);
		}
	}
	skipped.assertMostlyValid(display, links.length);
	for (const link of links) sink.link(link);
	return { spans: 0, links: links.length, skipped: skipped.list() };
}

/** Jaeger's query API reports partial failures in `errors` beside the data. */
export function warnApiErrors(errors: unknown, display: string, sink: FormatSink): void {
	if (!Array.isArray(errors) || errors.length === 0) return;
	sink.warn(`${display}: the API reported ${errors.length} error(s) with its answer, the first: ${firstApiError(errors)}`);
}

/** The first of a tracing API's `errors`, quoted and cut short: its `msg`, or the entry itself. */
export function firstApiError(errors: unknown[]): string {
	const first = errors[0];
	if (isJsonObject(first) && typeof first.msg === 'string') return quoteInput(first.msg);
	try {
		return quoteInput(JSON.stringify(first));
	} catch {
		// Nested past what JSON.stringify can walk: say what it is instead.
		return jsonTypeName(first);
	}
}

function toLink(entry: unknown): LinkInput {
	if (!isJsonObject(entry)) throw new InvalidRecordError('not-an-object', ` must be a link object, found ${jsonTypeName(entry)}`);
	return {
		from: name(entry.parent, '.parent'),
		to: name(entry.child, '.child'),
		calls: count(entry.callCount, '.callCount', true),
		errors: count(entry.errorCount, '.errorCount', false),
	};
}

function name(value: unknown, field: string): string {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	throw new InvalidRecordError('service', `${field} must be a service name, found ${typeof value === 'string' ? 'an empty string' : jsonTypeName(value)}`);
}

function count(value: unknown, field: string, required: boolean): number {
	if (value === undefined || value === null) {
		if (!required) return 0;
		throw new InvalidRecordError('count', `${field} is missing`);
	}
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
	throw new InvalidRecordError('count', `${field} must be a non-negative integer, found ${typeof value === 'number' ? String(value) : jsonTypeName(value)}`);
}

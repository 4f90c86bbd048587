import { describeFound, isJsonObject, jsonTypeName, malformedJson, parseJsonDocument, quoteInput, readJsonDocument } from './json-document.ts';
import { jsonHeadShape } from './json-head.ts';
import type { FormatResult, FormatSink, TelemetryFormat } from './telemetry-format.ts';

const EXPECTED =
	'expected dependency links: an array of {"parent", "child", "callCount"} as Zipkin\'s /api/v2/dependencies returns, or {"data": [...]} as Jaeger\'s /api/dependencies returns';

/**
 * Aggregated dependency links, as Zipkin's `/api/v2/dependencies` (`[{parent, child, callCount, errorCount}]`)
 * and Jaeger's `/api/dependencies` (`{"data": [...]}`) answer. Each becomes one `link` edge; the same
 * pair listed twice adds up. Names are kept as written.
 */
export const dependencyLinksFormat: TelemetryFormat = {
	name: 'dependency-links',
	description: 'dependency links from Zipkin /api/v2/dependencies or Jaeger /api/dependencies (`[{"parent", "child", "callCount"}]` or `{"data": [...]}`)',
	sniff(head) {
		const shape = jsonHeadShape(head);
		if (!shape || (shape.path !== '[' && shape.path !== '{data[') || shape.empty) return false;
		return shape.keys.has('parent') && shape.keys.has('child');
	},
	async read(file, sink) {
		return readDependencyLinksValue(await readJsonDocument(file), file.display, sink);
	},
};

/** Reads dependency links from text (an HTTP response body, say); `display` names it in errors. */
export function readDependencyLinksText(text: string, display: string, sink: FormatSink): FormatResult {
	return readDependencyLinksValue(parseJsonDocument(text, display), display, sink);
}

/** Reads already parsed dependency links into the sink; throws `TelemetryMalformed` naming `display` and the bad entry. */
export function readDependencyLinksValue(value: unknown, display: string, sink: FormatSink): FormatResult {
	let list: unknown = value;
	let prefix = '';
	if (isJsonObject(value) && 'data' in value) {
		list = value.data;
		prefix = 'data';
		warnApiErrors(value.errors, display, sink);
	}
	if (!Array.isArray(list)) throw malformedJson(display, `${EXPECTED}, found ${describeFound(value)}.`);
	// Validate everything first, so a bad entry never leaves half a file in the sink.
	const links = list.map((entry, i) => {
		const at = `${prefix}[${i}]`;
		if (!isJsonObject(entry)) throw malformedJson(display, `${at} must be a link object, found ${jsonTypeName(entry)}.`);
		const from = name(entry.parent, `${at}.parent`, display);
		const to = name(entry.child, `${at}.child`, display);
		const calls = count(entry.callCount, `${at}.callCount`, display, true);
		const errors = count(entry.errorCount, `${at}.errorCount`, display, false);
		return { from, to, calls, errors };
	});
	for (const link of links) sink.link(link);
	return { spans: 0, links: links.length };
}

/** Jaeger's query API reports partial failures in `errors` beside the data. */
export function warnApiErrors(errors: unknown, display: string, sink: FormatSink): void {
	if (!Array.isArray(errors) || errors.length === 0) return;
	const first = errors[0];
	const text = isJsonObject(first) && typeof first.msg === 'string' ? first.msg : JSON.stringify(first);
	sink.warn(`${display}: the API reported ${errors.length} error(s) with its answer, the first: ${quoteInput(text)}`);
}

function name(value: unknown, at: string, display: string): string {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	throw malformedJson(display, `${at} must be a service name, found ${typeof value === 'string' ? 'an empty string' : jsonTypeName(value)}.`);
}

function count(value: unknown, at: string, display: string, required: boolean): number {
	if (value === undefined || value === null) {
		if (!required) return 0;
		throw malformedJson(display, `${at} is missing.`);
	}
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
	throw malformedJson(display, `${at} must be a non-negative integer, found ${typeof value === 'number' ? String(value) : jsonTypeName(value)}.`);
}

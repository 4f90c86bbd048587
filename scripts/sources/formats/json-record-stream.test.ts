import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { realData } from '../../../fixtures/real-data.ts';
import type { LinkInput, SpanInput } from '../derive-service-graph.ts';
import { forEachOtlpSpan, otlpRequestContent } from '../otlp-json/otlp-spans.ts';
import { readOtlpFile } from '../otlp-json/read-otlp-file.ts';
import { readDependencyLinksText } from './dependency-links.ts';
import { jaegerJsonFormat, readJaegerJsonText } from './jaeger-json.ts';
import { dependencyLinksFormat } from './dependency-links.ts';
import type { JsonRecord } from './json-record-splitter.ts';
import { streamJsonRecords } from './json-record-stream.ts';
import { otlpJsonFormat } from './otlp-json.ts';
import type { FormatResult, FormatSink, TelemetryFormat } from './telemetry-format.ts';
import { readZipkinV2Text, zipkinV2Format } from './zipkin-v2.ts';

const work = mkdtempSync(path.join(tmpdir(), 'halflife-record-stream-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const fixtures = path.join(import.meta.dirname, 'fixtures');

/** Writes `text` to the temp folder, gzipped when `gzip`, and names it as a telemetry file. */
function fileOf(name: string, text: string, gzip = false) {
	const absolute = path.join(work, name);
	writeFileSync(absolute, gzip ? gzipSync(text) : text);
	return { absolute, display: name };
}

interface Read {
	spans: SpanInput[];
	links: LinkInput[];
	result: Omit<FormatResult, 'skipped'> & { skipped: unknown[] };
}

function collector(): { sink: FormatSink; spans: SpanInput[]; links: LinkInput[] } {
	const spans: SpanInput[] = [];
	const links: LinkInput[] = [];
	return { sink: { span: (s) => spans.push(s), link: (l) => links.push(l), warn: () => {} }, spans, links };
}

// Streamed spans come trace by trace, not in the order a whole document gave them: compare as sets.
const byId = (spans: SpanInput[]) => [...spans].sort((a, b) => `${a.traceId}${a.spanId}`.localeCompare(`${b.traceId}${b.spanId}`));
const located = (result: FormatResult) => ({ ...result, skipped: result.skipped.map(({ reason, count, line, detail }) => ({ reason, count, line, detail })) });

async function streamed(format: TelemetryFormat, file: { absolute: string; display: string }): Promise<Read> {
	const { sink, spans, links } = collector();
	const result = located(await format.read(file, sink, { wholeMaxBytes: 0 }));
	return { spans: byId(spans), links, result };
}

function whole(read: (text: string, display: string, sink: FormatSink) => FormatResult, text: string, display: string): Read {
	const { sink, spans, links } = collector();
	const result = located(read(text, display, sink));
	return { spans: byId(spans), links, result };
}

// The whole-document OTLP reading the streaming one replaced: parse, then every span of the request.
function wholeOtlp(text: string): Read {
	const { spans } = collector();
	const content = otlpRequestContent(JSON.parse(text));
	if ('otherSignal' in content) throw new Error('not spans');
	forEachOtlpSpan(content.resourceSpans, content.at, (span) => spans.push(span), () => expect.fail('a span was skipped'));
	return { spans: byId(spans), links: [], result: { spans: spans.length, links: 0, skipped: [] } };
}

const ZIPKIN_REAL = ['ascend', 'messaging-kafka', 'netflix', 'smartthings-mobile-web-install', 'smartthings-oauth-authorization', 'yelp'];

describe('streamed formats read real files as the whole-document reading did', () => {
	for (const name of ZIPKIN_REAL) {
		it(`zipkin-v2: ${name}.json, plain, gzipped and as an array of traces`, async () => {
			const text = readFileSync(realData('traces/zipkin', `${name}.json`), 'utf8');
			const expected = whole(readZipkinV2Text, text, `${name}.json`);
			expect(expected.spans.length).toBeGreaterThan(0);
			expect(await streamed(zipkinV2Format, fileOf(`${name}.json`, text))).toEqual(expected);
			expect(await streamed(zipkinV2Format, fileOf(`${name}.json.gz`, text, true))).toEqual({ ...expected });
			// The /api/v2/traces shape: the same spans split into two trace arrays.
			const spans = JSON.parse(text) as unknown[];
			const nested = JSON.stringify([spans.slice(0, 1), spans.slice(1)]);
			expect((await streamed(zipkinV2Format, fileOf(`${name}-traces.json`, nested))).spans).toEqual(expected.spans);
		});
	}

	for (const name of ['jaeger-ui_sample_small', 'jaeger-ui_sample_large']) {
		it(`dependency-links: ${name}.json, as an array and as {"data": [...]}`, async () => {
			const text = readFileSync(realData('graphs/jaeger-dependencies', `${name}.json`), 'utf8');
			const expected = whole(readDependencyLinksText, text, `${name}.json`);
			expect(expected.links.length).toBeGreaterThan(6);
			expect(await streamed(dependencyLinksFormat, fileOf(`${name}.json`, text))).toEqual(expected);
			const wrapped = `{"data": ${text}, "total": ${expected.links.length}}`;
			expect(await streamed(dependencyLinksFormat, fileOf(`${name}-data.json.gz`, wrapped, true))).toEqual(expected);
		});
	}

	it('otlp-json: the HotROD trace Jaeger v2 answers, and the official OTLP example', async () => {
		for (const file of [realData('traces/otlp/hotrod_jaeger-v3-getTrace-response.otlp.json'), realData('schemas/otlp_example_trace.json')]) {
			const text = readFileSync(file, 'utf8');
			const expected = wholeOtlp(text);
			expect(expected.spans.length).toBeGreaterThan(0);
			expect(await streamed(otlpJsonFormat, fileOf(path.basename(file), text))).toEqual(expected);
		}
	});

	it('otlp-json: a document on one line longer than a Collector line may be is streamed as a document, unless named .jsonl', async () => {
		const text = JSON.stringify(JSON.parse(readFileSync(realData('schemas/otlp_example_trace.json'), 'utf8')));
		const expected = wholeOtlp(text);
		const spans: SpanInput[] = [];
		const summary = await readOtlpFile(fileOf('one-line.json', text), (span) => spans.push(span), 100);
		expect(summary).toMatchObject({ format: 'json-document', spans: expected.spans.length });
		expect(byId(spans)).toEqual(expected.spans);
		const error = await readOtlpFile(fileOf('one-line.jsonl', text), () => {}, 100).catch((e: unknown) => e);
		expect(error).toMatchObject({ name: 'TelemetryMalformed', location: { line: 1 } });
	});

	it('jaeger-json: the Jaeger fixture, with a bad span whose line is found inside its trace', async () => {
		const document = JSON.parse(readFileSync(path.join(fixtures, 'jaeger-traces.json'), 'utf8')) as { data: { spans: Record<string, unknown>[] }[] };
		const last = document.data.at(-1)!;
		last.spans.push({ ...last.spans[0], spanID: 'not-hex' });
		const text = JSON.stringify(document, null, 2);
		const expected = whole(readJaegerJsonText, text, 'jaeger.json');
		expect(expected.result.skipped).toEqual([expect.objectContaining({ reason: 'span-id', line: expect.any(Number) })]);
		expect(await streamed(jaegerJsonFormat, fileOf('jaeger.json', text))).toEqual(expected);
	});
});

describe('streamJsonRecords', () => {
	const records = async (text: string, containers: (string | number)[][]) => {
		const seen: (Omit<JsonRecord, 'lineOf'> & { line: number | null })[] = [];
		// Streamed, whatever the size: records-whole tests compare it with parsing whole.
		const rest = await streamJsonRecords(fileOf('records.json', text), containers, ({ value, at, lineOf }) => seen.push({ value, at, line: lineOf([]) }), {
			wholeMaxBytes: 0,
		});
		return { seen, rest };
	};

	it('hands each element of the record arrays with its path and line, and returns the rest with them emptied', async () => {
		const text = '{"total": 2,\n "data": [\n  {"a": 1},\n  2,\n  [3]\n ],\n "errors": null}';
		expect(await records(text, [[], ['data']])).toEqual({
			seen: [
				{ value: { a: 1 }, at: ['data', 0], line: 3 },
				{ value: 2, at: ['data', 1], line: 4 },
				{ value: [3], at: ['data', 2], line: 5 },
			],
			rest: { total: 2, data: [], errors: null },
		});
		expect(await records('\ufeff[\n{"x": "é"}, {"y": 1}]', [[]])).toEqual({
			seen: [
				{ value: { x: 'é' }, at: [0], line: 2 },
				{ value: { y: 1 }, at: [1], line: 2 },
			],
			rest: [],
		});
	});

	it('reads strings and numbers longer than the tokenizer buffers them in, and records across 1 MiB chunks', async () => {
		const long = 'x'.repeat(3 * 1024 * 1024) + 'é';
		const digits = `1${'0'.repeat(100)}`;
		const { seen } = await records(`[\n${JSON.stringify({ long })},\n${digits},\n{"after": true}]`, [[]]);
		expect(seen).toEqual([
			{ value: { long }, at: [0], line: 2 },
			{ value: 1e100, at: [1], line: 3 },
			{ value: { after: true }, at: [2], line: 4 },
		]);
	});

	it('reports a syntax error with its line and column, near the start exactly as JSON.parse users were told', async () => {
		const file = { absolute: path.join(fixtures, 'zipkin-bad-json.json'), display: 'bad.json' };
		const near = await streamJsonRecords(file, [[]], () => {}, { wholeMaxBytes: 0 }).catch((e: unknown) => e);
		expect(near).toMatchObject({ name: 'TelemetryMalformed', location: { file: 'bad.json', line: 5, column: 5 } });
		// Far into a file the text is not read again: the line comes from counted newlines, the reason from the parser.
		const far = await streamJsonRecords(file, [[]], () => {}, { exactErrorBytes: 0, wholeMaxBytes: 0 }).catch((e: unknown) => e);
		expect(far).toMatchObject({ name: 'TelemetryMalformed', location: { file: 'bad.json', line: 5, column: 5 } });
		expect((far as Error).message).toMatch(/^bad\.json is not valid JSON at line 5, column 5: /);
	});

	it('says where a document that ends early or is empty stops, and names a file it cannot read', async () => {
		for (const [text, line, column] of [
			['[\n{"a": 1},\n{"b"', 3, 5],
			['', 1, 1],
			['[1, 2', 1, 6],
		] as const) {
			const error = await streamJsonRecords(fileOf('cut.json', text), [[]], () => {}, { wholeMaxBytes: 0 }).catch((e: unknown) => e);
			const exact = await streamJsonRecords(fileOf('cut.json', text), [[]], () => {}, { exactErrorBytes: 0, wholeMaxBytes: 0 }).catch((e: unknown) => e);
			expect(error).toMatchObject({ name: 'TelemetryMalformed', location: { line, column } });
			expect(exact).toMatchObject({ name: 'TelemetryMalformed', location: { line } });
		}
		const missing = await streamJsonRecords({ absolute: path.join(work, 'nope.json'), display: 'nope.json' }, [[]], () => {}).catch((e: unknown) => e);
		expect(missing).toMatchObject({ name: 'TelemetryUnreadable', location: { file: 'nope.json' } });
		const corrupt = gzipSync('[{"a": 1}]').subarray(0, 15);
		writeFileSync(path.join(work, 'corrupt.json.gz'), corrupt);
		const gz = await streamJsonRecords({ absolute: path.join(work, 'corrupt.json.gz'), display: 'corrupt.json.gz' }, [[]], () => {}).catch((e: unknown) => e);
		expect(gz).toMatchObject({ name: 'TelemetryMalformed', message: expect.stringContaining('gzip data is corrupt or truncated') });
	});
});

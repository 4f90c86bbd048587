import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { realData } from '../../../fixtures/real-data.ts';
import { generateZipkinArray } from '../../bench/generate-zipkin-array.ts';
import type { LinkInput, SpanInput } from '../derive-service-graph.ts';
import { dependencyLinksFormat } from './dependency-links.ts';
import { jaegerJsonFormat } from './jaeger-json.ts';
import { streamJsonRecords } from './json-record-stream.ts';
import { otlpJsonFormat } from './otlp-json.ts';
import type { FormatSink, TelemetryFile, TelemetryFormat } from './telemetry-format.ts';
import { zipkinV2Format } from './zipkin-v2.ts';

// Every input here is read twice, parsed whole (no size limit) and streamed (limit 0): the two must agree.
const WHOLE = Number.POSITIVE_INFINITY;
const STREAM = 0;

const work = mkdtempSync(path.join(tmpdir(), 'halflife-records-whole-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const fixtures = path.join(import.meta.dirname, 'fixtures');
const FORMATS = [zipkinV2Format, jaegerJsonFormat, dependencyLinksFormat, otlpJsonFormat];

function fileOf(name: string, text: string, gzip = false): TelemetryFile {
	const absolute = path.join(work, name);
	writeFileSync(absolute, gzip ? gzipSync(text) : text);
	return { absolute, display: name };
}

// Streamed spans come trace by trace: compare as sets.
const byId = (spans: SpanInput[]) => [...spans].sort((a, b) => `${a.traceId}${a.spanId}`.localeCompare(`${b.traceId}${b.spanId}`));

/** What reading `file` with `format` gave: spans, links, warnings and result, or the error with its location. */
async function outcome(format: TelemetryFormat, file: TelemetryFile, wholeMaxBytes: number) {
	const spans: SpanInput[] = [];
	const links: LinkInput[] = [];
	const warnings: string[] = [];
	const sink: FormatSink = { span: (s) => spans.push(s), link: (l) => links.push(l), warn: (w) => warnings.push(w) };
	try {
		const result = await format.read(file, sink, { wholeMaxBytes });
		const skipped = result.skipped.map(({ reason, count, line, detail }) => ({ reason, count, line, detail }));
		return { spans: byId(spans), links, warnings, result: { ...result, skipped } };
	} catch (error) {
		const { name, message, location } = error as { name: string; message: string; location?: unknown };
		return { error: { name, message, location } };
	}
}

/** Reads `file` both ways with `format`, expects the same outcome, and returns it. */
async function bothWays(format: TelemetryFormat, file: TelemetryFile) {
	const whole = await outcome(format, file, WHOLE);
	expect(await outcome(format, file, STREAM), `${format.name} on ${file.display}`).toEqual(whole);
	return whole;
}

describe('parsed whole and streamed, a document gives the same records, skipped-record lines and errors', () => {
	it('every format fixture, with every document format, plain and gzipped', async () => {
		let skippedWithLine = 0;
		let errors = 0;
		for (const name of readdirSync(fixtures).filter((n) => n.endsWith('.json'))) {
			const text = readFileSync(path.join(fixtures, name), 'utf8');
			for (const file of [fileOf(name, text), fileOf(`${name}.gz`, text, true)]) {
				for (const format of FORMATS) {
					const result = await bothWays(format, file);
					if ('error' in result) errors++;
					else skippedWithLine += result.result.skipped.filter((kind) => kind.line !== null).length;
				}
			}
		}
		// The fixtures hold bad records and bad documents: the comparison covered both.
		expect(skippedWithLine).toBeGreaterThan(0);
		expect(errors).toBeGreaterThan(0);
	});

	it('real Zipkin, Jaeger dependency and OTLP documents, pretty-printed with a few records damaged', async () => {
		for (const name of ['netflix', 'yelp']) {
			const spans = JSON.parse(readFileSync(realData('traces/zipkin', `${name}.json`), 'utf8')) as Record<string, unknown>[];
			spans[1] = { ...spans[1], id: 'not-hex' };
			spans[2] = { ...spans[2], traceId: '0000' };
			const result = await bothWays(zipkinV2Format, fileOf(`${name}.json`, JSON.stringify(spans, null, 2)));
			expect(result).toMatchObject({ result: { skipped: [{ line: expect.any(Number) }, { line: expect.any(Number) }] } });
		}
		const links = JSON.parse(readFileSync(realData('graphs/jaeger-dependencies/jaeger-ui_sample_large.json'), 'utf8')) as unknown[];
		links[3] = { parent: 'a', child: '', callCount: 1 };
		const wrapped = JSON.stringify({ data: links, errors: [{ msg: 'partial' }] }, null, 1);
		expect(await bothWays(dependencyLinksFormat, fileOf('links.json.gz', wrapped, true))).toMatchObject({ result: { skipped: [{ line: expect.any(Number) }] } });
		for (const file of [realData('traces/otlp/hotrod_jaeger-v3-getTrace-response.otlp.json'), realData('schemas/otlp_example_trace.json')]) {
			expect(await bothWays(otlpJsonFormat, { absolute: file, display: path.basename(file) })).toMatchObject({ result: { spans: expect.any(Number) } });
		}
	});

	it('malformed JSON: the same file, line, column and reason', async () => {
		const texts = [
			'',
			'  \n ',
			'[\n{"traceId": "a", "id": "b"},\n{"traceId"',
			'[\n  {"traceId": "aé", "id": "b", "name": "x"} }\n]',
			'\ufeff[\n{"parent": "a", "child": "b", "callCount": 1},\n]',
			'{"data": [\n{"traceID": "1", "spans": []}\n]} trailing',
			'[{"traceId": "1", "id": "2", "name": "\u0001"}]',
			'{"resourceSpans": [\n{"scopeSpans": [tru]}]}',
		];
		for (const [i, text] of texts.entries()) {
			for (const gzip of [false, true]) {
				const file = fileOf(`bad-${i}.json${gzip ? '.gz' : ''}`, text, gzip);
				await bothWays(zipkinV2Format, file);
				// A record another format rejects before the syntax error is reported first when streamed: both are TelemetryMalformed.
				for (const format of FORMATS) {
					const [whole, streamed] = [await outcome(format, file, WHOLE), await outcome(format, file, STREAM)];
					expect(streamed.error?.name).toBe(whole.error?.name);
				}
				// OTLP takes blank text as JSON lines with none in them; the other formats need a document.
				expect(await outcome(zipkinV2Format, file, WHOLE)).toMatchObject({ error: { name: 'TelemetryMalformed', location: { line: expect.any(Number) } } });
			}
		}
	});
});

describe('streamJsonRecords', () => {
	it('streams a document found too big only after reading part of it, from its first byte', async () => {
		const file = path.join(work, 'spans.json');
		const generated = await generateZipkinArray(file, 3 * 1024 * 1024);
		const read = async (wholeMaxBytes: number) => {
			const seen: unknown[] = [];
			// Lines are not asked: parsed whole, each costs a scan, so readers ask only for a few skipped records'.
			await streamJsonRecords({ absolute: file, display: 'spans.json' }, [[]], ({ value, at }) => seen.push({ value, at }), { wholeMaxBytes });
			return seen;
		};
		const whole = await read(WHOLE);
		expect(whole).toHaveLength(generated.spans);
		// Two 1 MiB chunks are held for parsing whole before the third tips it over.
		expect(await read(2.5 * 1024 * 1024)).toEqual(whole);
	});

	it('hands records in document order whichever of several record arrays comes first, and the rest with them emptied', async () => {
		const text = '{"batches": [\n{"n": 1}],\n "resourceSpans": [{"n": 2},\n{"n": 3}], "x": {"resourceSpans": [4]}}';
		const containers = [['resourceSpans'], ['batches'], ['x', 'resourceSpans']];
		const read = async (wholeMaxBytes: number) => {
			const seen: unknown[] = [];
			const rest = await streamJsonRecords(fileOf('order.json', text), containers, ({ value, at, lineOf }) => seen.push({ value, at, line: lineOf([]) }), { wholeMaxBytes });
			return { seen, rest };
		};
		const whole = await read(WHOLE);
		expect(whole).toEqual({
			seen: [
				{ value: { n: 1 }, at: ['batches', 0], line: 2 },
				{ value: { n: 2 }, at: ['resourceSpans', 0], line: 3 },
				{ value: { n: 3 }, at: ['resourceSpans', 1], line: 4 },
				{ value: 4, at: ['x', 'resourceSpans', 0], line: 4 },
			],
			rest: { batches: [], resourceSpans: [], x: { resourceSpans: [] } },
		});
		expect(await read(STREAM)).toEqual(whole);
	});
});

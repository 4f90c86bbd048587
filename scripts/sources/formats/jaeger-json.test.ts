import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { createServiceGraphDeriver, SpanKind, type SpanInput } from '../derive-service-graph.ts';
import { jaegerJsonFormat, readJaegerJsonText } from './jaeger-json.ts';
import type { FormatSink } from './telemetry-format.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const tracesFile = path.join(fixtures, 'jaeger-traces.json');
const WINDOW = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-02T00:00:00Z') };

function collect(spans: SpanInput[], warnings: string[] = []): FormatSink {
	return { span: (span) => spans.push(span), link: () => expect.fail('jaeger-json produced a link'), warn: (m) => warnings.push(m) };
}

describe('jaeger-json format', () => {
	it('maps processes, references, kinds and errors', async () => {
		const spans: SpanInput[] = [];
		const warnings: string[] = [];
		expect(await jaegerJsonFormat.read({ absolute: tracesFile, display: 'jaeger.json' }, collect(spans, warnings))).toEqual({ spans: 6, links: 0, skipped: [] });
		expect(warnings).toEqual(['jaeger.json: the API reported 1 error(s) with its answer, the first: "one storage shard did not answer"']);
		expect(spans.map((s) => [s.spanId, s.parentSpanId, s.service, s.serviceVersion, s.kind, s.error])).toEqual([
			['00000000000000a1', undefined, 'frontend', '1.2.0', SpanKind.SERVER, false],
			['00000000000000a2', '00000000000000a1', 'frontend', '1.2.0', SpanKind.CLIENT, true],
			['00000000000000c3', '00000000000000a2', 'orders', undefined, SpanKind.SERVER, false],
			// The reference says "C3": ids are compared as zero-padded lowercase hex.
			['00000000000000a4', '00000000000000c3', 'orders', undefined, SpanKind.CLIENT, true],
			// FOLLOWS_FROM is the parent when there is no CHILD_OF.
			['0000000000000abc', '00000000000000c3', 'worker', undefined, SpanKind.UNSPECIFIED, false],
			// A CHILD_OF into another trace is ignored; then the first FOLLOWS_FROM wins.
			['00000000000000a6', '00000000000000a1', 'worker', undefined, SpanKind.UNSPECIFIED, false],
		]);
		expect(spans[0]).toMatchObject({ traceId: '6a1f0e3b2c4d5e6f', startMs: 1767261600000, endMs: 1767261600100, durationMs: 100 });
	});

	it('derives the graph: FOLLOWS_FROM hand-offs become calls to the follower', async () => {
		const spans: SpanInput[] = [];
		await jaegerJsonFormat.read({ absolute: tracesFile, display: 'jaeger.json' }, collect(spans));
		const deriver = createServiceGraphDeriver(WINDOW);
		for (const span of spans) deriver.add(span);
		const graph = deriver.finish();
		expect(graph.edges.map((e) => [e.from, e.to, e.via, e.calls, e.errors])).toEqual([
			['frontend', 'orders', 'parent-child', 1, 1],
			['frontend', 'worker', 'parent-child', 1, 0],
			['orders', 'postgresql:orders', 'database', 1, 1],
			['orders', 'worker', 'parent-child', 1, 0],
		]);
		expect(graph.services.find((s) => s.name === 'frontend')?.versions).toEqual(['1.2.0']);
		expect(graph.stats).toMatchObject({ spans: 6, traces: 1, orphanSpans: 0 });
	});

	it('reads the same spans from text, from a bare trace and from an array of traces', async () => {
		const text = readFileSync(tracesFile, 'utf8');
		const fromFile: SpanInput[] = [];
		await jaegerJsonFormat.read({ absolute: tracesFile, display: 'a' }, collect(fromFile));
		const trace = (JSON.parse(text) as { data: unknown[] }).data[0];
		for (const variant of [text, JSON.stringify(trace), JSON.stringify([trace])]) {
			const spans: SpanInput[] = [];
			readJaegerJsonText(variant, 'http://jaeger/api/traces', collect(spans));
			expect(spans).toEqual(fromFile);
		}
	});

	it('reports invalid JSON with line and column, and another shape by what it expected', async () => {
		const bad = (() => {
			try {
				readJaegerJsonText('{\n  "data": [\n    { "traceID": "ab", }\n  ]\n}', 'api', collect([]));
			} catch (e) {
				return e as HalflifeError;
			}
			return undefined;
		})();
		expect(bad).toMatchObject({ name: 'TelemetryMalformed', location: { file: 'api', line: 3, column: 24 } });
		const error = (await jaegerJsonFormat
			.read({ absolute: path.join(fixtures, 'jaeger-wrong-shape.json'), display: 'w.json' }, collect([]))
			.catch((e: unknown) => e)) as HalflifeError;
		expect(error).toBeInstanceOf(HalflifeError);
		expect(error.message).toBe(
			'w.json: expected Jaeger JSON traces: {"data": [{"traceID", "spans", "processes"}]} as the Jaeger UI exports and /api/traces returns, found an object with keys "traces".',
		);
	});

	it('skips spans it cannot place, counting each kind with the line of the first, and refuses a trace that is mostly invalid', () => {
		const doc = JSON.parse(readFileSync(tracesFile, 'utf8')) as { data: { spans: Record<string, unknown>[] }[]; errors: unknown };
		doc.errors = null;
		const spans = doc.data[0]!.spans;
		spans[1]!.spanID = '0000000000000000';
		delete spans[5]!.operationName;
		const text = JSON.stringify(doc, null, 1);
		const read: SpanInput[] = [];
		const result = readJaegerJsonText(text, 'planted.json', collect(read));
		expect(read.map((s) => s.spanId)).toEqual(['00000000000000a1', '00000000000000c3', '00000000000000a4', '0000000000000abc']);
		// The line a span's object opens on: the nearest `{` above its id.
		const lines = text.split('\n');
		const lineOf = (id: string) => {
			let i = lines.findIndex((line) => line.includes(`"spanID": "${id}"`));
			while (!lines[i]!.trimEnd().endsWith('{')) i--;
			return i + 1;
		};
		expect(result.skipped).toEqual([
			{ reason: 'span-id', count: 1, line: lineOf('0000000000000000'), detail: 'data[0].spans[1].spanID must be up to 16 hex digits, not all zeros, found "0000000000000000"', at: ['data', 0, 'spans', 1] },
			{ reason: 'name', count: 1, line: lineOf('00000000000000a6'), detail: 'data[0].spans[5].operationName is missing', at: ['data', 0, 'spans', 5] },
		]);
		spans[2]!.startTime = 'noon';
		spans[3]!.references = [{ refType: 'CHILD_OF', spanID: 'not-hex' }];
		expect(() => readJaegerJsonText(JSON.stringify(doc), 'bad.json', collect([]))).toThrow(/^bad\.json: 4 of its 6 records are invalid, more than half/);
	});
});

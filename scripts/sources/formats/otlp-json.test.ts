import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LinkInput, SpanInput } from '../derive-service-graph.ts';
import type { Counting } from '../snapshot.ts';
import { otlpJsonFormat } from './otlp-json.ts';
import type { FormatSink, TelemetryFile } from './telemetry-format.ts';
import { REAL_DATA } from '../../../fixtures/real-data.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const realdata = REAL_DATA;
const fixtures = path.resolve(import.meta.dirname, '../otlp-json/fixtures');

async function head(file: string): Promise<string> {
	const handle = await open(file);
	try {
		const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
		return buffer.subarray(0, bytesRead).toString('utf8');
	} finally {
		await handle.close();
	}
}

const sniff = async (file: string) => otlpJsonFormat.sniff(await head(file), { absolute: file, display: path.basename(file) });

function recordingSink() {
	const got = { spans: [] as SpanInput[], links: [] as LinkInput[], counting: [] as Counting[], warnings: [] as string[] };
	const sink: FormatSink = {
		span: (span) => void got.spans.push(span),
		link: (link) => void got.links.push(link),
		counting: (counting) => void got.counting.push(counting),
		warn: (message) => void got.warnings.push(message),
	};
	return { got, sink };
}

describe('otlpJsonFormat.sniff', () => {
	it('claims Collector JSON lines, an ExportTraceServiceRequest, a Jaeger v2 response and the legacy shape', async () => {
		const demo = path.join(repoRoot, 'content/telemetry');
		for (const name of await readdir(demo)) expect(await sniff(path.join(demo, name)), name).toBe(true);
		expect(await sniff(path.join(realdata, 'schemas/otlp_example_trace.json'))).toBe(true);
		expect(await sniff(path.join(realdata, 'traces/otlp/hotrod_jaeger-v3-getTrace-response.otlp.json'))).toBe(true);
		expect(await sniff(path.join(fixtures, 'legacy/tempo-batches.json'))).toBe(true);
	});

	it('leaves Zipkin, Jaeger dependency links and catalogs to other formats', async () => {
		const others = [
			'traces/zipkin/netflix.json',
			'traces/zipkin/messaging-kafka.json',
			'graphs/jaeger-dependencies/jaeger-ui_sample_small.json',
			'catalogs/datadog/DataDog_datadog-agent.service.datadog.yaml',
			'schemas/zipkin2-api.yaml',
		];
		for (const file of others) expect(await sniff(path.join(realdata, file)), file).toBe(false);
		const file: TelemetryFile = { absolute: 'x.json', display: 'x.json' };
		expect(otlpJsonFormat.sniff('{"data":[{"traceID":"1","spans":[],"processes":{}}]}', file)).toBe(false);
		expect(otlpJsonFormat.sniff('{"batches":[{"spans":[],"process":{"serviceName":"a"}}]}', file)).toBe(false);
		expect(otlpJsonFormat.sniff('\ufeff  {"resourceSpans":[{"resource":{"attrib', file)).toBe(true);
	});
});

describe('otlpJsonFormat.read', () => {
	it('reads the legacy shape: batches, instrumentationLibrarySpans, base64 ids, enum names', async () => {
		const file = path.join(fixtures, 'legacy/tempo-batches.json');
		const { got, sink } = recordingSink();
		expect(await otlpJsonFormat.read({ absolute: file, display: 'tempo-batches.json' }, sink)).toEqual({ spans: 4, links: 0, skipped: [] });
		expect(got.spans.map((s) => [s.service, s.spanId, s.parentSpanId, s.kind, s.error])).toEqual([
			['frontend-579b9bff58-t2dbm', 'eee19b7ec3c1b174', undefined, 2, false],
			['frontend-579b9bff58-t2dbm', 'eee19b7ec3c1b173', 'eee19b7ec3c1b174', 3, false],
			['frontend-579b9bff58-x8wq2', 'eee19b7ec3c1b175', 'eee19b7ec3c1b174', 1, false],
			['cartservice-579f59597d-wc2lz', '00f067aa0ba902b7', 'eee19b7ec3c1b173', 2, true],
		]);
		expect(new Set(got.spans.map((s) => s.traceId))).toEqual(new Set(['5b8efff798038103d269b633813fc60c']));
		expect(got.counting).toEqual([]);
	});

	it('passes sampling evidence to the sink once per file', async () => {
		const file = path.join(fixtures, 'sampling/telemetry/sampled.jsonl');
		const { got, sink } = recordingSink();
		await otlpJsonFormat.read({ absolute: file, display: 'sampled.jsonl' }, sink);
		expect(got.counting).toEqual([{ basis: 'sampled', ratio: 0.25, evidence: 'tracestate ot=th on 3 of 5 spans; attribute SampleRate on 1 of 5 spans' }]);
	});
});

import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pull } from '../build.ts';
import { parseOptions } from '../config/parse-options.ts';
import { snapshotsDirOf } from '../config/paths.ts';
import { HalflifeError } from '../errors/halflife-error.ts';
import { memoryLogger } from '../lib/logger.ts';
import { pullTelemetry } from './pull-telemetry.ts';
import { REAL_DATA } from '../../fixtures/real-data.ts';

const realdata = REAL_DATA;
// Every real file of a supported format, and the format it must be read as.
const REAL_FILES: Record<string, string> = {
	'traces/otlp/hotrod_jaeger-v3-getTrace-response.otlp.json': 'otlp-json',
	'schemas/otlp_example_trace.json': 'otlp-json',
	'traces/zipkin/ascend.json': 'zipkin-v2',
	'traces/zipkin/messaging-kafka.json': 'zipkin-v2',
	'traces/zipkin/netflix.json': 'zipkin-v2',
	'traces/zipkin/smartthings-mobile-web-install.json': 'zipkin-v2',
	'traces/zipkin/smartthings-oauth-authorization.json': 'zipkin-v2',
	'traces/zipkin/yelp.json': 'zipkin-v2',
	'graphs/jaeger-dependencies/jaeger-ui_sample_small.json': 'dependency-links',
	'graphs/jaeger-dependencies/jaeger-ui_sample_large.json': 'dependency-links',
};
// Wide enough for every file: the Zipkin traces are from 2018-2019, HotROD from 2026.
const window = { start: new Date('2010-01-01T00:00:00Z'), end: new Date('2030-01-01T00:00:00Z') };

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-pull-'));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('pullTelemetry over the real data', () => {
	it('detects the format of every real file and reads them all into one snapshot', async () => {
		const paths = Object.keys(REAL_FILES).map((file) => path.join(realdata, file));
		const progress: [number, number][] = [];
		const snapshot = await pullTelemetry({ paths }, { contentDir: dir, now: window.end, window, logger: memoryLogger() }, (done, total) =>
			progress.push([done, total]),
		);
		expect(snapshot).not.toBeNull();
		// The files are one source.
		expect(progress).toEqual([
			[0, 1],
			[1, 1],
		]);
		const formats = Object.fromEntries(snapshot!.source.inputs.map((input) => [path.relative(realdata, input.path), input.format]));
		expect(formats).toEqual(REAL_FILES);
		const names = new Set(snapshot!.services.map((s) => s.name));
		// One service from each kind of file.
		for (const name of ['frontend', 'mobile-gateway', 'Service1', 'servicea', 'my.service']) expect(names).toContain(name);
		// The large Jaeger graph alone has 1,238 services; nothing is lost in the union.
		expect(names.size).toBeGreaterThanOrEqual(1238);
		expect(snapshot!.edges.filter((e) => e.via === 'link').length).toBeGreaterThanOrEqual(4271);
	});
});

describe('the pull stage', () => {
	it('leaves the earlier snapshot untouched when a file of any format is malformed', async () => {
		const content = path.join(dir, 'content');
		await mkdir(path.join(content, 'telemetry'), { recursive: true });
		await copyFile(path.join(realdata, 'traces/zipkin/ascend.json'), path.join(content, 'telemetry', 'ascend.json'));
		const options = parseOptions({ telemetry: { paths: ['telemetry/*'] } });
		const cacheDir = path.join(dir, 'cache');
		const now = new Date('2018-07-12T00:00:00Z');
		const good = await pull(content, cacheDir, 'run', now, { ...options, windowDays: 7 }, memoryLogger());
		expect(good!.services.map((s) => s.name)).toEqual(['auth-service', 'content-service', 'mobile-gateway']);
		const snapshotFile = path.join(snapshotsDirOf(cacheDir, content), 'run.json');
		const before = await readFile(snapshotFile, 'utf8');

		const broken: Record<string, string> = {
			'zipkin.json': '[{"traceId": "ef86c83c0a05a6d6", "id": "ecc00062ceef4bf0", "localEndpoint": {"serviceName": "x"}},\n  {"traceId": ',
			'links.json': '[{"parent": "a", "child": "b", "callCount": "many"}]',
			'otlp.jsonl': '{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "zz"}]}]}]}\n',
			'jaeger.json': '{"data": [{"traceID": "1", "spans": [{"spanID": 5}], "processes": {}}]}',
			'unknown.json': '{"hello": "world"}',
		};
		for (const [name, text] of Object.entries(broken)) {
			const file = path.join(content, 'telemetry', name);
			await writeFile(file, text);
			const error = await pull(content, cacheDir, 'run', now, { ...options, windowDays: 7 }, memoryLogger()).catch((e: unknown) => e);
			expect(error, name).toBeInstanceOf(HalflifeError);
			expect((error as HalflifeError).location?.file, name).toBe(`telemetry/${name}`);
			expect(['TelemetryMalformed', 'TelemetryUnknownFormat'], name).toContain((error as HalflifeError).name);
			expect(await readFile(snapshotFile, 'utf8'), name).toBe(before);
			await rm(file);
		}
	});
});

describe('naming', () => {
	it('folds pod names into their workload for every file, keeping the raw names, and applies the site\'s own rules', async () => {
		const line = (service: string, spanId: string, parent: string) =>
			JSON.stringify({
				resourceSpans: [
					{
						resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
						scopeSpans: [{ spans: [{ traceId: 'a'.repeat(32), spanId, parentSpanId: parent, name: 'x', kind: 2, startTimeUnixNano: '1767225600000000000', endTimeUnixNano: '1767225600001000000' }] }],
					},
				],
			});
		await writeFile(
			path.join(dir, 'pods.jsonl'),
			[line('frontend-579b9bff58-t2dbm', '1'.repeat(16), ''), line('cartservice-579f59597d-wc2lz', '2'.repeat(16), '1'.repeat(16)), line('legacy.billing', '3'.repeat(16), '2'.repeat(16))].join('\n'),
		);
		const ctx = { contentDir: dir, now: window.end, window, logger: memoryLogger() };
		const snapshot = await pullTelemetry({ paths: ['pods.jsonl'], naming: { rules: [{ pattern: '^legacy\\.', replacement: '' }] } }, ctx);
		expect(snapshot!.services.map((s) => [s.name, s.rawNames])).toEqual([
			['billing', ['legacy.billing']],
			['cartservice', ['cartservice-579f59597d-wc2lz']],
			['frontend', ['frontend-579b9bff58-t2dbm']],
		]);
		expect(snapshot!.edges.map((e) => [e.from, e.to])).toEqual([
			['cartservice', 'billing'],
			['frontend', 'cartservice'],
		]);
	});
});


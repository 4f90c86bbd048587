import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dependencyLinksFormat } from './dependency-links.ts';
import { jaegerJsonFormat } from './jaeger-json.ts';
import { jsonHeadShape } from './json-head.ts';
import { zipkinV2Format } from './zipkin-v2.ts';
import { REAL_DATA } from '../../../fixtures/real-data.ts';

const realdata = REAL_DATA;
const fixtures = path.join(import.meta.dirname, 'fixtures');
const formats = [zipkinV2Format, dependencyLinksFormat, jaegerJsonFormat];

function claimants(head: string): string[] {
	const file = { absolute: 'x.json', display: 'x.json' };
	return formats.filter((format) => format.sniff(head, file)).map((format) => format.name);
}

const head = (file: string) => readFileSync(file, 'utf8').slice(0, 65536);

describe('sniffing Zipkin, Jaeger and dependency links', () => {
	const cases: [string, string[]][] = [
		...readdirSync(path.join(realdata, 'traces/zipkin')).map((name): [string, string[]] => [path.join(realdata, 'traces/zipkin', name), ['zipkin-v2']]),
		...readdirSync(path.join(realdata, 'graphs/jaeger-dependencies')).map((name): [string, string[]] => [
			path.join(realdata, 'graphs/jaeger-dependencies', name),
			['dependency-links'],
		]),
		[path.join(realdata, 'traces/otlp/hotrod_jaeger-v3-getTrace-response.otlp.json'), []],
		[path.join(realdata, 'schemas/otlp_example_trace.json'), []],
		[path.join(fixtures, 'zipkin-shared.json'), ['zipkin-v2']],
		[path.join(fixtures, 'links-data.json'), ['dependency-links']],
		[path.join(fixtures, 'jaeger-traces.json'), ['jaeger-json']],
		[path.join(fixtures, 'jaeger-wrong-shape.json'), []],
		[path.join(fixtures, 'zipkin-object.json'), []],
	];

	it.each(cases)('%s is claimed by exactly %j', (file, expected) => {
		expect(claimants(head(file))).toEqual(expected);
	});

	it('decides from a head cut off in the middle of the first object', () => {
		const zipkin = head(path.join(realdata, 'traces/zipkin/netflix.json')).slice(0, 120);
		expect(zipkin).not.toContain('localEndpoint');
		expect(claimants(zipkin)).toEqual(['zipkin-v2']);
		expect(claimants('{"data":[{"traceID":"6a1f0e3b2c4d5e6f","spans":[{"traceID":"6a1f')).toEqual(['jaeger-json']);
		expect(claimants('{"data": [{"callCount": 3, "parent": "a", "child": "b"')).toEqual(['dependency-links']);
		expect(claimants('{"resourceSpans":[{"resource":{')).toEqual([]);
		expect(claimants('{"result":{"resourceSpans":[')).toEqual([]);
	});

	it('looks only at top-level keys of the first object', () => {
		expect(jsonHeadShape('[{"tags": {"traceId": "x", "id": "y"}, "name": "a"}]')?.keys).toEqual(new Set(['tags', 'name']));
		expect(claimants('[{"tags": {"traceId": "x", "id": "y"}}]')).toEqual([]);
		expect(claimants('\uFEFF  [ [ {"traceId": "a", "id": "b"} ] ]')).toEqual(['zipkin-v2']);
		expect(claimants('not json')).toEqual([]);
	});
});

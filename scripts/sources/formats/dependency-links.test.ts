import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { createServiceGraphDeriver, type LinkInput } from '../derive-service-graph.ts';
import { dependencyLinksFormat } from './dependency-links.ts';
import type { FormatSink } from './telemetry-format.ts';
import { realData } from '../../../fixtures/real-data.ts';

const jaegerDir = realData('graphs/jaeger-dependencies');
const fixtures = path.join(import.meta.dirname, 'fixtures');
const WINDOW = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-02T00:00:00Z') };

function collect(links: LinkInput[], warnings: string[] = []): FormatSink {
	return { span: () => expect.fail('links produced a span'), link: (link) => links.push(link), warn: (m) => warnings.push(m) };
}

async function graphOf(file: string) {
	const links: LinkInput[] = [];
	const result = await dependencyLinksFormat.read({ absolute: file, display: path.basename(file) }, collect(links));
	const deriver = createServiceGraphDeriver(WINDOW);
	for (const link of links) deriver.addLink(link);
	return { result, graph: deriver.finish() };
}

describe('dependency-links format on the Jaeger UI samples', () => {
	it.each(['jaeger-ui_sample_small.json', 'jaeger-ui_sample_large.json'])('%s: every pair and count as in the raw JSON', async (name) => {
		const file = path.join(jaegerDir, name);
		const text = readFileSync(file, 'utf8');
		expect(dependencyLinksFormat.sniff(text.slice(0, 65536), { absolute: file, display: name })).toBe(true);
		const { result, graph } = await graphOf(file);

		// Independently: sum callCount per (parent, child), collect the names.
		const raw = JSON.parse(text) as { parent: string; child: string; callCount: number; errorCount?: number }[];
		const expected = new Map<string, { calls: number; errors: number }>();
		const names = new Set<string>();
		for (const { parent, child, callCount, errorCount } of raw) {
			names.add(parent).add(child);
			const key = `${parent} -> ${child}`;
			const entry = expected.get(key) ?? { calls: 0, errors: 0 };
			entry.calls += callCount;
			entry.errors += errorCount ?? 0;
			expected.set(key, entry);
		}
		expect(result).toEqual({ spans: 0, links: raw.length });
		expect(new Map(graph.edges.map((e) => [`${e.from} -> ${e.to}`, { calls: e.calls, errors: e.errors }]))).toEqual(expected);
		expect(graph.edges.every((e) => e.via === 'link' && e.latencyMs === null && e.firstSeen === null)).toBe(true);
		expect(graph.services.map((s) => s.name)).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
		expect(graph.services.every((s) => s.kind === 'service' && s.spans === 0 && s.firstSeen === null)).toBe(true);
	});

	it('pins the sizes counted by hand with Python: small 8 services / 7 edges, large 1,238 / 4,271', async () => {
		const small = await graphOf(path.join(jaegerDir, 'jaeger-ui_sample_small.json'));
		expect([small.graph.services.length, small.graph.edges.length]).toEqual([8, 7]);
		expect(small.graph.edges.find((e) => e.from === 'Service1' && e.to === 'Service2')?.calls).toBe(30489);
		const large = await graphOf(path.join(jaegerDir, 'jaeger-ui_sample_large.json'));
		expect([large.graph.services.length, large.graph.edges.length]).toEqual([1238, 4271]);
		expect(large.graph.edges.reduce((sum, e) => sum + e.calls, 0)).toBe(2985281);
	});
});

describe('dependency-links format on fixtures', () => {
	it('reads {"data": [...]}, adds up repeated pairs and passes API errors on as warnings', async () => {
		const links: LinkInput[] = [];
		const warnings: string[] = [];
		const file = path.join(fixtures, 'links-data.json');
		expect(dependencyLinksFormat.sniff(readFileSync(file, 'utf8'), { absolute: file, display: 'links' })).toBe(true);
		await dependencyLinksFormat.read({ absolute: file, display: 'links-data.json' }, collect(links, warnings));
		expect(links).toEqual([
			{ from: 'frontend', to: 'orders', calls: 10, errors: 2 },
			{ from: 'orders', to: 'postgres', calls: 7, errors: 0 },
			{ from: 'frontend', to: 'orders', calls: 5, errors: 1 },
		]);
		expect(warnings).toEqual([]);
		const { graph } = await graphOf(file);
		expect(graph.edges.map((e) => [e.from, e.to, e.calls, e.errors])).toEqual([
			['frontend', 'orders', 15, 3],
			['orders', 'postgres', 7, 0],
		]);
	});

	it('names the bad entry and delivers nothing', async () => {
		const links: LinkInput[] = [];
		const error = (await dependencyLinksFormat
			.read({ absolute: path.join(fixtures, 'links-bad-count.json'), display: 'deps.json' }, collect(links))
			.catch((e: unknown) => e)) as HalflifeError;
		expect(error).toBeInstanceOf(HalflifeError);
		expect(error.name).toBe('TelemetryMalformed');
		expect(error.message).toBe('deps.json: [1].callCount must be a non-negative integer, found a string.');
		expect(links).toEqual([]);
	});

	it('says what it expected when given spans', async () => {
		const error = (await dependencyLinksFormat
			.read({ absolute: path.join(fixtures, 'zipkin-object.json'), display: 'x.json' }, collect([]))
			.catch((e: unknown) => e)) as HalflifeError;
		expect(error.message).toMatch(/^x\.json: expected dependency links: .* found an object with keys "spans"\.$/);
	});
});

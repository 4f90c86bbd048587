import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { createServiceGraphDeriver, type LinkInput } from '../derive-service-graph.ts';
import { dependencyLinksFormat, readDependencyLinksText } from './dependency-links.ts';
import type { FormatSink } from './telemetry-format.ts';
import { onePerLine } from './test-helpers/one-per-line.ts';
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
		expect(result).toEqual({ spans: 0, links: raw.length, skipped: [] });
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

	it('skips and counts a link with a bad count, naming its line, and reads the others', async () => {
		const links: LinkInput[] = [];
		const result = await dependencyLinksFormat.read({ absolute: path.join(fixtures, 'links-bad-count.json'), display: 'deps.json' }, collect(links));
		expect(links).toEqual([{ from: 'frontend', to: 'orders', calls: 10, errors: 0 }]);
		expect(result).toEqual({
			spans: 0,
			links: 1,
			skipped: [{ reason: 'count', count: 1, line: 3, detail: '[1].callCount must be a non-negative integer, found a string', at: [1] }],
		});
	});

	it('skips every kind of bad link in the real 1,238-service sample, and refuses a list that is mostly bad, delivering nothing', () => {
		const raw = JSON.parse(readFileSync(path.join(jaegerDir, 'jaeger-ui_sample_large.json'), 'utf8')) as Record<string, unknown>[];
		const planted = raw.map((link, i) =>
			i === 7 ? { ...link, parent: '' } : i === 100 ? { ...link, callCount: -1 } : i === 2000 ? null : i === 3000 ? { ...link, child: 42 } : link,
		);
		// Link i is on line i + 2.
		const text = onePerLine(planted);
		const links: LinkInput[] = [];
		const result = readDependencyLinksText(text, 'large.json', collect(links));
		expect(result.skipped.map(({ reason, count, line }) => [reason, count, line])).toEqual([
			['service', 2, 9],
			['count', 1, 102],
			['not-an-object', 1, 2002],
		]);
		expect(result.skipped[0]!.detail).toBe('[7].parent must be a service name, found an empty string');
		expect(links).toHaveLength(raw.length - 4);
		expect(links).toEqual(raw.filter((_, i) => ![7, 100, 2000, 3000].includes(i)).map((l) => ({ from: l.parent, to: l.child, calls: l.callCount, errors: l.errorCount ?? 0 })));

		const mostlyBad = onePerLine(raw.slice(0, 5).map((link, i) => (i < 3 ? { ...link, callCount: 'many' } : link)));
		const none: LinkInput[] = [];
		const error = (() => {
			try {
				readDependencyLinksText(mostlyBad, 'bad.json', collect(none));
			} catch (e) {
				return e as HalflifeError;
			}
			return undefined;
		})();
		expect(error).toMatchObject({ name: 'TelemetryMalformed', location: { file: 'bad.json' } });
		expect(error!.message).toBe(
			'bad.json: 3 of its 5 records are invalid, more than half, so it is not read: a wrong or damaged export rather than a few bad records. The first: [0].callCount must be a non-negative integer, found a string.',
		);
		expect(none).toEqual([]);
	});

	it('says what it expected when given spans', async () => {
		const error = (await dependencyLinksFormat
			.read({ absolute: path.join(fixtures, 'zipkin-object.json'), display: 'x.json' }, collect([]))
			.catch((e: unknown) => e)) as HalflifeError;
		expect(error.message).toMatch(/^x\.json: expected dependency links: .* found an object with keys "spans"\.$/);
	});
});

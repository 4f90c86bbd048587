import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../lib/logger.ts';
import { filesSource, type FilesSourceOptions } from './files-source.ts';
import { telemetryFormats } from './formats/index.ts';
import type { TelemetryFormat } from './formats/telemetry-format.ts';
import { telemetryProblems } from './telemetry-problems.ts';
import { snapshotSchema, type ObservedEdge, type TelemetrySnapshot } from './snapshot.ts';
import { REAL_DATA } from '../../fixtures/real-data.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
// A week of the demo's telemetry, as the Collector's file exporter writes it: four JSON lines.
const weekFile = path.join(repoRoot, 'content/telemetry/2026-11-16.otlp.jsonl');
const WEEK = { start: new Date('2026-11-16T00:00:00Z'), end: new Date('2026-11-23T00:00:00Z') };
const smallLinks = path.join(REAL_DATA, 'graphs/jaeger-dependencies/jaeger-ui_sample_small.json');

type Request = { resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[] };

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-files-'));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** Writes `files` into the test folder and pulls them with the files source. */
async function pull(files: Record<string, string>, options: Partial<FilesSourceOptions> = {}, window = WEEK) {
	for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
	const logger = memoryLogger();
	const source = filesSource({ paths: Object.keys(files), ...options }, telemetryFormats);
	const snapshot = snapshotSchema.parse(await source.load({ contentDir: dir, now: window.end, window, logger }));
	return { snapshot, logger };
}

/** Calls per caller → callee pair, over every `via`. */
function callsByPair(edges: ObservedEdge[]): Map<string, number> {
	const pairs = new Map<string, number>();
	for (const edge of edges) pairs.set(`${edge.from} -> ${edge.to}`, (pairs.get(`${edge.from} -> ${edge.to}`) ?? 0) + edge.calls);
	return pairs;
}

/** The graph of a snapshot, without what names its inputs. */
const graphOf = (snapshot: TelemetrySnapshot) => ({ stats: snapshot.stats, services: snapshot.services, edges: snapshot.edges });

const week = await readFile(weekFile, 'utf8');
const weekLines = week.trimEnd().split('\n');

/** The week's requests with only the spans whose trace `keep` accepts. */
function splitByTrace(keep: (traceId: string) => boolean): string {
	return `${weekLines
		.map((line) => {
			const request = JSON.parse(line) as Request;
			for (const resource of request.resourceSpans) for (const scope of resource.scopeSpans) scope.spans = scope.spans.filter((s) => keep(s.traceId));
			return JSON.stringify(request);
		})
		.join('\n')}\n`;
}

describe('files that hold different traffic add up', () => {
	it('two files of disjoint traces give the graph of the one file they were split from', async () => {
		const whole = await pull({ 'week.jsonl': week });
		const odd = (traceId: string) => parseInt(traceId.slice(-1), 16) % 2 === 1;
		const split = await pull({ 'odd.jsonl': splitByTrace(odd), 'even.jsonl': splitByTrace((t) => !odd(t)) });
		expect(graphOf(split.snapshot)).toEqual(graphOf(whole.snapshot));
		expect(split.snapshot.source.inputs.every((input) => input.repeats === undefined && input.spans > 100)).toBe(true);
	});

	it('a stream rotated into two files (traces straddling the cut) joins across them, as one file', async () => {
		const whole = await pull({ 'week.jsonl': week });
		const rotated = await pull({ 'a-1.jsonl': `${weekLines.slice(0, 2).join('\n')}\n`, 'a-2.jsonl': `${weekLines.slice(2).join('\n')}\n` });
		expect(graphOf(rotated.snapshot)).toEqual(graphOf(whole.snapshot));
		expect(rotated.snapshot.source.inputs.map((input) => input.repeats)).toEqual([undefined, undefined]);
	});
});

describe('two views of the same traffic never add up', () => {
	it('a second export of the same traces counts once, whether its traces are still held or were joined long before', async () => {
		const whole = await pull({ 'week.jsonl': week });
		const twice = await pull({ 'a.jsonl': week, 'b.jsonl': week });
		expect(graphOf(twice.snapshot)).toEqual(graphOf(whole.snapshot));
		expect(twice.snapshot.source.inputs[1]!.repeats).toBe('a.jsonl');
		expect(telemetryProblems(twice.snapshot).map((p) => p.error.message)).toEqual([
			'b.jsonl repeats spans of a.jsonl: two exports of the same traffic, so each dependency counts the busier file\'s calls, never both.',
		]);

		// Joined early, the copy's spans are no longer recognised one by one; its view still never adds to the original's.
		const tight = { traceIdleSpans: 200 };
		const wholeTight = callsByPair((await pull({ 'week.jsonl': week }, tight)).snapshot.edges);
		const twiceTight = await pull({ 'a.jsonl': week, 'b.jsonl': week }, tight);
		expect(twiceTight.snapshot.source.inputs[1]!.repeats).toBe('a.jsonl');
		const truth = callsByPair(whole.snapshot.edges);
		for (const [pair, calls] of callsByPair(twiceTight.snapshot.edges)) {
			expect(calls, pair).toBeLessThanOrEqual(truth.get(pair) ?? 0);
			expect(calls, pair).toBeGreaterThanOrEqual(wholeTight.get(pair) ?? 0);
		}
		expect(twiceTight.snapshot.stats.spans).toBe(whole.snapshot.stats.spans);
	});

	it('a partial second export (some of the same traces) counts once too', async () => {
		const whole = await pull({ 'week.jsonl': week });
		const part = await pull({ 'all.jsonl': week, 'part.jsonl': `${weekLines.slice(1, 3).join('\n')}\n` }, { traceIdleSpans: 200 });
		expect(part.snapshot.source.inputs[1]!.repeats).toBe('all.jsonl');
		const truth = callsByPair(whole.snapshot.edges);
		for (const [pair, calls] of callsByPair(part.snapshot.edges)) expect(calls, pair).toBeLessThanOrEqual(truth.get(pair) ?? 0);
	});

	it('a trace file and a dependency-links file of the same edges give the busier count per edge, never the sum', async () => {
		const traced = (await pull({ 'week.jsonl': week })).snapshot;
		const pairs = [...callsByPair(traced.edges)].filter(([pair]) => !pair.includes(':'));
		expect(pairs.length).toBeGreaterThan(10);
		// Half the traced calls on the first edges, three times them on the others, and one edge traces never saw.
		const links = pairs.map(([pair, calls], i) => {
			const [parent, child] = pair.split(' -> ');
			return { parent, child, callCount: i < 5 ? Math.floor(calls / 2) : calls * 3, errorCount: 0 };
		});
		links.push({ parent: 'legacy-batch', child: 'mainframe', callCount: 4, errorCount: 1 });
		const both = (await pull({ 'week.jsonl': week, 'deps.json': JSON.stringify(links) })).snapshot;
		const combined = callsByPair(both.edges);
		for (const [i, [pair, calls]] of pairs.entries()) expect(combined.get(pair), pair).toBe(i < 5 ? calls : calls * 3);
		expect(combined.get('legacy-batch -> mainframe')).toBe(4);
		// Where the traces are busier, their edge stays, with its latency; where the links are, theirs.
		const first = pairs[0]![0].split(' -> ');
		expect(both.edges.filter((e) => e.from === first[0] && e.to === first[1]).every((e) => e.via !== 'link' && e.latencyMs !== null)).toBe(true);
		const sixth = pairs[5]![0].split(' -> ');
		expect(both.edges.filter((e) => e.from === sixth[0] && e.to === sixth[1]).map((e) => e.via)).toEqual(['link']);
		// Databases and queues only the traces see keep their counts.
		for (const [pair, calls] of callsByPair(traced.edges)) if (pair.includes(':')) expect(combined.get(pair)).toBe(calls);
	});

	it('two dependency-links files keep the busier count per edge, and every edge either has', async () => {
		const raw = JSON.parse(await readFile(smallLinks, 'utf8')) as { parent: string; child: string; callCount: number }[];
		const doubled = raw.slice(0, 4).map((link) => ({ ...link, callCount: link.callCount * 2 }));
		const { snapshot } = await pull({ 'zipkin.json': JSON.stringify(raw), 'jaeger.json': JSON.stringify({ data: doubled }) });
		const expected = new Map(raw.map((link, i) => [`${link.parent} -> ${link.child}`, i < 4 ? link.callCount * 2 : link.callCount]));
		expect(callsByPair(snapshot.edges)).toEqual(expected);
	});
});

it('hands its memory bounds to the formats, so a format that holds traces (Zipkin) holds no more than the source allows', async () => {
	const seen: unknown[] = [];
	const recording: TelemetryFormat = {
		name: 'recording',
		description: 'records how it was asked to read',
		sniff: () => true,
		async read(_file, _sink, options) {
			seen.push(options);
			return { spans: 0, links: 0, skipped: [] };
		},
	};
	await writeFile(path.join(dir, 'a.json'), '[]');
	const source = filesSource({ paths: ['a.json'], traceIdleSpans: 7, maxBufferedSpans: 70 }, [recording]);
	await source.load({ contentDir: dir, now: WEEK.end, window: WEEK, logger: memoryLogger() });
	expect(seen).toEqual([{ traceIdleSpans: 7, maxBufferedSpans: 70 }]);
});

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { realData } from '../../fixtures/real-data.ts';
import { mergeInputs } from '../build.ts';
import { halflifeOptionsSchema } from '../config/options-schema.ts';
import { buildIdOf } from '../lib/build-clock.ts';
import { memoryLogger } from '../lib/logger.ts';
import { diffModels } from './diff-models.ts';
import { withEdgeHealth } from './edge-health.ts';
import type { Model } from './model-schema.ts';
import { nezhaToOtlp } from './test-helpers/nezha-otlp.ts';

const csv = (name: string) => realData('traces/csv', name);
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

// The fault's record in the day's fault list, found by its pod: when it began, on the traces' clock (UTC).
function injectTime(list: string, pod: string, type: string): number {
	const days = JSON.parse(readFileSync(realData('traces/csv/labels', list), 'utf8')) as Record<string, { inject_time: string; inject_pod: string; inject_type: string }[]>;
	const record = Object.values(days).flat().find((r) => r.inject_pod === pod && r.inject_type === type);
	if (!record) throw new Error(`no ${type} fault on ${pod} in ${list}`);
	return Date.parse(`${record.inject_time.replace(' ', 'T')}Z`);
}

// One window of a capture, through the build's own stages (pull, naming, merge), built at the window's end.
async function modelOf(file: string, fromMs: number, toMs: number, previous: Model | null): Promise<Model> {
	const dir = await mkdtemp(path.join(tmpdir(), 'halflife-fault-'));
	dirs.push(dir);
	const content = path.join(dir, 'content');
	await mkdir(path.join(content, 'telemetry'), { recursive: true });
	const window = nezhaToOtlp(csv(file), fromMs, toMs);
	await writeFile(path.join(content, 'telemetry', 'spans.jsonl'), window.jsonl);
	const options = halflifeOptionsSchema.parse({ content, site: path.join(dir, 'site'), cacheDir: path.join(dir, 'cache') });
	// Built a minute after its last span: every window is as long (windowDays), as in daily builds.
	const now = new Date(Math.ceil(window.lastMs / 1000) * 1000 + 60_000);
	const { model } = await mergeInputs({ contentDir: content, cacheDir: options.cacheDir, options, now, id: buildIdOf(now), logger: memoryLogger() });
	return withEdgeHealth(model, previous, options.shifts);
}

const touches = (service: string) => (e: { from: string; to: string }) => e.from === service || e.to === service;
const names = (edges: { from: string; to: string }[]) => edges.map((e) => `${e.from} → ${e.to}`);

describe('shifts on real fault-injection captures (Nezha)', () => {
	it('Online Boutique: an error-returning product catalog changes the calls on every edge into it; two fault-free minutes change nothing', async () => {
		const inject = injectTime('nezha_2022-08-23-fault_list.json', 'productcatalogservice-668d5f85fb-jhwx9', 'return');
		const baseline = await modelOf('nezha_onlineboutique_2022-08-23_1700_trace.csv.gz', -Infinity, Infinity, null);
		const beforeFault = await modelOf('nezha_onlineboutique_2022-08-23_1447_trace.csv.gz', -Infinity, inject, baseline);
		const fault = await modelOf('nezha_onlineboutique_2022-08-23_1449_trace.csv.gz', inject, Infinity, beforeFault);

		const quiet = diffModels(baseline, beforeFault);
		expect(names(quiet.edgesShifted)).toEqual([]);
		const catalogEdges = beforeFault.edges.filter(touches('productcatalogservice'));
		expect(catalogEdges.length).toBeGreaterThanOrEqual(3);
		for (const edge of catalogEdges) expect(edge.change?.shifted, `${edge.from} → ${edge.to}`).toEqual([]);

		const changes = diffModels(beforeFault, fault);
		const shiftedIntoCatalog = changes.edgesShifted.filter(touches('productcatalogservice'));
		expect(names(shiftedIntoCatalog).sort()).toEqual(names(fault.edges.filter(touches('productcatalogservice'))).sort());
		for (const edge of shiftedIntoCatalog) expect(edge.shifted).toContain('calls');
		// The capture has no status column: what moved is call structure, not error share or latency.
		expect(changes.edgesShifted.filter((e) => e.shifted.includes('errors'))).toEqual([]);
		// The published model carries the same verdicts as the diff.
		for (const edge of shiftedIntoCatalog) expect(fault.edges.find((e) => e.from === edge.from && e.to === edge.to)?.change?.shifted).toEqual(edge.shifted);
	}, 60_000);

	it('TrainTicket: a network delay on the route service shifts the p95 of its busy edge alone; fewer calls are "too few to tell"; fault-free minutes change nothing', async () => {
		const inject = injectTime('nezha_2023-01-30-fault_list.json', 'ts-route-service-b6c59fb57-dz9bw', 'network_delay');
		const baseline = await modelOf('nezha_trainticket_2023-01-30_1139_trace.csv.gz', -Infinity, Infinity, null);
		const beforeFault = await modelOf('nezha_trainticket_2023-01-30_1344_trace.csv.gz', -Infinity, inject, baseline);
		const fault = await modelOf('nezha_trainticket_2023-01-30_1345_trace.csv.gz', inject, Infinity, beforeFault);

		const quiet = diffModels(baseline, beforeFault);
		expect(names(quiet.edgesShifted)).toEqual([]);
		expect(beforeFault.edges.filter(touches('ts-route-service')).length).toBeGreaterThanOrEqual(2);

		const changes = diffModels(beforeFault, fault);
		expect(names(changes.edgesShifted)).toEqual(['ts-basic-service → ts-route-service']);
		const [route] = changes.edgesShifted;
		expect(route!.shifted).toEqual(['latency']);
		expect(route!.p95After! / route!.p95Before!).toBeGreaterThan(10);
		// The route service's other caller made a handful of calls: shown, but not as a finding.
		const thin = changes.edgesTooFewCalls.find((e) => e.from === 'ts-travel-service' && e.to === 'ts-route-service');
		expect(thin?.tooFewCalls).toContain('latency');
		expect(thin!.calls).toBeLessThan(20);
	}, 60_000);
});

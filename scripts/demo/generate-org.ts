import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { assertEdgesMatch, expectedEdges, observedEdges } from './call-graph-edges.ts';
import { encodeOtlpLines } from './encode-otlp-lines.ts';
import { formatNote, formatTeam } from './format-content.ts';
import { createRng } from './prng.ts';
import { indexOrg } from './simulate-trace.ts';
import { simulateWindow } from './simulate-window.ts';
import { buildSyntheticOrg, type SyntheticPlanted } from './synthetic-org.ts';
import { DAY_MS } from '../lib/days.ts';


/** Options of the benchmark organisation generator. */
export interface GenerateOrgOptions {
	/** Services that run and emit spans (retired services with notes come on top, about 1.5%). */
	services: number;
	/** Number of teams; defaults to one per 15 services (at least 3). */
	teams?: number;
	/** Seed; the same options always produce the same bytes. Defaults to 1. */
	seed?: number;
	/** End of the one telemetry window (the build's `--now`); the window is the 7 days before it. */
	now: Date | string;
	/** Content folder to write `teams/`, `notes/` and `telemetry/` into (created if missing). */
	dir: string;
	/** User-request traces to simulate; defaults to the number of services. Jobs and coverage traces come on top. */
	traces?: number;
}

/** What `generateOrg` wrote, and the gaps it planted. */
export interface GeneratedOrg {
	/** The content folder. */
	dir: string;
	/** Running services, sorted. */
	services: string[];
	/** Team ids, sorted. */
	teams: string[];
	/** Note files written. */
	notes: number;
	/** The telemetry file written. */
	telemetryFile: string;
	/** Observation window of the telemetry file. */
	window: { start: string; end: string };
	/** Traces in the telemetry file. */
	traces: number;
	/** Spans in the telemetry file. */
	spans: number;
	/** Size of the telemetry file in bytes. */
	telemetryBytes: number;
	/** Distinct edges seen in the telemetry. */
	edges: number;
	/** Gaps between notes and telemetry, planted on purpose. */
	planted: SyntheticPlanted;
}

/** Writes a complete synthetic content folder (teams, notes, one week of OTLP/JSON telemetry ending at `now`). */
export async function generateOrg(options: GenerateOrgOptions): Promise<GeneratedOrg> {
	const now = options.now instanceof Date ? options.now : new Date(options.now);
	if (Number.isNaN(now.getTime())) throw new Error(`generateOrg: invalid now ${String(options.now)}`);
	const seed = options.seed ?? 1;
	const teamCount = options.teams ?? Math.max(3, Math.round(options.services / 15));
	const org = buildSyntheticOrg({ services: options.services, teams: teamCount, seed, now });

	const start = new Date(now.getTime() - 7 * DAY_MS);
	const index = indexOrg(org.model);
	const traces = simulateWindow({ index, window: 1, start, end: now, traces: options.traces ?? options.services, coverEntries: true }, createRng(seed + 7919));
	// Trace by trace: parents are always in their own trace, and one index of 850,000 spans would dominate the run.
	const observed = new Set(traces.flatMap((trace) => [...observedEdges(trace)]));
	assertEdgesMatch(expectedEdges(index, 1), observed, `synthetic org (seed ${seed})`);
	const resource = (): [string, string][] => [['deployment.environment.name', 'production']];
	// Kept as lines: at 20,000 services the file is larger than the longest string V8 can hold.
	const lines = encodeOtlpLines(traces, createRng(seed ^ 0x5bd1e995), resource, { minSpans: 280, maxSpans: 420 });

	const teamsDir = path.join(options.dir, 'teams');
	const notesDir = path.join(options.dir, 'notes');
	const telemetryDir = path.join(options.dir, 'telemetry');
	await Promise.all([mkdir(teamsDir, { recursive: true }), mkdir(notesDir, { recursive: true }), mkdir(telemetryDir, { recursive: true })]);
	const telemetryFile = path.join(telemetryDir, `${start.toISOString().slice(0, 10)}.otlp.jsonl`);
	const files: [string, string][] = [
		...org.teams.map((t): [string, string] => [path.join(teamsDir, `${t.id}.md`), formatTeam(t)]),
		...org.notes.map((n): [string, string] => [path.join(notesDir, `${n.service}.${n.format}`), formatNote(n)]),
	];
	// In batches: a 20,000-service organisation has more files than a process may hold open at once.
	for (let i = 0; i < files.length; i += 256) await Promise.all(files.slice(i, i + 256).map(([file, text]) => writeFile(file, text)));
	await writeFile(telemetryFile, lines.map((line) => `${line}\n`));

	return {
		dir: options.dir,
		services: org.model.services.map((s) => s.name).sort(),
		teams: org.teams.map((t) => t.id).sort(),
		notes: org.notes.length,
		telemetryFile,
		window: { start: start.toISOString(), end: now.toISOString() },
		traces: traces.length,
		spans: traces.reduce((n, t) => n + t.length, 0),
		telemetryBytes: lines.reduce((n, line) => n + Buffer.byteLength(line) + 1, 0),
		edges: observed.size,
		planted: org.planted,
	};
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const { values } = parseArgs({
		options: {
			services: { type: 'string', default: '1000' },
			teams: { type: 'string' },
			seed: { type: 'string', default: '1' },
			traces: { type: 'string' },
			now: { type: 'string', default: '2026-11-23T00:00:00Z' },
			out: { type: 'string' },
		},
	});
	if (!values.out) {
		console.error('usage: generate-org.ts --out DIR [--services 1000] [--teams N] [--seed 1] [--traces N] [--now 2026-11-23T00:00:00Z]');
		process.exit(2);
	}
	const started = performance.now();
	const result = await generateOrg({
		services: Number(values.services),
		teams: values.teams === undefined ? undefined : Number(values.teams),
		seed: Number(values.seed),
		traces: values.traces === undefined ? undefined : Number(values.traces),
		now: values.now,
		dir: path.resolve(values.out),
	});
	const { planted, services, teams, ...summary } = result;
	console.log(JSON.stringify({ ...summary, services: services.length, teams: teams.length, undocumented: planted.undocumented.length, retired: planted.retired.length, hidden: planted.hidden.length, phantom: planted.phantom.length, ms: Math.round(performance.now() - started) }, null, 2));
}

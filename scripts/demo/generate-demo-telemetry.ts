import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertEdgesMatch, expectedEdges, fallbackEdges, observedEdges } from './call-graph-edges.ts';
import { DEMO_BUILDS, DEMO_SEED, DEMO_TRACES_PER_WINDOW, demoOrg } from './demo-org.ts';
import { encodeOtlpLines } from './encode-otlp-lines.ts';
import { createRng } from './prng.ts';
import { indexOrg } from './simulate-trace.ts';
import { simulateWindow } from './simulate-window.ts';
import { DAY_MS } from '../lib/days.ts';


/** One weekly observation window of the demo and the file it is written to. */
export interface DemoWindow {
	/** Window number, 1 to 6. */
	window: number;
	/** Inclusive start (the build time minus 7 days). */
	start: Date;
	/** Exclusive end (the build's `--now`). */
	end: Date;
	/** File name under content/telemetry, named by the start date. */
	file: string;
}

/** The six demo windows, oldest first. */
export function demoWindows(): DemoWindow[] {
	return DEMO_BUILDS.map((build, i) => {
		const end = new Date(build);
		const start = new Date(end.getTime() - 7 * DAY_MS);
		return { window: i + 1, start, end, file: `${start.toISOString().slice(0, 10)}.otlp.jsonl` };
	});
}

/** Resource attributes every service reports besides its name and version. */
export function resourceAttributesFor(environment: string): () => [string, string][] {
	return () => [['deployment.environment.name', environment]];
}

/** Generates the demo telemetry in memory: file name to file content, one entry per window. */
export function generateDemoTelemetry(seed: number = DEMO_SEED): Map<string, string> {
	const index = indexOrg(demoOrg);
	const resource = resourceAttributesFor('production');
	const files = new Map<string, string>();
	for (const w of demoWindows()) {
		// One generator per window, so tuning one week does not reshuffle the others.
		const rng = createRng(seed + w.window * 7919);
		const traces = simulateWindow({ index, window: w.window, start: w.start, end: w.end, traces: DEMO_TRACES_PER_WINDOW, coverEntries: true }, rng);
		assertEdgesMatch(expectedEdges(index, w.window), observedEdges(traces.flat()), `demo window ${w.window} (${w.file})`, fallbackEdges(index, w.window));
		const lines = encodeOtlpLines(traces, createRng(seed ^ (0x5bd1e995 + w.window)), resource, { minSpans: 280, maxSpans: 420 });
		files.set(w.file, `${lines.join('\n')}\n`);
	}
	return files;
}

/** Writes the six demo telemetry files into `dir` and returns their paths. */
export async function writeDemoTelemetry(dir: string, seed: number = DEMO_SEED): Promise<string[]> {
	await mkdir(dir, { recursive: true });
	const written: string[] = [];
	for (const [name, content] of generateDemoTelemetry(seed)) {
		const file = path.join(dir, name);
		await writeFile(file, content);
		written.push(file);
	}
	return written;
}

/** Where the committed demo telemetry lives: content/telemetry at the repository root. */
export const DEMO_TELEMETRY_DIR = fileURLToPath(new URL('../../content/telemetry/', import.meta.url));

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const outFlag = process.argv.indexOf('--out');
	const dir = outFlag >= 0 && process.argv[outFlag + 1] ? path.resolve(process.argv[outFlag + 1] as string) : DEMO_TELEMETRY_DIR;
	for (const file of await writeDemoTelemetry(dir)) console.log(file);
}

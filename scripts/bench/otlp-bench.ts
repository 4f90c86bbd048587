// The OTLP part of `npm run bench`: generates an OTLP/JSON-lines file, then measures in separate
// processes (a) reading its lines and JSON.parse-ing each, nothing else, and (b) the otlp-json
// source end to end (read, normalize, join, derive), and prints throughput and peak RSS side by side.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateOtlpLines } from './generate-otlp-lines.ts';
import { repoRoot, runMeasured } from './run-measured.ts';

/** The bar: the source must reach at least this share of plain JSON.parse throughput. */
const MIN_RATIO = 0.5;
/** And must stay under this peak RSS on a 1 GB input. */
const MAX_RSS_MB = 512;

/** Runs the OTLP throughput benchmark on a generated file of about `megabytes` MB; `keep` leaves it. */
export async function runOtlpBench(megabytes: number, keep: boolean): Promise<void> {
	const work = await mkdtemp(path.join(tmpdir(), 'halflife-otlp-bench-'));
	const file = path.join(work, 'traces.otlp.jsonl');
	try {
		process.stderr.write(`bench: generating ${megabytes} MB of OTLP JSON lines in ${work}\n`);
		const data = await generateOtlpLines(file, megabytes * 1024 * 1024);
		const child = path.join(repoRoot, 'scripts/bench/otlp-child.ts');
		const measure = (label: string, args: string[]) => {
			const run = runMeasured(label, [child, ...args]);
			const figures = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as { seconds: number; bytes: number } & Record<string, unknown>;
			return { ...run, figures, mbPerSecond: figures.bytes / (1024 * 1024) / figures.seconds };
		};
		const baseline = measure('OTLP: read lines + JSON.parse', ['json-parse', file]);
		const halflife = measure('OTLP: otlp-json source end to end', [
			'halflife',
			file,
			data.window.start.toISOString(),
			data.window.end.toISOString(),
		]);
		const ratio = halflife.mbPerSecond / baseline.mbPerSecond;
		const sizeMb = data.bytes / (1024 * 1024);
		const row = (name: string, r: typeof baseline, note = '') =>
			`${name.padEnd(40)} ${r.figures.seconds.toFixed(2).padStart(7)} s ${r.mbPerSecond.toFixed(0).padStart(6)} MB/s ${r.peakRssMb.toFixed(0).padStart(7)} MB   ${note}`;
		const { spans, traces, orphanSpans } = halflife.figures as unknown as { spans: number; traces: number; orphanSpans: number };
		const lines = [
			'',
			`OTLP throughput: ${sizeMb.toFixed(0)} MB, ${data.lines} lines, ${data.spans} spans in ${data.traces} traces, Node ${process.versions.node}`,
			`${'run'.padEnd(40)} ${'time'.padStart(9)} ${'throughput'.padStart(11)} ${'peak RSS'.padStart(10)}   budget`,
			row('baseline: read lines + JSON.parse', baseline),
			row('Halflife otlp-json source, end to end', halflife, `>= ${MIN_RATIO}x JSON.parse: ${ratio.toFixed(2)}x ${ratio >= MIN_RATIO ? 'met' : 'MISSED'}`),
			`Peak RSS ${halflife.peakRssMb.toFixed(0)} MB (budget < ${MAX_RSS_MB} MB for 1 GB: ${halflife.peakRssMb < MAX_RSS_MB ? 'met' : 'MISSED'}); ` +
				`derived ${spans} spans, ${traces} traces, ${orphanSpans} orphans. Times exclude node startup; RSS includes it.`,
			'',
		];
		process.stdout.write(lines.join('\n'));
	} finally {
		if (keep) process.stderr.write(`bench: kept ${work}\n`);
		else await rm(work, { recursive: true, force: true });
	}
}

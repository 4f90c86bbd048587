// The document part of `npm run bench`: generates a Zipkin v2 span array (one JSON document, as
// Zipkin's API and exports write it), then measures in separate processes (a) reading it as text
// and JSON.parse-ing it whole, nothing else, and (b) the zipkin-v2 format's streaming reader
// (parse, check, merge and normalize every span), and prints throughput and peak RSS side by side.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateZipkinArray } from './generate-zipkin-array.ts';
import { repoRoot, runMeasured } from './run-measured.ts';

/** Past this V8 cannot hold the file as one string, so JSON.parse has no figure to stand beside. */
const MAX_STRING_MB = 512;

/** Runs the document-stream benchmark on a generated Zipkin array of about `megabytes` MB; `keep` leaves it. */
export async function runZipkinBench(megabytes: number, keep: boolean): Promise<void> {
	const work = await mkdtemp(path.join(tmpdir(), 'halflife-zipkin-bench-'));
	const file = path.join(work, 'spans.json');
	try {
		process.stderr.write(`bench: generating a ${megabytes} MB Zipkin span array in ${work}\n`);
		const data = await generateZipkinArray(file, megabytes * 1024 * 1024);
		const child = path.join(repoRoot, 'scripts/bench/zipkin-child.ts');
		const measure = (label: string, mode: string) => {
			const run = runMeasured(label, [child, mode, file]);
			const figures = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as { seconds: number; bytes: number; spans: number };
			return { ...run, figures, mbPerSecond: figures.bytes / (1024 * 1024) / figures.seconds };
		};
		const sizeMb = data.bytes / (1024 * 1024);
		const baseline = sizeMb < MAX_STRING_MB ? measure('Zipkin: read as text + JSON.parse', 'json-parse') : undefined;
		const streamed = measure('Zipkin: zipkin-v2 streaming reader', 'stream');
		const hybrid = measure('Zipkin: zipkin-v2 reader as shipped (hybrid)', 'hybrid');
		const row = (name: string, r: NonNullable<typeof baseline>, note = '') =>
			`${name.padEnd(40)} ${r.figures.seconds.toFixed(2).padStart(7)} s ${r.mbPerSecond.toFixed(0).padStart(6)} MB/s ${r.peakRssMb.toFixed(0).padStart(7)} MB   ${note}`;
		const lines = [
			'',
			`Document streaming: a ${sizeMb.toFixed(0)} MB Zipkin v2 span array, ${data.spans} spans in ${data.traces} traces, Node ${process.versions.node}`,
			`${'run'.padEnd(40)} ${'time'.padStart(9)} ${'throughput'.padStart(11)} ${'peak RSS'.padStart(10)}`,
			baseline ? row('baseline: read as text + JSON.parse', baseline) : `baseline: none, V8 cannot hold ${sizeMb.toFixed(0)} MB as one string`,
			row('Halflife zipkin-v2 reader, streaming', streamed, baseline ? `${(streamed.mbPerSecond / baseline.mbPerSecond).toFixed(2)}x JSON.parse` : ''),
			row('Halflife zipkin-v2 reader, hybrid', hybrid, baseline ? `${(hybrid.mbPerSecond / baseline.mbPerSecond).toFixed(2)}x JSON.parse` : ''),
			`The reader delivered ${streamed.figures.spans} spans. Times exclude node startup; RSS includes it.`,
			'',
		];
		process.stdout.write(lines.join('\n'));
	} finally {
		if (keep) process.stderr.write(`bench: kept ${work}\n`);
		else await rm(work, { recursive: true, force: true });
	}
}

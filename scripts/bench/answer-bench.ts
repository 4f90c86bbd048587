// The backend-answer part of `npm run bench`: a source pulling from a server whose answer never
// ends, reading whole (the baseline, cut off by a timeout) and through Halflife's bounded reader
// with the default `maxAnswerBytes`, with the peak RSS of each.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { DEFAULT_MAX_ANSWER_BYTES } from '../sources/http/http-options.ts';
import { formatBytes } from '../lib/format-bytes.ts';
import { repoRoot, runMeasured } from './run-measured.ts';

/** The ingest budget the OTLP benchmark holds a 1 GB file to; an answer must fit it too. */
const MAX_RSS_MB = 512;
/** How long the baseline reads: half the default `timeoutMs`, enough to show it grow without end. */
const BASELINE_MS = 5_000;

/** Runs the answer benchmark and prints its rows. */
export async function runAnswerBench(): Promise<void> {
	const server = spawn(process.execPath, [path.join(repoRoot, 'scripts/bench/endless-answer-server.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
	try {
		const [data] = (await once(server.stdout, 'data')) as [Buffer];
		const url = `http://127.0.0.1:${data.toString().trim()}`;
		const baseline = runMeasured(`answers: reading an endless answer whole for ${BASELINE_MS / 1000} s`, [
			path.join(repoRoot, 'scripts/bench/unbounded-read-child.ts'),
			`${url}/api/v1/query`,
			String(BASELINE_MS),
		]);
		const bounded = runMeasured('answers: the prometheus source against an endless answer', [path.join(repoRoot, 'scripts/sources/http/test-helpers/pull-prometheus-child.ts'), url]);
		const outcome = JSON.parse(bounded.stdout.trim()) as { name?: string };
		const row = (name: string, rss: number, note: string) => `${name.padEnd(48)} ${rss.toFixed(0).padStart(7)} MB   ${note}`;
		process.stdout.write(
			[
				'',
				`Backend answers: an endless 200 answer on loopback, Node ${process.versions.node}`,
				`${'run'.padEnd(48)} ${'peak RSS'.padStart(10)}   budget`,
				row(`baseline: read whole, cut off after ${BASELINE_MS / 1000} s`, baseline.peakRssMb, 'grows with what the server sends until the timeout'),
				row(`Halflife, maxAnswerBytes ${formatBytes(DEFAULT_MAX_ANSWER_BYTES)}`, bounded.peakRssMb, `< ${MAX_RSS_MB} MB: ${bounded.peakRssMb < MAX_RSS_MB ? 'met' : 'MISSED'}; ${outcome.name ?? 'no error'} after ${bounded.seconds.toFixed(1)} s`),
				'',
			].join('\n'),
		);
	} finally {
		server.kill();
	}
}

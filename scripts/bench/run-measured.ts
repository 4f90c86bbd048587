import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Wall time and peak RSS of one measured child process, with what it printed. */
export interface Run {
	/** Wall-clock seconds, node startup included. */
	seconds: number;
	/** Peak resident set size, from GNU time's `%M`. */
	peakRssMb: number;
	/** Its standard output. */
	stdout: string;
	/** Its standard error, GNU time's line included. */
	stderr: string;
}

/** The repository root, where measured commands run. */
export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Runs `node <args>` to completion under GNU time, failing loudly, and returns its wall time and peak RSS. */
export function runMeasured(label: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
	process.stderr.write(`bench: ${label}...\n`);
	const start = performance.now();
	const result = spawnSync('/usr/bin/time', ['-f', 'peak-rss-kb=%M', process.execPath, ...args], {
		cwd: repoRoot,
		env: { ...process.env, ...env },
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024,
	});
	const seconds = (performance.now() - start) / 1000;
	if (result.status !== 0) {
		process.stderr.write(result.stdout + result.stderr);
		throw new Error(`${label} failed with exit code ${result.status}`);
	}
	const kb = Number(/peak-rss-kb=(\d+)/.exec(result.stderr)?.[1] ?? 'NaN');
	return { seconds, peakRssMb: kb / 1024, stdout: result.stdout, stderr: result.stderr };
}

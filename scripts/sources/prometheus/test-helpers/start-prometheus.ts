import { execFile, spawn } from 'node:child_process';
import { access, constants, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A Prometheus server started for a test, and how to stop it. */
export interface RunningPrometheus {
	/** Base URL, such as `http://127.0.0.1:41234`. */
	url: string;
	/** The commands that were run, for the record. */
	commands: string[];
	/** Stops the server (SIGTERM, then SIGKILL after 5 s) and deletes its data. */
	stop(): Promise<void>;
}

/** Finds `prometheus` and `promtool` on PATH, or throws saying to install Debian's `prometheus` package. */
export async function findPrometheusTools(): Promise<{ prometheus: string; promtool: string }> {
	const prometheus = await which('prometheus');
	const promtool = await which('promtool');
	if (!prometheus || !promtool) {
		throw new Error(
			`Cannot find ${[!prometheus && '`prometheus`', !promtool && '`promtool`'].filter(Boolean).join(' and ')} on PATH. ` +
				'Install the Debian `prometheus` package (`apt-get install -y prometheus`); .ci/run installs it when missing.',
		);
	}
	return { prometheus, promtool };
}

/** A TCP port nothing listens on right now, found by listening on port 0 and closing again. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/**
 * Backfills OpenMetrics text into a fresh TSDB with promtool, starts Prometheus on it (no scrape
 * targets, loopback, a free port, 100 years of retention so old blocks are kept) and waits up to
 * `readyTimeoutMs` for `/-/ready`. Always call `stop()`, even when a test fails.
 */
export async function startPrometheusWithData(openMetrics: string, readyTimeoutMs = 20_000): Promise<RunningPrometheus> {
	const tools = await findPrometheusTools();
	const dir = await mkdtemp(path.join(tmpdir(), 'halflife-prometheus-'));
	const cleanUp = () => rm(dir, { recursive: true, force: true });
	const commands: string[] = [];
	try {
		const dataFile = path.join(dir, 'servicegraph.om.txt');
		const dataDir = path.join(dir, 'data');
		const configFile = path.join(dir, 'prometheus.yml');
		await writeFile(dataFile, openMetrics);
		await writeFile(configFile, 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');

		const backfill = ['tsdb', 'create-blocks-from', 'openmetrics', dataFile, dataDir];
		commands.push([tools.promtool, ...backfill].join(' '));
		try {
			await run(tools.promtool, backfill, { timeout: 20_000 });
		} catch (error) {
			const { stderr, stdout } = error as { stderr?: string; stdout?: string };
			throw new Error(`promtool could not backfill the test data: ${stderr || stdout || String(error)}`);
		}

		const port = await freePort();
		const args = [
			`--config.file=${configFile}`,
			`--storage.tsdb.path=${dataDir}`,
			`--web.listen-address=127.0.0.1:${port}`,
			'--storage.tsdb.retention.time=100y',
			'--log.level=warn',
		];
		commands.push([tools.prometheus, ...args].join(' '));
		const child = spawn(tools.prometheus, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let log = '';
		const keep = (chunk: Buffer) => {
			log = (log + chunk.toString()).slice(-4000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		let exited: string | undefined;
		const exit = new Promise<void>((resolve) => {
			child.once('exit', (code, signal) => {
				exited = `exit code ${code ?? signal}`;
				resolve();
			});
			child.once('error', (error) => {
				exited = error.message;
				resolve();
			});
		});

		const stop = async () => {
			if (exited === undefined) {
				child.kill('SIGTERM');
				const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
				await exit;
				clearTimeout(killer);
			}
			await cleanUp();
		};

		const url = `http://127.0.0.1:${port}`;
		const deadline = Date.now() + readyTimeoutMs;
		for (;;) {
			if (exited !== undefined) {
				await stop();
				throw new Error(`Prometheus stopped before it was ready (${exited}):\n${log}`);
			}
			try {
				const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) });
				if (response.ok) break;
			} catch {
				// Not listening yet.
			}
			if (Date.now() > deadline) {
				await stop();
				throw new Error(`Prometheus was not ready at ${url}/-/ready within ${readyTimeoutMs} ms:\n${log}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		return { url, commands, stop };
	} catch (error) {
		await cleanUp();
		throw error;
	}
}

async function which(command: string): Promise<string | undefined> {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		if (dir === '') continue;
		const candidate = path.join(dir, command);
		try {
			await access(candidate, constants.X_OK);
			return candidate;
		} catch {
			// Not in this folder.
		}
	}
	return undefined;
}

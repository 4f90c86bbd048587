import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../lib/logger.ts';
import { pullTelemetry } from '../pull-telemetry.ts';
import { prometheusSource } from '../prometheus/prometheus-source.ts';
import type { SourceContext } from '../snapshot.ts';
import { DEFAULT_MAX_ANSWER_BYTES } from './http-options.ts';
import { jaegerHttpSource } from './jaeger-http-source.ts';
import { zipkinHttpSource } from './zipkin-http-source.ts';
import { failure } from './test-helpers/failure.ts';

const WINDOW = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-02T00:00:00Z') };
const context = (): SourceContext => ({ contentDir: '.', now: WINDOW.end, window: WINDOW, logger: memoryLogger() });
const MiB = 1024 * 1024;

const servers: Server[] = [];
afterEach(async () => {
	for (const server of servers.splice(0)) {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
});

/** Serves `handle` on a loopback port for one test; returns its base URL. */
async function serve(handle: (request: IncomingMessage, response: ServerResponse) => void, host = '127.0.0.1'): Promise<string> {
	const server = createServer(handle);
	servers.push(server);
	server.listen(0, host);
	await once(server, 'listening');
	return `http://${host}:${(server.address() as AddressInfo).port}`;
}

/** A server that answers 200 and never stops sending, as fast as the reader takes it; `sent` counts what it wrote. */
async function endless(): Promise<{ url: string; sent: () => number }> {
	let sent = 0;
	const chunk = Buffer.alloc(MiB, '[');
	const url = await serve((_request, response) => {
		response.writeHead(200, { 'content-type': 'application/json' });
		let open = true;
		response.on('close', () => (open = false));
		const pump = () => {
			while (open) {
				sent += chunk.length;
				if (!response.write(chunk)) return void response.once('drain', pump);
			}
		};
		pump();
	});
	return { url, sent: () => sent };
}

describe('an answer that never ends', () => {
	it('is refused past maxAnswerBytes by every backend, naming the source, the bound and what to do', async () => {
		const { url, sent } = await endless();
		const cases = [
			[prometheusSource({ url, retries: 0, maxAnswerBytes: 2 * MiB }), 'prometheus', 'narrow the query with `selector`'],
			[zipkinHttpSource({ url, retries: 0, maxAnswerBytes: 2 * MiB }), 'zipkin', 'a lower `limit`'],
			[jaegerHttpSource({ url, retries: 0, maxAnswerBytes: 2 * MiB, mode: 'traces' }), 'jaeger', 'fewer `services`'],
		] as const;
		for (const [source, name, narrow] of cases) {
			const error = await failure(source.load(context()));
			expect(error.name).toBe('TelemetryAnswerTooLarge');
			expect(error.message).toMatch(new RegExp(`^The ${name} telemetry source stopped reading ${url}/api/\\S+ after 2\\.\\d MiB: the answer is larger than \`maxAnswerBytes\`, 2 MiB\\.$`));
			expect(error.hint).toContain(`raise \`telemetry.${name}.maxAnswerBytes\``);
			expect(error.hint).toContain(narrow);
			expect(error.hint).toContain('misrouted proxy');
		}
		// What the server managed to send is the bound plus what sockets buffer, not what it would have sent until a timeout.
		expect(sent()).toBeLessThan(3 * (2 * MiB + 16 * MiB));
	});

	it('is refused at once when it declares a length past the bound, before any of it is read', async () => {
		let bodyWritten = false;
		const url = await serve((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(1024 * MiB) });
			response.write('[', () => (bodyWritten = true));
		});
		const error = await failure(zipkinHttpSource({ url, retries: 0 }).load(context()));
		expect(error.message).toContain('after 1 GiB: the answer is larger than `maxAnswerBytes`, 32 MiB.');
		expect(bodyWritten).toBe(true);
	});

	it('keeps the process within the ingest budget with the default bound (peak RSS measured in a child process)', async () => {
		const { url } = await endless();
		const child = path.join(import.meta.dirname, 'test-helpers/pull-prometheus-child.ts');
		const stdout = await new Promise<string>((resolve, reject) =>
			execFile(process.execPath, [child, url], { timeout: 60_000 }, (error, out) => (error ? reject(error) : resolve(out))),
		);
		const outcome = JSON.parse(stdout.trim()) as { name: string; message: string; peakRssMb: number };
		expect(outcome.name).toBe('TelemetryAnswerTooLarge');
		expect(outcome.message).toContain(`\`maxAnswerBytes\`, ${DEFAULT_MAX_ANSWER_BYTES / MiB} MiB`);
		// Node itself takes about 50 MB; the bound, its copy and its text about 100 MB more. Unbounded, it grows as fast as the server sends until the timeout: 480 MB in 10 s on a loaded 2-core machine, 7.5 GB in 20 s on a fast one.
		expect(outcome.peakRssMb).toBeLessThan(300);
	});

	it('is an error the build stops on, not a backend outage to go on from', async () => {
		const { url } = await endless();
		const error = await failure(pullTelemetry({ paths: ['no-such-folder/*.json'], prometheus: { url, retries: 0, maxAnswerBytes: MiB } }, context()));
		expect(error.name).toBe('TelemetryAnswerTooLarge');
	});
});

describe('an answer that trickles', () => {
	it('times out after timeoutMs, saying how much had come', async () => {
		const url = await serve((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.write('[');
			const timer = setInterval(() => response.write(' '), 20);
			response.on('close', () => clearInterval(timer));
		});
		const error = await failure(zipkinHttpSource({ url, retries: 1, retryDelayMs: 5, timeoutMs: 300 }).load(context()));
		expect(error.name).toBe('TelemetryUnavailable');
		expect(error.message).toMatch(/: the answer did not finish within 300 ms \(\d+ bytes received\) \(gave up after 2 attempts\)$/);
	});
});

describe('a deeply nested answer', () => {
	const nested = `${'['.repeat(1e6)}${']'.repeat(1e6)}`;

	it('is a clear error from every backend, never a stack overflow', async () => {
		const url = await serve((request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			if (request.url?.startsWith('/api/dependencies')) response.end(`{"data": [], "errors": [${nested}]}`);
			else if (request.url?.startsWith('/deep-object')) response.end(`${'{"a":'.repeat(1e6)}1${'}'.repeat(1e6)}`);
			else response.end(nested);
		});
		const prometheus = await failure(prometheusSource({ url, retries: 0 }).load(context()));
		expect(prometheus.name).toBe('TelemetryUnavailable');
		expect(prometheus.message).toContain('the answer is not a Prometheus API response: "[[[[[');
		const zipkin = await failure(zipkinHttpSource({ url, retries: 0, mode: 'traces' }).load(context()));
		expect(zipkin).toMatchObject({ name: 'TelemetryMalformed' });
		expect(zipkin.message).toContain('1 of its 1 records are invalid');
		const jaeger = await failure(jaegerHttpSource({ url, retries: 0 }).load(context()));
		expect(jaeger.name).toBe('TelemetryPartial');
		expect(jaeger.message).toContain('reported 1 error(s) beside its data, the first: an array');
		const object = await failure(zipkinHttpSource({ url: `${url}/deep-object`, retries: 0 }).load(context()));
		expect(object.message).toContain('expected dependency links');
	});
});

describe('a redirecting server', () => {
	it('is followed on its own host, a few times at most', async () => {
		const url = await serve((request, response) => {
			if (request.url?.startsWith('/old/')) return void response.writeHead(308, { location: request.url.replace('/old/', '/new/') }).end();
			if (request.url?.startsWith('/loop/')) return void response.writeHead(307, { location: request.url }).end();
			response.writeHead(200, { 'content-type': 'application/json' }).end('[{"parent": "a", "child": "b", "callCount": 3}]');
		});
		const moved = await zipkinHttpSource({ url: `${url}/old`, retries: 0 }).load(context());
		expect(moved.edges.map((e) => [e.from, e.to, e.calls])).toEqual([['a', 'b', 3]]);
		const loop = await failure(zipkinHttpSource({ url: `${url}/loop`, retries: 2, retryDelayMs: 5 }).load(context()));
		expect(loop.name).toBe('TelemetryUnavailable');
		expect(loop.message).toMatch(/the server redirected more than 5 times, the last to http:\/\/127\.0\.0\.1:\d+\/loop\/api\/v2\/dependencies\?\S+ \(a redirect loop\?\); set `url` to where the API answers$/);
		// Not retried: asking again would loop again.
		expect(loop.message).not.toContain('gave up after');
	});

	it('is refused when it points at another host, and the credentials never reach it', async () => {
		process.env.HALFLIFE_TEST_REDIRECT_TOKEN = 'tok-redirect-secret';
		const seen: (string | undefined)[] = [];
		const elsewhere = await serve((request, response) => {
			seen.push(request.headers.authorization);
			response.writeHead(200).end('[]');
		}, 'localhost');
		const url = await serve((request, response) => void response.writeHead(302, { location: `${elsewhere}${request.url}` }).end());
		try {
			const error = await failure(zipkinHttpSource({ url, retries: 0, auth: { type: 'bearer', tokenEnv: 'HALFLIFE_TEST_REDIRECT_TOKEN' } }).load(context()));
			expect(error.name).toBe('TelemetryUnavailable');
			expect(error.message).toContain(`the server redirected to another host, ${elsewhere}: Halflife follows redirects only on the same host`);
			expect(seen).toEqual([]);
		} finally {
			delete process.env.HALFLIFE_TEST_REDIRECT_TOKEN;
		}
	});
});

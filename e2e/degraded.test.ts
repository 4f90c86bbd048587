import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Model } from '../scripts/model/model-schema.ts';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'scripts', 'cli', 'bin.mjs');
let project: string;
let port: number;

// A project inside the repository's working folder, so its config resolves Halflife's packages,
// whose Prometheus is a port nothing listens on: the backend is down.
beforeAll(async () => {
	await mkdir(path.join(root, '.halflife'), { recursive: true });
	project = await mkdtemp(path.join(root, '.halflife', 'e2e-degraded-'));
	port = await freePort();
	await cp(path.join(root, 'content'), path.join(project, 'content'), { recursive: true });
	await writeFile(path.join(project, 'astro.config.mjs'), config(''));
	expect((await run(['build', '--now', '2026-11-16T00:00:00Z'])).code).toBe(0);
	await writeFile(path.join(project, 'astro.config.mjs'), config(`prometheus: { url: 'http://127.0.0.1:${port}', timeoutMs: 500, retries: 1, retryDelayMs: 50 }`));
});
afterAll(async () => {
	await rm(project, { recursive: true, force: true });
});

// The project's config, with `backend` as its telemetry backends (none when empty).
function config(backend: string): string {
	return [
		`import halflife from ${JSON.stringify(path.join(root, 'scripts/integration/index.ts'))};`,
		`export default {`,
		`	integrations: [halflife({ title: 'Degraded', ${backend ? `telemetry: { ${backend} },` : ''} })],`,
		`};`,
		'',
	].join('\n');
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(process.execPath, [bin, ...args, '--root', project, '--no-diagrams'], { cwd: project, timeout: 300_000, env: { ...process.env, HALFLIFE_CHROMIUM: inject('browserPath') } }, (error, stdout, stderr) =>
			resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
		);
	});
}

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

describe('a build whose telemetry backend is down', () => {
	it('still publishes from the last good snapshot, marks every page stale, and exits 3', async () => {
		const { code, stdout, stderr } = await run(['build', '--now', '2026-11-23T00:00:00Z', '--json']);
		expect(stderr).toContain(`Could not get http://127.0.0.1:${port}`);
		expect(stderr).toContain('Going on from the last good snapshot, pulled 2026-11-16T00:00:00.000Z.');
		expect(code).toBe(3);
		// --json: a summary a bot can post, degraded included.
		const summary = JSON.parse(stdout) as { id: string; degraded: { lastGoodPull: string }; changes: { count: number; previous: string }; summary: { services: number } };
		expect(summary).toMatchObject({ id: '20261123T000000Z', degraded: { lastGoodPull: '2026-11-16T00:00:00.000Z' }, changes: { previous: '20261116T000000Z' } });
		expect(summary.summary.services).toBe(37);
		const model = JSON.parse(await readFile(path.join(project, 'dist', 'halflife-model.json'), 'utf8')) as Model;
		expect(model.telemetryDegraded).toMatchObject({ lastGoodPull: '2026-11-16T00:00:00.000Z' });
		expect(model.telemetryDegraded!.reason).toContain(`127.0.0.1:${port}`);
		// The last good snapshot still confirms dependencies; its age shows in every "last seen".
		expect(model.summary.confirmed).toBeGreaterThan(0);
		for (const page of ['index.html', 'services/checkout/index.html', 'teams/index.html']) {
			const html = await readFile(path.join(project, 'dist', page), 'utf8');
			expect(html, page).toContain('data-testid="telemetry-degraded"');
			expect(html, page).toContain('Telemetry is stale.');
		}
		const versions = JSON.parse(await readFile(path.join(project, 'dist', 'versions.json'), 'utf8')) as { versions: unknown[] };
		expect(versions.versions).toHaveLength(2);
	});

	it('fails `halflife pull` on its own, which has no site to keep', async () => {
		const { code, stderr } = await run(['pull', '--now', '2026-11-24T00:00:00Z']);
		expect(code).toBe(1);
		expect(stderr).toContain('error TelemetryUnavailable');
	});

	it('treats a backend that answers half a result like one that is down', async () => {
		// Jaeger answering the links it could read, and the storage shard it could not.
		const jaeger = createHttpServer((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end('{"data": [{"parent": "checkout", "child": "payments", "callCount": 3}], "errors": [{"code": 500, "msg": "shard 2 of 3 timed out"}]}');
		});
		await new Promise<void>((resolve) => jaeger.listen(0, '127.0.0.1', resolve));
		try {
			const jaegerPort = (jaeger.address() as { port: number }).port;
			await writeFile(path.join(project, 'astro.config.mjs'), config(`jaeger: { url: 'http://127.0.0.1:${jaegerPort}' }`));
			const { code, stderr } = await run(['build', '--now', '2026-11-30T00:00:00Z']);
			expect(stderr).toContain('The jaeger telemetry source got an answer that is not a whole result');
			expect(stderr).toContain('"shard 2 of 3 timed out"');
			expect(stderr).toContain('Going on from the last good snapshot, pulled 2026-11-16T00:00:00.000Z.');
			expect(code).toBe(3);
			const model = JSON.parse(await readFile(path.join(project, 'dist', 'halflife-model.json'), 'utf8')) as Model;
			expect(model.build.id).toBe('20261130T000000Z');
			expect(model.telemetryDegraded!.reason).toContain('shard 2 of 3 timed out');
			const home = await readFile(path.join(project, 'dist', 'index.html'), 'utf8');
			expect(home).toContain('Telemetry is stale.');
		} finally {
			await new Promise((resolve) => jaeger.close(resolve));
		}
	});
});

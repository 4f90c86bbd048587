import { spawn } from 'node:child_process';
import { request as httpRequest, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HalflifeError } from '../errors/halflife-error.ts';
import { memoryLogger } from '../lib/logger.ts';
import { publishVersion } from './publish-version.ts';
import { serveSite } from './serve-site.ts';
import { writeAstroOutput, type TestBuild } from './test-helpers/astro-output.ts';

const BIN = path.join(import.meta.dirname, '..', 'cli', 'bin.mjs');

const SECRET = 'outside the site: must never be served';

let dir: string;
let server: Server;
let port: number;

/** Sends a request with the path exactly as written (fetch would normalize `..` before sending). */
function get(rawPath: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('error', reject);
		// A request the server never answers fails this test quickly instead of hanging the run.
		req.setTimeout(2000, () => req.destroy(new Error(`no answer to GET ${rawPath}`)));
		req.end();
	});
}

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-serve-'));
	const site = path.join(dir, 'site');
	await mkdir(path.join(site, 'services', 'cart'), { recursive: true });
	await mkdir(path.join(site, 'empty'), { recursive: true });
	await writeFile(path.join(site, 'index.html'), '<h1>home</h1>');
	await writeFile(path.join(site, 'services', 'cart', 'index.html'), '<h1>cart</h1>');
	await writeFile(path.join(site, 'style.css'), 'body{}');
	await writeFile(path.join(site, 'halflife-model.json'), '{}');
	await writeFile(path.join(site, 'with space.txt'), 'spaced');
	// A sibling of the site folder whose name starts like it: a naive prefix check would let it through.
	await mkdir(path.join(dir, 'site-secrets'));
	await writeFile(path.join(dir, 'site-secrets', 'key.txt'), SECRET);
	await writeFile(path.join(dir, 'secret.txt'), SECRET);
	// The layout publishing leaves: root entries are symlinks through `.halflife-root/current` into the latest copy.
	await mkdir(path.join(site, '.halflife-root', '20261123T000000Z', 'teams'), { recursive: true });
	await writeFile(path.join(site, '.halflife-root', '20261123T000000Z', 'teams', 'index.html'), '<h1>teams</h1>');
	await writeFile(path.join(site, '.halflife-root', '20261123T000000Z', 'versions.json'), '{"latest":"20261123T000000Z"}');
	await symlink('20261123T000000Z', path.join(site, '.halflife-root', 'current'));
	await symlink('.halflife-root/current/teams', path.join(site, 'teams'));
	await symlink('.halflife-root/current/versions.json', path.join(site, 'versions.json'));
	await symlink('.halflife-root/current/gone', path.join(site, 'gone'));
	await writeFile(path.join(site, '.halflife.lock'), '{"pid":1}');
	// Symlinks that lead out of the site folder, relative and absolute, at the root and deeper.
	await symlink('../secret.txt', path.join(site, 'leak.txt'));
	await symlink('../site-secrets', path.join(site, 'leaks'));
	await symlink(path.join(dir, 'secret.txt'), path.join(site, 'absolute.txt'));
	await symlink('../../../secret.txt', path.join(site, 'services', 'cart', 'leak.txt'));
	await symlink('../..', path.join(site, 'services', 'up'));
	await mkdir(path.join(dir, 'outside'));
	await writeFile(path.join(dir, 'outside', 'index.html'), SECRET);
	await symlink('../outside', path.join(site, 'outside'));
	const served = await serveSite(site, 0);
	server = served.server;
	port = Number(new URL(served.url).port);
	expect(served.url).toBe(`http://127.0.0.1:${port}`);
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	await rm(dir, { recursive: true, force: true });
});

describe('serveSite', () => {
	it('serves a folder as its index.html', async () => {
		expect(await get('/')).toMatchObject({ status: 200, body: '<h1>home</h1>', headers: { 'content-type': 'text/html; charset=utf-8' } });
		expect(await get('/services/cart/')).toMatchObject({ status: 200, body: '<h1>cart</h1>' });
		expect(await get('/services/cart/?q=1#x')).toMatchObject({ status: 200, body: '<h1>cart</h1>' });
	});

	it('serves files with their content type', async () => {
		expect(await get('/style.css')).toMatchObject({ status: 200, body: 'body{}', headers: { 'content-type': 'text/css; charset=utf-8' } });
		expect((await get('/halflife-model.json')).headers['content-type']).toBe('application/json; charset=utf-8');
		expect(await get('/with%20space.txt')).toMatchObject({ status: 200, body: 'spaced' });
	});

	it('redirects a folder without its trailing slash, permanently', async () => {
		const response = await get('/services/cart');
		expect(response.status).toBe(301);
		expect(response.headers.location).toBe('/services/cart/');
	});

	it('answers 404 for what is not there, including a folder without index.html', async () => {
		expect(await get('/nope/')).toMatchObject({ status: 404, body: 'Not found' });
		expect((await get('/services/nope.html')).status).toBe(404);
		expect((await get('/empty/')).status).toBe(404);
	});

	it('never serves a file outside the site folder', async () => {
		for (const attack of [
			'/../secret.txt',
			'/services/../../secret.txt',
			'/%2e%2e/secret.txt',
			'/%2E%2E/%2e%2e/secret.txt',
			'/..%2fsecret.txt',
			'/%2e%2e%2fsecret.txt',
			'/services/..%2f..%2fsecret.txt',
			'/..%5csecret.txt',
			'/%2e%2e%2fsite-secrets%2fkey.txt',
			'/../site-secrets/key.txt',
		]) {
			const response = await get(attack);
			expect(response.body, attack).not.toContain(SECRET);
			expect([403, 404], attack).toContain(response.status);
		}
	});

	it('follows symlinks inside the site folder, as the published layout needs', async () => {
		expect(await get('/teams/')).toMatchObject({ status: 200, body: '<h1>teams</h1>', headers: { 'content-type': 'text/html; charset=utf-8' } });
		expect(await get('/versions.json')).toMatchObject({ status: 200, body: '{"latest":"20261123T000000Z"}' });
		expect((await get('/teams')).headers.location).toBe('/teams/');
		// A symlink to a name the latest build dropped dangles: not found, like any missing page.
		expect((await get('/gone/')).status).toBe(404);
	});

	it('never serves the latest copies at their own paths, nor the lock', async () => {
		for (const hidden of [
			'/.halflife-root/current/teams/',
			'/.halflife-root/20261123T000000Z/teams/index.html',
			'/.halflife-root/current/versions.json',
			'/.halflife-root/',
			'/%2ehalflife-root/current/teams/',
			'/.HALFLIFE-ROOT/current/teams/',
			'/services/../.halflife-root/current/teams/',
			'/.halflife.lock',
		]) {
			expect((await get(hidden)).status, hidden).toBe(404);
		}
	});

	it('never follows a symlink out of the site folder', async () => {
		for (const attack of [
			'/leak.txt',
			'/leaks/key.txt',
			'/absolute.txt',
			'/services/cart/leak.txt',
			'/services/up/secret.txt',
			'/services/up/site-secrets/key.txt',
			'/outside/',
		]) {
			const response = await get(attack);
			expect(response.body, attack).not.toContain(SECRET);
			expect(response.status, attack).toBe(403);
		}
	});

	it('rejects with PortUnavailable, instead of crashing, when the port is taken', async () => {
		const error = await serveSite(path.join(dir, 'site'), port).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(HalflifeError);
		expect((error as HalflifeError).name).toBe('PortUnavailable');
		expect((error as HalflifeError).message).toContain(`127.0.0.1:${port}`);
		expect((error as HalflifeError).message).toContain('EADDRINUSE');
		expect((await get('/')).status).toBe(200);
	});

	it('answers a malformed percent-encoding with 400 and keeps serving', async () => {
		for (const bad of ['/%', '/%E0%A4%A', '/services/%zz']) {
			expect((await get(bad)).status, bad).toBe(400);
		}
		expect((await get('/')).status).toBe(200);
	});
});

describe('serveSite with a 404 page', () => {
	let site: string;
	let withPage: Server;
	const NOT_FOUND = '<h1>Page not found</h1>';
	beforeAll(async () => {
		// Published the way a build leaves it: 404.html at the root is a symlink into the latest copy.
		site = path.join(dir, 'site-with-404');
		await mkdir(path.join(site, '.halflife-root', '20261123T000000Z'), { recursive: true });
		await writeFile(path.join(site, '.halflife-root', '20261123T000000Z', '404.html'), NOT_FOUND);
		await symlink('20261123T000000Z', path.join(site, '.halflife-root', 'current'));
		await symlink('.halflife-root/current/404.html', path.join(site, '404.html'));
		await writeFile(path.join(site, 'index.html'), '<h1>home</h1>');
		({ server: withPage } = await serveSite(site, 0, '127.0.0.1', '/docs/'));
	});
	afterAll(async () => {
		await new Promise((resolve) => withPage.close(resolve));
	});
	const at = (rawPath: string) => fetch(`http://127.0.0.1:${(withPage.address() as { port: number }).port}${rawPath}`, { redirect: 'manual' });

	it('answers a missing path with the site\'s 404 page and status 404, under the base and outside it', async () => {
		for (const missing of ['/docs/services/renamed/', '/docs/nope.html', '/elsewhere/', '/docs/.halflife-root/current/404.html']) {
			const response = await at(missing);
			expect(response.status, missing).toBe(404);
			expect(response.headers.get('content-type'), missing).toBe('text/html; charset=utf-8');
			expect(await response.text(), missing).toBe(NOT_FOUND);
		}
		expect(await (await at('/docs/')).text()).toBe('<h1>home</h1>');
	});
});

describe('serveSite under a base path', () => {
	let based: Server;
	let basedPort: number;
	beforeAll(async () => {
		({ server: based } = await serveSite(path.join(dir, 'site'), 0, '127.0.0.1', '/docs/'));
		basedPort = (based.address() as { port: number }).port;
	});
	afterAll(async () => {
		await new Promise((resolve) => based.close(resolve));
	});
	const at = (rawPath: string) => fetch(`http://127.0.0.1:${basedPort}${rawPath}`, { redirect: 'manual' });

	it('serves the site under the base, as a project site is served', async () => {
		expect(await (await at('/docs/services/cart/')).text()).toBe('<h1>cart</h1>');
		expect(await (await at('/docs/')).text()).toBe('<h1>home</h1>');
		expect(await (await at('/docs/teams/')).text()).toBe('<h1>teams</h1>');
	});

	it('redirects the root and the base without its slash to the base, and knows nothing else', async () => {
		for (const bare of ['/', '/docs']) {
			const response = await at(bare);
			expect(response.status, bare).toBe(302);
			expect(response.headers.get('location')).toBe('/docs/');
		}
		expect((await at('/services/cart/')).status).toBe(404);
		expect((await at('/docsx/services/cart/')).status).toBe(404);
	});

	it('keeps its guards under the base: no bookkeeping, nothing outside the site', async () => {
		expect((await at('/docs/.halflife-root/current/teams/')).status).toBe(404);
		const escape = await new Promise<number>((resolve, reject) => {
			const req = httpRequest({ host: '127.0.0.1', port: basedPort, path: '/docs/../secret.txt' }, (res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
			});
			req.on('error', reject);
			req.end();
		});
		expect([403, 404]).toContain(escape);
	});
});

describe('halflife serve while builds publish into the site', () => {
	it('answers every request whole, or not found, and keeps serving through each switch to a new build', { timeout: 120_000 }, async () => {
		const work = await mkdtemp(path.join(tmpdir(), 'halflife-serve-publish-'));
		const site = path.join(work, 'site');
		const clientScript = path.join(work, 'mermaid.min.js');
		await writeFile(clientScript, 'window.mermaid = {};\n');
		// Each build drops some services and adds others, so pages come and go as well as change.
		const names = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `service-${String(from + i).padStart(3, '0')}`);
		const builds: TestBuild[] = Array.from({ length: 12 }, (_, i) => ({
			id: `202611${String(10 + i).padStart(2, '0')}T000000Z`,
			now: `2026-11-${10 + i}T00:00:00Z`,
			services: names(i * 3, 60 + i * 3),
		}));
		const outs: string[] = [];
		for (let i = 0; i < builds.length; i++) outs.push(await writeAstroOutput(work, builds.slice(0, i + 1)));
		const publish = (i: number) => publishVersion({ siteDir: site, outDir: outs[i]!, id: builds[i]!.id, diagrams: new Map(), clientScript, logger: memoryLogger() });
		await publish(0);
		// The command itself, in its own process: a crash there is a server gone, not an error caught in this one.
		const server = spawn(process.execPath, [BIN, 'serve', '--site', site, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const url = await new Promise<string>((resolve, reject) => {
			server.stdout.on('data', (chunk: Buffer) => {
				const found = /at (http:\/\/\S+?)\/? /.exec(chunk.toString());
				if (found) resolve(found[1]!);
			});
			server.on('exit', (code) => reject(new Error(`halflife serve exited (${code}): ${stderr}`)));
		});
		const paths = ['/', '/map/', '/services/', '/teams/', '/versions.json', '/halflife-model.json', '/services/service-040', ...names(0, 110).map((s) => `/services/${s}/`)];
		const seen = new Map<number, number>();
		const problems: string[] = [];
		let publishing = true;
		const client = async () => {
			while (publishing) {
				const asked = paths[Math.floor(Math.random() * paths.length)]!;
				try {
					const response = await fetch(`${url}${asked}`, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
					const body = await response.text();
					seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
					if (![200, 301, 404].includes(response.status)) problems.push(`${asked}: ${response.status}`);
					if (response.status !== 200) continue;
					const length = response.headers.get('content-length');
					if (length !== null && Number(length) !== Buffer.byteLength(body)) problems.push(`${asked}: cut short`);
					// A page is one build's, whole: it names one build and ends.
					if (asked.endsWith('/') && (!body.trimEnd().endsWith('</html>') || new Set(body.match(/as of build \d{8}T\d{6}Z/g)).size !== 1)) {
						problems.push(`${asked}: not one whole page`);
					}
				} catch (error) {
					// No answer (a server gone, a response that never ends) is the end of this client.
					problems.push(`${asked}: ${(error as Error).message}`);
					return;
				}
			}
		};
		const clients = Array.from({ length: 48 }, client);
		try {
			for (let i = 1; i < builds.length; i++) await publish(i);
		} finally {
			publishing = false;
			await Promise.all(clients);
		}
		try {
			expect(server.exitCode, stderr).toBeNull();
			expect(problems.slice(0, 10)).toEqual([]);
			expect(seen.get(200)).toBeGreaterThan(100);
			expect(seen.get(404)).toBeGreaterThan(0);
			// Still serving, the last build.
			expect(await (await fetch(`${url}/services/service-090/`)).text()).toContain(`as of build ${builds.at(-1)!.id}`);
		} finally {
			server.kill();
			await rm(work, { recursive: true, force: true });
		}
	});
});

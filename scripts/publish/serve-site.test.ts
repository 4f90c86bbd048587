import { request as httpRequest, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HalflifeError } from '../errors/halflife-error.ts';
import { serveSite } from './serve-site.ts';

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

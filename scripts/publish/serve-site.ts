import type { Stats } from 'node:fs';
import { open, readFile, realpath, type FileHandle } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HalflifeError } from '../errors/halflife-error.ts';
import { isBookkeeping } from './site-layout.ts';

// The page a missing path is answered with, at the site's root as static hosts look for it.
const NOT_FOUND_PAGE = '404.html';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.md': 'text/markdown; charset=utf-8',
	'.wasm': 'application/wasm',
	'.pf_meta': 'application/octet-stream',
	'.pf_fragment': 'application/octet-stream',
	'.pf_index': 'application/octet-stream',
	'.pagefind': 'application/octet-stream',
};

/**
 * Serves a published site folder over HTTP on loopback, as a static host would:
 * `dir/` serves `dir/index.html`, `dir` redirects to `dir/`. Symlinks are followed, as the
 * site's root entries are symlinks into its latest copy, but only to files inside the site
 * folder. With a `base` such as `/docs/`, the site is served under it, as a GitHub Pages
 * project site is, and `/` redirects there; a missing path gets the site's `404.html`, with status
 * 404, as GitHub and GitLab Pages answer it. For previews and tests.
 */
export async function serveSite(siteDir: string, port = 0, host = '127.0.0.1', base = '/'): Promise<{ url: string; server: Server }> {
	const root = path.resolve(siteDir);
	const server = createServer((request, response) => {
		answer(root, base, request.url ?? '/', response).catch(() => {
			// Whatever went wrong, the request is answered and the server goes on serving.
			if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' }).end('Internal error');
			else response.destroy();
		});
	});
	// Without an error listener a busy port is an uncaught exception that kills the process with a stack.
	await new Promise<void>((resolve, reject) => {
		const fail = (cause: Error) => reject(new HalflifeError('PortUnavailable', { params: { host, port, detail: cause.message }, cause }));
		server.once('error', fail);
		server.listen(port, host, () => {
			server.off('error', fail);
			resolve();
		});
	});
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	return { url: `http://${host}:${actualPort}${base.replace(/\/$/, '')}`, server };
}

async function answer(root: string, base: string, requested: string, response: ServerResponse): Promise<void> {
	const url = new URL(requested, 'http://localhost');
	if (!url.pathname.startsWith(base)) {
		if (url.pathname === '/' || `${url.pathname}/` === base) return void response.writeHead(302, { location: base }).end();
		return notFound(root, response);
	}
	let pathname: string;
	try {
		pathname = decodeURIComponent(`/${url.pathname.slice(base.length)}`);
	} catch {
		// A malformed escape (`/%`) is the client's mistake, not a missing page.
		return void response.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
	}
	const file = path.join(root, pathname);
	// Never serve outside the site folder, whatever the request path says.
	if (file !== root && !file.startsWith(root + path.sep)) return void response.writeHead(403).end();
	// The latest copies are reached through the root's symlinks only: served at their own paths too,
	// every page would be at two URLs. Lower case, for file systems that ignore it.
	const first = path.relative(root, file).split(path.sep)[0]!.toLowerCase();
	if (isBookkeeping(first)) return notFound(root, response);
	// A publish switches `current` to the new latest copy and then removes the old one: a file
	// resolved through the old copy can vanish before it is opened. Resolved again, it is read
	// from the new copy, or is not found there.
	for (let attempt = 0; attempt < 2; attempt++) {
		if ((await send(root, file, url.pathname, response)) === 'sent') return;
	}
	await notFound(root, response);
}

// Answers with `file` (a folder: its index.html), or 'vanished' when it went between resolving and opening it.
async function send(root: string, file: string, pathname: string, response: ServerResponse, index = false): Promise<'sent' | 'vanished'> {
	let real: string | null;
	try {
		real = await resolveInside(root, file);
	} catch {
		await notFound(root, response);
		return 'sent';
	}
	if (real === null) {
		response.writeHead(403).end();
		return 'sent';
	}
	let handle: FileHandle;
	let info: Stats;
	try {
		handle = await open(real, 'r');
	} catch (error) {
		return vanishedOrNotFound(root, error, response);
	}
	try {
		info = await handle.stat();
	} catch (error) {
		await handle.close();
		return vanishedOrNotFound(root, error, response);
	}
	if (!info.isFile()) {
		await handle.close();
		// A folder named index.html, a device or a socket: nothing a static host would serve.
		if (index || !info.isDirectory()) {
			await notFound(root, response);
			return 'sent';
		}
		if (!pathname.endsWith('/')) {
			response.writeHead(301, { location: `${pathname}/` }).end();
			return 'sent';
		}
		// Through the path as requested, not the real one, so it too is read from the copy `current` names now.
		return send(root, path.join(file, 'index.html'), pathname, response, true);
	}
	// Once open, the file is read whole even if a publish removes it meanwhile.
	response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': info.size });
	// A failed read ends the response early (the client sees it cut short); pipeline closes the file.
	pipeline(handle.createReadStream(), response).catch(() => {});
	return 'sent';
}

async function vanishedOrNotFound(root: string, error: unknown, response: ServerResponse): Promise<'sent' | 'vanished'> {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT' || code === 'ENOTDIR') return 'vanished';
	await notFound(root, response);
	return 'sent';
}

/** The real path of `file`, or null when a symlink leads it outside the site folder; rejects when it does not exist. */
async function resolveInside(root: string, file: string): Promise<string | null> {
	// Resolved per request: the site folder itself may be a symlink, or replaced while serving.
	const [realRoot, real] = await Promise.all([realpath(root), realpath(file)]);
	return real === realRoot || real.startsWith(realRoot + path.sep) ? real : null;
}

// A static host answers a missing path with the site's own 404 page (every link on it absolute), so `serve` does too.
async function notFound(root: string, response: ServerResponse): Promise<void> {
	let page: Buffer | null = null;
	try {
		const real = await resolveInside(root, path.join(root, NOT_FOUND_PAGE));
		if (real !== null) page = await readFile(real);
	} catch {
		// A site published before it had a 404 page, or one being swapped: the plain answer will do.
	}
	if (page) response.writeHead(404, { 'content-type': TYPES['.html']!, 'content-length': page.length }).end(page);
	else response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
}

import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { HalflifeError } from '../errors/halflife-error.ts';
import { isBookkeeping } from './site-layout.ts';

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
 * project site is, and `/` redirects there. For previews and tests.
 */
export async function serveSite(siteDir: string, port = 0, host = '127.0.0.1', base = '/'): Promise<{ url: string; server: Server }> {
	const root = path.resolve(siteDir);
	const server = createServer(async (request, response) => {
		const url = new URL(request.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith(base)) {
			if (url.pathname === '/' || `${url.pathname}/` === base) return void response.writeHead(302, { location: base }).end();
			return void notFound(response);
		}
		let pathname: string;
		try {
			pathname = decodeURIComponent(`/${url.pathname.slice(base.length)}`);
		} catch {
			// A malformed escape (`/%`) would otherwise reject this handler and bring the whole server down.
			return void response.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
		}
		const file = path.join(root, pathname);
		// Never serve outside the site folder, whatever the request path says.
		if (file !== root && !file.startsWith(root + path.sep)) return void response.writeHead(403).end();
		// The latest copies are reached through the root's symlinks only: served at their own paths too,
		// every page would be at two URLs. Lower case, for file systems that ignore it.
		const first = path.relative(root, file).split(path.sep)[0]!.toLowerCase();
		if (isBookkeeping(first)) return void notFound(response);
		try {
			const real = await resolveInside(root, file);
			if (real === null) return void response.writeHead(403).end();
			const info = await stat(real);
			if (info.isDirectory()) {
				if (!url.pathname.endsWith('/')) return void response.writeHead(301, { location: `${url.pathname}/` }).end();
				return send(root, path.join(real, 'index.html'), response);
			}
			return send(root, real, response);
		} catch {
			notFound(response);
		}
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

async function send(root: string, file: string, response: import('node:http').ServerResponse): Promise<void> {
	let real: string | null;
	try {
		real = await resolveInside(root, file);
		if (real !== null) await stat(real);
	} catch {
		return notFound(response);
	}
	if (real === null) return void response.writeHead(403).end();
	response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
	createReadStream(real).pipe(response);
}

/** The real path of `file`, or null when a symlink leads it outside the site folder; rejects when it does not exist. */
async function resolveInside(root: string, file: string): Promise<string | null> {
	// Resolved per request: the site folder itself may be a symlink, or replaced while serving.
	const [realRoot, real] = await Promise.all([realpath(root), realpath(file)]);
	return real === realRoot || real.startsWith(realRoot + path.sep) ? real : null;
}

function notFound(response: import('node:http').ServerResponse): void {
	response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
}

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { HalflifeError } from '../errors/halflife-error.ts';

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
 * `dir/` serves `dir/index.html`, `dir` redirects to `dir/`. For previews and tests.
 */
export async function serveSite(siteDir: string, port = 0, host = '127.0.0.1'): Promise<{ url: string; server: Server }> {
	const root = path.resolve(siteDir);
	const server = createServer(async (request, response) => {
		const url = new URL(request.url ?? '/', 'http://localhost');
		let pathname: string;
		try {
			pathname = decodeURIComponent(url.pathname);
		} catch {
			// A malformed escape (`/%`) would otherwise reject this handler and bring the whole server down.
			return void response.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
		}
		const file = path.join(root, pathname);
		// Never serve outside the site folder, whatever the request path says.
		if (file !== root && !file.startsWith(root + path.sep)) return void response.writeHead(403).end();
		try {
			const info = await stat(file);
			if (info.isDirectory()) {
				if (!url.pathname.endsWith('/')) return void response.writeHead(301, { location: `${url.pathname}/` }).end();
				return send(path.join(file, 'index.html'), response);
			}
			return send(file, response);
		} catch {
			response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
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
	return { url: `http://${host}:${actualPort}`, server };
}

async function send(file: string, response: import('node:http').ServerResponse): Promise<void> {
	try {
		await stat(file);
	} catch {
		response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
		return;
	}
	response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
	createReadStream(file).pipe(response);
}

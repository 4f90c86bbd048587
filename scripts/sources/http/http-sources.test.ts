import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatError, HalflifeError } from '../../errors/halflife-error.ts';
import { createServiceGraphDeriver } from '../derive-service-graph.ts';
import { zipkinV2Format } from '../formats/zipkin-v2.ts';
import { snapshotSchema, type SourceContext, type TelemetrySnapshot } from '../snapshot.ts';
import { pullTelemetry } from '../pull-telemetry.ts';
import { jaegerHttpSource } from './jaeger-http-source.ts';
import { zipkinHttpSource } from './zipkin-http-source.ts';
import { REAL_DATA } from '../../../fixtures/real-data.ts';
import { failure } from './test-helpers/failure.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const realdata = REAL_DATA;
const zipkinDir = path.join(realdata, 'traces/zipkin');
const zipkinFiles = readdirSync(zipkinDir).filter((name) => name.endsWith('.json')).sort();
const smallLinks = readFileSync(path.join(realdata, 'graphs/jaeger-dependencies/jaeger-ui_sample_small.json'), 'utf8');
const largeLinks = readFileSync(path.join(realdata, 'graphs/jaeger-dependencies/jaeger-ui_sample_large.json'), 'utf8');
const jaegerTraces = readFileSync(path.join(import.meta.dirname, '../formats/fixtures/jaeger-traces.json'), 'utf8');

const ZIPKIN_ERA = { start: new Date('2017-01-01T00:00:00Z'), end: new Date('2020-01-01T00:00:00Z') };
const DAY = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-02T00:00:00Z') };
const TOKEN = 'tok-3f9a-secret';
const PASSWORD = 'pw-77c1-secret';
process.env.HALFLIFE_TEST_ZIPKIN_TOKEN = TOKEN;
process.env.HALFLIFE_TEST_JAEGER_USER = 'reader';
process.env.HALFLIFE_TEST_JAEGER_PASSWORD = PASSWORD;

let server: Server;
let base: string;
const hits = new Map<string, number>();
const problems: string[] = [];

function expectQuery(url: URL, expected: Record<string, string>): boolean {
	const actual = Object.fromEntries(url.searchParams);
	if (JSON.stringify(actual) === JSON.stringify(expected)) return true;
	problems.push(`${url.pathname}: got ${JSON.stringify(actual)}, wanted ${JSON.stringify(expected)}`);
	return false;
}

function handle(req: IncomingMessage, res: ServerResponse): void {
	const url = new URL(req.url ?? '/', 'http://localhost');
	hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
	const json = (body: string, status = 200) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
	const zipkinAuthorized = req.headers.authorization === `Bearer ${TOKEN}`;
	const jaegerAuthorized = req.headers.authorization === `Basic ${Buffer.from(`reader:${PASSWORD}`).toString('base64')}`;
	const end = String(ZIPKIN_ERA.end.getTime());
	const lookback = String(ZIPKIN_ERA.end.getTime() - ZIPKIN_ERA.start.getTime());
	switch (url.pathname) {
		case '/zipkin/api/v2/dependencies':
			if (!zipkinAuthorized) return void json('{"error":"unauthorized"}', 401);
			if (!expectQuery(url, { endTs: end, lookback })) return void json('[]', 400);
			return void json(smallLinks);
		case '/zipkin/api/v2/traces': {
			if (!zipkinAuthorized) return void json('{"error":"unauthorized"}', 401);
			if (!expectQuery(url, { endTs: end, lookback, limit: '6' })) return void json('[]', 400);
			// Each real file is one trace; /api/v2/traces answers an array of them.
			return void json(`[${zipkinFiles.map((name) => readFileSync(path.join(zipkinDir, name), 'utf8')).join(',')}]`);
		}
		case '/jaeger/api/dependencies':
			if (!jaegerAuthorized) return void json('{"errors":[{"code":401}]}', 401);
			if (!expectQuery(url, { endTs: String(DAY.end.getTime()), lookback: '86400000' })) return void json('{}', 400);
			return void json(`{"data": ${largeLinks}, "total": 0, "limit": 0, "offset": 0, "errors": null}`);
		case '/jaeger/api/services':
			if (!jaegerAuthorized) return void json('{}', 401);
			return void json('{"data":["worker","frontend","orders"],"total":3,"limit":0,"offset":0,"errors":null}');
		case '/jaeger/api/traces': {
			if (!jaegerAuthorized) return void json('{}', 401);
			const service = url.searchParams.get('service') ?? '';
			if (!expectQuery(url, { service, start: String(DAY.start.getTime() * 1000), end: String(DAY.end.getTime() * 1000), limit: '20' })) {
				return void json('{}', 400);
			}
			// The one fixture trace holds spans of all three services, so each query returns it; the
			// fixture's storage error (a file keeps it as a warning) would make this answer partial.
			return void json(JSON.stringify({ ...JSON.parse(jaegerTraces), errors: null }));
		}
		case '/flaky/api/v2/dependencies':
			if ((hits.get(url.pathname) ?? 0) < 3) return void res.writeHead(503, 'Service Unavailable').end('storage warming up');
			return void json(smallLinks);
		case '/slow/api/v2/dependencies':
			// Never answers: the client's timeout must end it.
			return;
		case '/notfound/api/v2/dependencies':
			return void res.writeHead(404, 'Not Found').end('no such route');
		case '/planted/api/v2/traces': {
			// A real trace from a collector with a bug: one span's trace id all zeros.
			const spans = JSON.parse(readFileSync(path.join(zipkinDir, 'ascend.json'), 'utf8')) as Record<string, unknown>[];
			spans[2]!.traceId = '0'.repeat(16);
			return void json(`[\n${JSON.stringify(spans)}\n]`);
		}
		case '/garbled/api/v2/traces':
			return void json('[{"traceId": "ab",\n "id": }]');
		case '/garbled/api/v2/dependencies':
			// A proxy that cut a whole answer short, with a 200 and nothing to say it did.
			return void json(smallLinks.slice(0, Math.floor(smallLinks.length / 2)));
		case '/sharded/api/dependencies':
			// Jaeger answers what it could read, and lists the storage it could not.
			return void json(`{"data": ${smallLinks}, "errors": [{"code": 500, "msg": "shard 3 of 4 timed out"}]}`);
		default:
			res.writeHead(404).end();
	}
}

beforeAll(async () => {
	server = createServer(handle);
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	server.close();
	delete process.env.HALFLIFE_TEST_ZIPKIN_TOKEN;
	delete process.env.HALFLIFE_TEST_JAEGER_USER;
	delete process.env.HALFLIFE_TEST_JAEGER_PASSWORD;
});

function context(window: { start: Date; end: Date }) {
	const messages = { info: [] as string[], warn: [] as string[] };
	const ctx: SourceContext = {
		contentDir: repoRoot,
		now: new Date('2026-02-01T00:00:00Z'),
		window,
		logger: { info: (m) => messages.info.push(m), warn: (m) => messages.warn.push(m) },
	};
	return { ctx, messages };
}

const zipkinAuth = { type: 'bearer', tokenEnv: 'HALFLIFE_TEST_ZIPKIN_TOKEN' } as const;
const jaegerAuth = { type: 'basic', usernameEnv: 'HALFLIFE_TEST_JAEGER_USER', passwordEnv: 'HALFLIFE_TEST_JAEGER_PASSWORD' } as const;

describe('zipkin HTTP source against a real server', () => {
	it('reads /api/v2/dependencies into link edges', async () => {
		const { ctx } = context(ZIPKIN_ERA);
		const snapshot = snapshotSchema.parse(await zipkinHttpSource({ url: `${base}/zipkin/`, auth: zipkinAuth }).load(ctx));
		expect(problems).toEqual([]);
		const raw = JSON.parse(smallLinks) as { parent: string; child: string; callCount: number }[];
		expect(snapshot.edges.map((e) => [e.from, e.to, e.via, e.calls])).toEqual(
			raw.map((l) => [l.parent, l.child, 'link', l.callCount]).sort((a, b) => (`${a[0]} ${a[1]}` < `${b[0]} ${b[1]}` ? -1 : 1)),
		);
		expect(snapshot.source).toEqual({ name: 'zipkin', inputs: [{ path: `${base}/zipkin/api/v2/dependencies`, format: 'dependency-links', spans: 0 }] });
	});

	it('reads /api/v2/traces with the zipkin-v2 format, as reading the files does', async () => {
		const { ctx, messages } = context(ZIPKIN_ERA);
		const snapshot: TelemetrySnapshot = snapshotSchema.parse(
			await zipkinHttpSource({ url: `${base}/zipkin`, mode: 'traces', limit: 6, auth: zipkinAuth }).load(ctx),
		);
		expect(problems).toEqual([]);
		const deriver = createServiceGraphDeriver(ZIPKIN_ERA);
		const sink = { span: (s: Parameters<typeof deriver.add>[0]) => void deriver.add(s), link: () => {}, warn: () => {} };
		for (const name of zipkinFiles) await zipkinV2Format.read({ absolute: path.join(zipkinDir, name), display: name }, sink);
		const expected = deriver.finish();
		expect(snapshot.services).toEqual(expected.services);
		expect(snapshot.edges).toEqual(expected.edges);
		expect(snapshot.stats.traces).toBe(6);
		expect(snapshot.source.inputs).toEqual([{ path: `${base}/zipkin/api/v2/traces`, format: 'zipkin-v2', spans: expected.stats.spans }]);
		// Six traces for a limit of six: the answer may be cut short, and the user is told.
		expect(messages.warn.join('\n')).toContain('raise `limit`');
	});

	it('retries a 503 with backoff, then succeeds', async () => {
		const { ctx } = context(ZIPKIN_ERA);
		const snapshot = await zipkinHttpSource({ url: `${base}/flaky`, retries: 2, retryDelayMs: 5 }).load(ctx);
		expect(hits.get('/flaky/api/v2/dependencies')).toBe(3);
		expect(snapshot.edges).toHaveLength(7);
	});

	it('gives up on a 404 at once, naming the URL and the answer, never the token', async () => {
		const error = await failure(zipkinHttpSource({ url: `${base}/notfound`, auth: zipkinAuth, retryDelayMs: 5 }).load(context(ZIPKIN_ERA).ctx));
		expect(hits.get('/notfound/api/v2/dependencies')).toBe(1);
		expect(error.name).toBe('TelemetryUnavailable');
		expect(error.message).toMatch(new RegExp(`^Could not get ${base}/notfound/api/v2/dependencies\\?endTs=\\d+&lookback=\\d+: the server answered HTTP 404 Not Found, saying "no such route"$`));
		expect(error.hint).toContain('Zipkin is running');
		expect(formatError(error)).not.toContain(TOKEN);
	});

	it('times out a server that never answers', async () => {
		const error = await failure(zipkinHttpSource({ url: `${base}/slow`, timeoutMs: 150, retries: 1, retryDelayMs: 5 }).load(context(ZIPKIN_ERA).ctx));
		expect(error.message).toContain('no answer within 150 ms (gave up after 2 attempts)');
		expect(hits.get('/slow/api/v2/dependencies')).toBe(2);
	});

	it('reports a server that is not there', async () => {
		const closed = createServer();
		closed.listen(0, '127.0.0.1');
		await once(closed, 'listening');
		const port = (closed.address() as AddressInfo).port;
		closed.close();
		await once(closed, 'close');
		const error = await failure(zipkinHttpSource({ url: `http://127.0.0.1:${port}`, retries: 0 }).load(context(ZIPKIN_ERA).ctx));
		expect(error.name).toBe('TelemetryUnavailable');
		expect(error.message).toContain('ECONNREFUSED');
	});

	it('reports an answer that is not JSON with its line and column', async () => {
		const error = await failure(zipkinHttpSource({ url: `${base}/garbled`, mode: 'traces' }).load(context(ZIPKIN_ERA).ctx));
		expect(error).toMatchObject({ name: 'TelemetryMalformed', location: { file: `${base}/garbled/api/v2/traces`, line: 2, column: 8 } });
	});

	it('calls a backend\'s half answer (cut short, or data beside errors) a partial result, which a build goes on without', async () => {
		const sharded = await failure(jaegerHttpSource({ url: `${base}/sharded` }).load(context(DAY).ctx));
		expect(sharded.name).toBe('TelemetryPartial');
		expect(sharded.message).toBe(
			`The jaeger telemetry source got an answer that is not a whole result: ${base}/sharded/api/dependencies reported 1 error(s) beside its data, the first: "shard 3 of 4 timed out"`,
		);
		// Through pullTelemetry, a backend's unparseable answer is partial too; a file's would stay malformed.
		const cut = await failure(pullTelemetry({ paths: ['no-such-folder/*.json'], zipkin: { url: `${base}/garbled` } }, context(ZIPKIN_ERA).ctx));
		expect(cut.name).toBe('TelemetryPartial');
		expect(cut.message).toContain(`${base}/garbled/api/v2/dependencies`);
		expect((cut.cause as HalflifeError).name).toBe('TelemetryMalformed');
	});

	it('skips an invalid span in an answer, and keeps its count and line in the snapshot', async () => {
		const snapshot = snapshotSchema.parse(await zipkinHttpSource({ url: `${base}/planted`, mode: 'traces' }).load(context(ZIPKIN_ERA).ctx));
		expect(snapshot.source.inputs).toEqual([
			{
				path: `${base}/planted/api/v2/traces`,
				format: 'zipkin-v2',
				spans: 7,
				skipped: [{ reason: 'trace-id', count: 1, line: 2, detail: '[0][2].traceId must be 16 or 32 hex digits, not all zeros, found "0000000000000000"' }],
			},
		]);
	});

	it('rejects credentials in the URL and unset credential variables, naming only the variable', async () => {
		expect(() => zipkinHttpSource({ url: 'http://user:pw@localhost:9411' })).toThrow(/environment variables named in `auth`/);
		// A secret pasted where its variable's name belongs is refused, and not repeated back.
		expect(() => jaegerHttpSource({ url: base, auth: { type: 'basic', usernameEnv: 'U', passwordEnv: 'pw-77c1-secret' } })).toThrow(
			expect.objectContaining({ name: 'ConfigInvalid', message: expect.not.stringContaining('77c1') }),
		);
		const error = await failure(
			zipkinHttpSource({ url: base, auth: { type: 'bearer', tokenEnv: 'HALFLIFE_TEST_UNSET_VARIABLE' } }).load(context(ZIPKIN_ERA).ctx),
		);
		expect(error.name).toBe('TelemetryCredentialsMissing');
		expect(error.message).toContain('HALFLIFE_TEST_UNSET_VARIABLE');
	});
});

describe('jaeger HTTP source against a real server', () => {
	it('reads /api/dependencies ({"data": [...]}) with basic auth: the 1,238-service sample', async () => {
		const { ctx } = context(DAY);
		const snapshot = snapshotSchema.parse(await jaegerHttpSource({ url: `${base}/jaeger`, auth: jaegerAuth }).load(ctx));
		expect(problems).toEqual([]);
		expect(snapshot.services).toHaveLength(1238);
		expect(snapshot.edges).toHaveLength(4271);
		expect(snapshot.source.inputs).toEqual([{ path: `${base}/jaeger/api/dependencies`, format: 'dependency-links', spans: 0 }]);
	});

	it('queries each service listed by /api/services and reads each trace once', async () => {
		const { ctx, messages } = context(DAY);
		const snapshot = snapshotSchema.parse(await jaegerHttpSource({ url: `${base}/jaeger`, mode: 'traces', limit: 20, auth: jaegerAuth }).load(ctx));
		expect(problems).toEqual([]);
		expect(snapshot.source.inputs).toEqual([
			{ path: `${base}/jaeger/api/traces?service=frontend`, format: 'jaeger-json', spans: 6 },
			{ path: `${base}/jaeger/api/traces?service=orders`, format: 'jaeger-json', spans: 0 },
			{ path: `${base}/jaeger/api/traces?service=worker`, format: 'jaeger-json', spans: 0 },
		]);
		expect(snapshot.stats).toMatchObject({ spans: 6, traces: 1 });
		expect(snapshot.edges.map((e) => `${e.from}->${e.to}`)).toEqual(['frontend->orders', 'frontend->worker', 'orders->postgresql:orders', 'orders->worker']);
		expect(messages.warn).toEqual([]);
		expect(messages.info.join('\n')).not.toContain(PASSWORD);
	});
});

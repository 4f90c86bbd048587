import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { snapshotSchema, type SourceContext, type TelemetrySnapshot } from '../snapshot.ts';
import { prometheusSource, type PrometheusOptions } from './prometheus-source.ts';
import { stepCount, toOpenMetrics, type Series } from './test-helpers/servicegraph-openmetrics.ts';
import { freePort, startPrometheusWithData, type RunningPrometheus } from './test-helpers/start-prometheus.ts';
import { buildTestSeries, WINDOW } from './test-helpers/test-graph.ts';

const PREFIX = 'traces_service_graph';

function context(): SourceContext & { warnings: string[] } {
	const warnings: string[] = [];
	return {
		contentDir: tmpdir(),
		now: new Date('2024-05-08T06:00:00Z'),
		window: WINDOW,
		logger: { info() {}, warn: (message) => warnings.push(message) },
		warnings,
	};
}

interface ExpectedEdge {
	calls: number;
	errors: number;
	bounds: number[];
	/** Server-latency bucket growth over the window, not cumulative; empty when the edge has no histogram. */
	buckets: number[];
}

/** What the backfilled counters imply for the window: every step's growth of every series in it. */
function expectedEdges(series: Series[], keep: (labels: Record<string, string>) => boolean = () => true): Map<string, ExpectedEdge> {
	const edges = new Map<string, ExpectedEdge>();
	for (const one of series) {
		const inWindow = one.timeline.startMs >= WINDOW.start.getTime() && one.timeline.endMs <= WINDOW.end.getTime();
		if (!inWindow || !keep(one.labels)) continue;
		const key = `${one.labels.client} -> ${one.labels.server}`;
		let edge = edges.get(key);
		if (!edge) {
			edge = { calls: 0, errors: 0, bounds: [], buckets: [] };
			edges.set(key, edge);
		}
		// The first sample is where counting starts, so a series grows for one step fewer than it has samples.
		const grownSteps = stepCount(one.timeline) - 1;
		if (one.type === 'counter' && one.name === `${PREFIX}_request_total`) edge.calls += one.perStep * grownSteps;
		if (one.type === 'counter' && one.name === `${PREFIX}_request_failed_total`) edge.errors += one.perStep * grownSteps;
		if (one.type === 'histogram' && one.name === `${PREFIX}_request_server_seconds`) {
			edge.bounds = one.bounds;
			edge.buckets = one.countsPerStep.map((count, index) => count * grownSteps + (edge.buckets[index] ?? 0));
		}
	}
	for (const [key, edge] of edges) if (edge.calls === 0) edges.delete(key);
	return edges;
}

/** The latency bucket (in ms) that holds quantile `q`: `histogram_quantile` interpolates inside it. */
function bucketOfQuantile(edge: ExpectedEdge, q: number): [number, number] {
	const total = edge.buckets.reduce((sum, count) => sum + count, 0);
	let cumulative = 0;
	for (let index = 0; index < edge.buckets.length; index++) {
		cumulative += edge.buckets[index] as number;
		if (cumulative >= q * total) {
			if (index >= edge.bounds.length) throw new Error('test data puts a quantile in the +Inf bucket');
			return [index === 0 ? 0 : (edge.bounds[index - 1] as number) * 1000, (edge.bounds[index] as number) * 1000];
		}
	}
	throw new Error('unreachable');
}

function edgeMap(snapshot: TelemetrySnapshot) {
	return new Map(snapshot.edges.map((edge) => [`${edge.from} -> ${edge.to}`, edge]));
}

async function caught(promise: Promise<unknown>): Promise<HalflifeError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof HalflifeError) return error;
		throw error;
	}
	throw new Error('expected the promise to reject');
}

/** A loopback HTTP server for one test; closed in afterEach. */
const servers: Server[] = [];
async function listen(handler: (request: IncomingMessage, response: ServerResponse, body: string) => void): Promise<string> {
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => handler(request, response, Buffer.concat(chunks).toString()));
	});
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (typeof address !== 'object' || !address) throw new Error('no address');
	return `http://127.0.0.1:${address.port}`;
}

afterEach(async () => {
	vi.unstubAllEnvs();
	for (const server of servers.splice(0)) {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
});

describe('prometheusSource against a real Prometheus', () => {
	let prometheus: RunningPrometheus | undefined;
	let series: Series[] = [];

	beforeAll(async () => {
		series = await buildTestSeries();
		prometheus = await startPrometheusWithData(toOpenMetrics(series));
	}, 40_000);

	afterAll(async () => {
		await prometheus?.stop();
	});

	function url(): string {
		if (!prometheus) throw new Error('Prometheus did not start');
		return prometheus.url;
	}

	test('reads calls, errors, kinds and latency of every edge the counters grew on in the window', async () => {
		const ctx = context();
		const snapshot = await prometheusSource({ url: url() }).load(ctx);
		expect(snapshotSchema.parse(snapshot)).toEqual(snapshot);

		const expected = expectedEdges(series);
		const edges = edgeMap(snapshot);
		expect([...edges.keys()].sort()).toEqual([...expected.keys()].sort());
		// Flat in the window, or only before it: not seen.
		expect(edges.has('frontend -> legacy-cart')).toBe(false);
		expect(edges.has('frontend -> search-v1')).toBe(false);

		for (const [key, want] of expected) {
			const edge = edges.get(key);
			expect(edge, key).toMatchObject({ via: 'metrics', calls: want.calls, errors: want.errors, firstSeen: null, lastSeen: null });
			if (want.buckets.length === 0) {
				expect(edge?.latencyMs, key).toBeNull();
				continue;
			}
			for (const q of ['p50', 'p95', 'p99'] as const) {
				const [low, high] = bucketOfQuantile(want, Number(q.slice(1)) / 100);
				const value = edge?.latencyMs?.[q];
				expect(value, `${key} ${q}`).toBeGreaterThanOrEqual(low);
				expect(value, `${key} ${q}`).toBeLessThanOrEqual(high);
			}
		}

		// The golden edge: one call per 15-minute step over 2 days, all in the first bucket (0-2 ms],
		// where histogram_quantile interpolates linearly.
		const golden = edges.get('foo-server -> bar-requester');
		expect(golden?.calls).toBe(stepCount({ startMs: 0, endMs: 48 * 3_600_000, stepMs: 900_000 }) - 1);
		expect(golden?.latencyMs?.p50).toBeCloseTo(1, 6);
		expect(golden?.latencyMs?.p99).toBeCloseTo(1.98, 6);
		// The collector restart halfway reset the counters; increase() still counts every call.
		expect(edges.get('frontend -> checkout')).toMatchObject({ calls: 1152, errors: 192 });

		expect(Object.fromEntries(snapshot.services.map((node) => [node.name, node.kind]))).toEqual({
			'bar-requester': 'service',
			checkout: 'service',
			'checkout-canary': 'service',
			'foo-server': 'service',
			frontend: 'service',
			// Consumes messages but also calls the database: instrumented, so a service.
			fulfilment: 'service',
			'order-events': 'queue',
			'payments-api': 'external',
			postgres: 'database',
			user: 'external',
		});
		expect(snapshot.services.map((node) => node.name)).toEqual(snapshot.services.map((node) => node.name).sort());
		expect(snapshot.edges.map((edge) => [edge.from, edge.to])).toEqual(
			[...snapshot.edges].map((edge) => [edge.from, edge.to]).sort((a, b) => (a.join('\0') < b.join('\0') ? -1 : 1)),
		);
		expect(snapshot.stats).toEqual({
			spans: 0,
			traces: 0,
			spansOutsideWindow: 0,
			orphanSpans: 0,
			counting: { basis: 'complete', ratio: null, evidence: 'servicegraph metrics count every span the collector or Tempo received' },
		});
		expect(snapshot.source).toEqual({ name: 'prometheus', inputs: [{ path: url(), spans: 0 }] });
		expect(ctx.warnings).toEqual([]);
	});

	test('the selector narrows every query, and a wrong prefix finds nothing', async () => {
		const snapshot = await prometheusSource({ url: url(), selector: '{cluster="prod"}' }).load(context());
		const expected = expectedEdges(series, (labels) => labels.cluster === 'prod');
		expect(expected.has('frontend -> checkout-canary')).toBe(false);
		expect(snapshot.edges.map((edge) => `${edge.from} -> ${edge.to}`).sort()).toEqual([...expected.keys()].sort());

		const ctx = context();
		const empty = await prometheusSource({ url: url(), metricPrefix: 'tempo_service_graph' }).load(ctx);
		expect(empty.edges).toEqual([]);
		expect(ctx.warnings.join('\n')).toContain('no tempo_service_graph_request_total series');
	});

	test('a query Prometheus rejects is TelemetryUnavailable with its reason, not retried', async () => {
		// Counted at a proxy in front of the real server: a retry would show as a second request.
		let asked = 0;
		const proxy = await listen(async (request, response, body) => {
			asked++;
			const upstream = await fetch(`${url()}${request.url}`, { method: request.method ?? 'GET', headers: { 'content-type': String(request.headers['content-type'] ?? '') }, body });
			response.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
		});
		const error = await caught(prometheusSource({ url: `${proxy}/`, selector: '{server=~"("}', retries: 2 }).load(context()));
		expect(error.name).toBe('TelemetryUnavailable');
		expect(error.message).toContain(proxy);
		expect(error.message).toContain('HTTP 400, Prometheus says bad_data');
		expect(error.message).not.toContain('attempts');
		expect(asked).toBe(1);
	});

	test('sends the bearer token from the named environment variable, and never shows it', async () => {
		const token = `tok-${Math.random().toString(36).slice(2)}-secret`;
		const seen: string[] = [];
		const proxy = await listen(async (request, response, body) => {
			const authorization = request.headers.authorization ?? '';
			seen.push(authorization);
			if (authorization !== `Bearer ${token}`) {
				// A careless proxy that echoes what it got.
				response.writeHead(401, { 'content-type': 'text/plain' }).end(`invalid credentials: ${authorization}`);
				return;
			}
			const upstream = await fetch(`${url()}${request.url}`, {
				method: request.method ?? 'GET',
				headers: { 'content-type': String(request.headers['content-type'] ?? '') },
				body,
			});
			response.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
		});

		vi.stubEnv('HALFLIFE_TEST_PROMETHEUS_TOKEN', token);
		const viaProxy = await prometheusSource({ url: `${proxy}/`, auth: { type: 'bearer', tokenEnv: 'HALFLIFE_TEST_PROMETHEUS_TOKEN' } }).load(context());
		const direct = await prometheusSource({ url: url() }).load(context());
		expect(viaProxy.edges).toEqual(direct.edges);
		expect(viaProxy.source.inputs).toEqual([{ path: proxy, spans: 0 }]);
		expect(seen.length).toBe(5);
		expect(new Set(seen)).toEqual(new Set([`Bearer ${token}`]));
		expect(JSON.stringify(viaProxy)).not.toContain(token);

		const wrong = `${token}-revoked`;
		vi.stubEnv('HALFLIFE_TEST_PROMETHEUS_TOKEN', wrong);
		const error = await caught(prometheusSource({ url: proxy, auth: { type: 'bearer', tokenEnv: 'HALFLIFE_TEST_PROMETHEUS_TOKEN' } }).load(context()));
		expect(error.name).toBe('TelemetryUnavailable');
		expect(error.message).toContain('HTTP 401');
		expect(error.message).toContain(proxy);
		expect(`${error.message}\n${error.hint}\n${error.stack}`).not.toContain(token);
		expect(seen.at(-1)).toBe(`Bearer ${wrong}`);
	});

	test('sends basic auth from the named environment variables', async () => {
		const seen: string[] = [];
		const proxy = await listen((request, response) => {
			seen.push(request.headers.authorization ?? '');
			response.writeHead(401).end();
		});
		vi.stubEnv('HALFLIFE_TEST_PROMETHEUS_USER', 'halflife');
		vi.stubEnv('HALFLIFE_TEST_PROMETHEUS_PASSWORD', 'pässword:with-colon');
		const source = prometheusSource({
			url: proxy,
			auth: { type: 'basic', usernameEnv: 'HALFLIFE_TEST_PROMETHEUS_USER', passwordEnv: 'HALFLIFE_TEST_PROMETHEUS_PASSWORD' },
		});
		const error = await caught(source.load(context()));
		expect(error.name).toBe('TelemetryUnavailable');
		expect(seen).toEqual([`Basic ${Buffer.from('halflife:pässword:with-colon').toString('base64')}`]);
		expect(error.message).not.toContain('pässword');
	});

	test('an unset credentials variable is TelemetryCredentialsMissing naming it, before any request', async () => {
		const seen: string[] = [];
		const proxy = await listen((request, response) => {
			seen.push(request.url ?? '');
			response.end();
		});
		const error = await caught(prometheusSource({ url: proxy, auth: { type: 'bearer', tokenEnv: 'HALFLIFE_TEST_UNSET_TOKEN' } }).load(context()));
		expect(error.name).toBe('TelemetryCredentialsMissing');
		expect(error.message).toContain('HALFLIFE_TEST_UNSET_TOKEN');
		expect(seen).toEqual([]);
	});
});

describe('prometheusSource when Prometheus misbehaves', () => {
	test('a closed port is TelemetryUnavailable naming the URL, after the retries', async () => {
		const port = await freePort();
		const started = Date.now();
		const error = await caught(prometheusSource({ url: `http://127.0.0.1:${port}`, retries: 2, timeoutMs: 1000 }).load(context()));
		const elapsed = Date.now() - started;
		expect(error.name).toBe('TelemetryUnavailable');
		expect(error.message).toContain(`http://127.0.0.1:${port}`);
		expect(error.message).toContain('connection refused');
		expect(error.message).toContain('3 attempts');
		// Backoff 500 ms + 1 s between the three attempts; nothing waits for the timeout.
		expect(elapsed).toBeGreaterThanOrEqual(1400);
		expect(elapsed).toBeLessThan(3000);
		expect(error.stack).not.toContain('at fetch');
	});

	test('HTTP 503 is retried as often as configured; HTTP 404 is not', async () => {
		let requests = 0;
		const server = await listen((request, response) => {
			requests++;
			const status = request.url?.startsWith('/prometheus/') ? 503 : 404;
			response.writeHead(status, { 'content-type': 'text/html' }).end('<html><body>\n  <h1>Service  Unavailable</h1></body></html>');
		});
		const error = await caught(prometheusSource({ url: `${server}/prometheus`, retries: 1 }).load(context()));
		expect(requests).toBe(2);
		expect(error.message).toContain('the server answered HTTP 503 Service Unavailable, saying "<html><body> <h1>Service Unavailable</h1></body></html>", for the calls query (gave up after 2 attempts)');

		requests = 0;
		const notFound = await caught(prometheusSource({ url: `${server}/elsewhere`, retries: 3 }).load(context()));
		expect(requests).toBe(1);
		expect(notFound.message).toContain('HTTP 404');
	});

	test('a server that never answers times out after timeoutMs per attempt', async () => {
		await listen(() => {
			// Never answers.
		}).then(async (server) => {
			const started = Date.now();
			const error = await caught(prometheusSource({ url: server, timeoutMs: 200, retries: 1 }).load(context()));
			const elapsed = Date.now() - started;
			expect(error.name).toBe('TelemetryUnavailable');
			expect(error.message).toContain('no answer within 200 ms');
			expect(elapsed).toBeGreaterThanOrEqual(200 + 500 + 200 - 20);
			expect(elapsed).toBeLessThan(3000);
		});
	});

	test('rounds extrapolated counts half-up and turns NaN quantiles into unknown latency', async () => {
		const queries: string[] = [];
		const vector = (result: { metric: Record<string, string>; value: string }[]) =>
			JSON.stringify({ status: 'success', data: { resultType: 'vector', result: result.map(({ metric, value }) => ({ metric, value: [1715126400, value] })) } });
		const server = await listen((_request, response, body) => {
			const query = new URLSearchParams(body).get('query') ?? '';
			queries.push(query);
			response.writeHead(200, { 'content-type': 'application/json' });
			if (query.includes('_request_total')) {
				return response.end(
					vector([
						{ metric: { client: 'a', server: 'b' }, value: '2.5' },
						{ metric: { client: 'a', server: 'b', connection_type: 'virtual_node' }, value: '1.4999' },
						{ metric: { client: 'a', server: 'q', connection_type: 'messaging_system' }, value: '7.4999' },
						{ metric: { client: 'a', server: 'gone' }, value: '0.4' },
						{ metric: { server: 'b' }, value: '3' },
					]),
				);
			}
			if (query.includes('_request_failed_total')) return response.end(vector([{ metric: { client: 'a', server: 'q' }, value: '9.6' }]));
			return response.end(
				vector([
					{ metric: { client: 'a', server: 'b' }, value: query.startsWith('histogram_quantile(0.99') ? '+Inf' : '0.25' },
					{ metric: { client: 'a', server: 'q' }, value: 'NaN' },
				]),
			);
		});
		const ctx = context();
		const snapshot = await prometheusSource({ url: server, metricPrefix: 'tempo_sg', selector: 'cluster="prod", ns=~"shop-.*"' }).load(ctx);
		expect(snapshot.edges.map(({ from, to, calls, errors, latencyMs }) => ({ from, to, calls, errors, latencyMs }))).toEqual([
			// 2.5 + 1.4999 = 3.9999 → 4: series of one edge are summed before rounding.
			{ from: 'a', to: 'b', calls: 4, errors: 0, latencyMs: null },
			// Errors never exceed calls.
			{ from: 'a', to: 'q', calls: 7, errors: 7, latencyMs: null },
		]);
		expect(snapshot.services.map(({ name, kind }) => ({ name, kind }))).toEqual([
			{ name: 'a', kind: 'service' },
			{ name: 'b', kind: 'service' },
			{ name: 'q', kind: 'queue' },
		]);
		expect(ctx.warnings).toEqual(['prometheus: ignored 1 tempo_sg_request_total series without a client or server label']);
		const range = `[${7 * 24 * 3600}s]`;
		const selector = `{cluster="prod",ns=~"shop-.*"}`;
		expect(queries).toEqual([
			`sum by (client, server, connection_type) (increase(tempo_sg_request_total${selector}${range}))`,
			`sum by (client, server) (increase(tempo_sg_request_failed_total${selector}${range}))`,
			...[0.5, 0.95, 0.99].map(
				(q) => `histogram_quantile(${q}, sum by (client, server, le) (increase(tempo_sg_request_server_seconds_bucket${selector}${range})))`,
			),
		]);
	});

	test('options that could leak secrets or inject PromQL are ConfigInvalid, without echoing them', () => {
		const invalid = (options: PrometheusOptions) => {
			try {
				prometheusSource(options);
			} catch (error) {
				expect(error).toBeInstanceOf(HalflifeError);
				expect((error as HalflifeError).name).toBe('ConfigInvalid');
				return (error as HalflifeError).message;
			}
			throw new Error(`accepted ${JSON.stringify(options)}`);
		};
		expect(invalid({ url: 'http://admin:hunter2@prom:9090' })).not.toContain('hunter2');
		expect(invalid({ url: 'http://prom:9090/?token=abc' })).toContain('without a query');
		expect(invalid({ url: 'ftp://prom' })).toContain('http://');
		expect(invalid({ url: 'http://prom:9090', auth: { type: 'bearer', tokenEnv: 'glpat-hunter2-secret' } })).not.toContain('hunter2');
		expect(invalid({ url: 'http://prom:9090', selector: '{a="b"}) or vector(1' })).toContain('selector');
		expect(invalid({ url: 'http://prom:9090', selector: 'a="b"} or up{' })).toContain('selector');
		expect(invalid({ url: 'http://prom:9090', metricPrefix: 'x{a="b"}' })).toContain('metricPrefix');
		expect(invalid({ url: 'http://prom:9090', auth: { type: 'basic', usernameEnv: 'U', passwordEnv: 'glpat-hunter2-secret' } })).not.toContain('hunter2');
		// One kind of credentials at a time: a bearer `auth` cannot name basic-auth variables too.
		expect(invalid({ url: 'http://prom:9090', auth: { type: 'bearer', tokenEnv: 'A', usernameEnv: 'U' } as never })).toContain('usernameEnv');
		expect(() => prometheusSource({ url: 'https://prom.example/prometheus', selector: '{}' })).not.toThrow();
	});
});

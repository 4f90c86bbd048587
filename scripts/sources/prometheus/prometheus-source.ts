import { z } from 'astro/zod';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { SNAPSHOT_SCHEMA_VERSION, type SourceContext, type TelemetrySnapshot, type TelemetrySource } from '../snapshot.ts';
import { parseLabelSelector } from './label-selector.ts';
import { queryPrometheus, type PrometheusClient } from './prometheus-query.ts';
import { serviceGraphFromMetrics } from './service-graph-from-metrics.ts';

const envName = z
	.string()
	.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the NAME of an environment variable (letters, digits, _), not the secret itself');

/** Options of the `prometheus` telemetry source. */
export const prometheusOptionsSchema = z
	.strictObject({
		/** Base URL of the Prometheus HTTP API (or anything that speaks it: Thanos, Mimir, VictoriaMetrics), such as `http://prometheus:9090`; `/api/v1/query` is appended. */
		url: z
			.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
			.refine((url) => !/^[a-z]+:\/\/[^/]*@/i.test(url), 'must not hold credentials; use `bearerTokenEnv` or `basicAuth`')
			.refine((url) => !url.includes('?') && !url.includes('#'), 'must be the base URL, without a query or fragment'),
		/** Prefix of the servicegraph metrics: `traces_service_graph` for Tempo's metrics-generator and the OpenTelemetry Collector servicegraph connector. */
		metricPrefix: z
			.string()
			.regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'must be a Prometheus metric name prefix')
			.default('traces_service_graph'),
		/** Extra label matchers every query gets, such as `{cluster="prod"}`; only `label="value"` and `label=~"regex"` pairs. */
		selector: z
			.string()
			.optional()
			.superRefine((text, ctx) => {
				if (text === undefined) return;
				const parsed = parseLabelSelector(text);
				if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `is not a list of label matchers: ${parsed.reason}` });
			}),
		/** Time limit for one HTTP request, in milliseconds. */
		timeoutMs: z.number().int().positive().max(600_000).default(10_000),
		/** Extra attempts after a network error, a timeout, HTTP 429 or 5xx, with exponential backoff. */
		retries: z.number().int().min(0).max(10).default(2),
		/** Name of the environment variable that holds a bearer token, sent as `Authorization: Bearer …`. */
		bearerTokenEnv: envName.optional(),
		/** Names of the environment variables that hold a user name and password for HTTP basic authentication. */
		basicAuth: z
			.strictObject({
				/** Name of the environment variable that holds the user name. */
				usernameEnv: envName,
				/** Name of the environment variable that holds the password. */
				passwordEnv: envName,
			})
			.optional(),
	})
	.refine((options) => !(options.bearerTokenEnv && options.basicAuth), 'set `bearerTokenEnv` or `basicAuth`, not both');

/** Options of the `prometheus` source as a user writes them (defaults optional). */
export type PrometheusOptions = z.input<typeof prometheusOptionsSchema>;

// Doubles before each further retry: 250 ms, 500 ms, 1 s...
const RETRY_DELAY_MS = 250;

/**
 * A telemetry source that reads the service graph from servicegraph metrics in Prometheus
 * (`<prefix>_request_total`, `_request_failed_total`, `_request_server_seconds_bucket`) over the
 * context's window. Throws `ConfigInvalid` for bad options, and from `load`:
 * `TelemetryCredentialsMissing` when a named environment variable is unset, `TelemetryUnavailable`
 * when Prometheus cannot be queried.
 */
export function prometheusSource(options: PrometheusOptions): TelemetrySource {
	const parsed = prometheusOptionsSchema.safeParse(options);
	if (!parsed.success) {
		throw new HalflifeError('ConfigInvalid', {
			params: { detail: `Options of the prometheus telemetry source: ${z.prettifyError(parsed.error)}` },
		});
	}
	const { url, metricPrefix, selector, timeoutMs, retries, bearerTokenEnv, basicAuth } = parsed.data;
	const matchers = selector === undefined ? [] : (parseLabelSelector(selector) as { matchers: string[] }).matchers;
	const baseUrl = url.replace(/\/+$/, '');

	return {
		name: 'prometheus',
		async load(ctx: SourceContext): Promise<TelemetrySnapshot> {
			const client: PrometheusClient = { baseUrl, display: baseUrl, headers: {}, secrets: [], timeoutMs, retries, retryDelayMs: RETRY_DELAY_MS };
			// Secrets are read only now, so they live in no option object, and are redacted from errors.
			if (bearerTokenEnv !== undefined) {
				const token = readSecret(bearerTokenEnv, 'bearer token');
				client.headers.authorization = `Bearer ${token}`;
				client.secrets.push(token);
			}
			if (basicAuth !== undefined) {
				const username = readSecret(basicAuth.usernameEnv, 'user name');
				const password = readSecret(basicAuth.passwordEnv, 'password');
				const encoded = Buffer.from(`${username}:${password}`).toString('base64');
				client.headers.authorization = `Basic ${encoded}`;
				client.secrets.push(password, encoded);
			}

			const queries = serviceGraphQueries(metricPrefix, matchers, windowSeconds(ctx.window));
			const at = ctx.window.end;
			// One query at a time: a failing server fails fast, and a busy one is not hit five-fold.
			const calls = await queryPrometheus(client, queries.calls, at, 'calls');
			const errors = await queryPrometheus(client, queries.errors, at, 'failed calls');
			const p50 = await queryPrometheus(client, queries.p50, at, 'p50 latency');
			const p95 = await queryPrometheus(client, queries.p95, at, 'p95 latency');
			const p99 = await queryPrometheus(client, queries.p99, at, 'p99 latency');

			const { services, edges, unlabelledSeries } = serviceGraphFromMetrics({ calls, errors, p50, p95, p99 });
			if (unlabelledSeries > 0) {
				ctx.logger.warn(`prometheus: ignored ${unlabelledSeries} ${metricPrefix}_request_total series without a client or server label`);
			}
			if (calls.length === 0) {
				ctx.logger.warn(`prometheus: no ${metricPrefix}_request_total series in the window at ${baseUrl}; check metricPrefix and selector`);
			}
			ctx.logger.info(`prometheus: ${services.length} node(s), ${edges.length} edge(s) from ${baseUrl}`);
			return {
				schemaVersion: SNAPSHOT_SCHEMA_VERSION,
				source: { name: 'prometheus', inputs: [{ path: baseUrl, spans: 0 }] },
				pulledAt: ctx.now.toISOString(),
				window: { start: ctx.window.start.toISOString(), end: ctx.window.end.toISOString() },
				stats: {
					spans: 0,
					traces: 0,
					spansOutsideWindow: 0,
					orphanSpans: 0,
					counting: { basis: 'complete', ratio: null, evidence: 'servicegraph metrics count every span the collector or Tempo received' },
				},
				services,
				edges,
			};
		},
	};
}

/** The PromQL the source runs: calls, failed calls and server-latency quantiles per edge over the last `rangeSeconds`. */
export function serviceGraphQueries(prefix: string, matchers: string[], rangeSeconds: number) {
	const selector = matchers.length > 0 ? `{${matchers.join(',')}}` : '';
	const range = `[${rangeSeconds}s]`;
	const quantile = (q: number) =>
		`histogram_quantile(${q}, sum by (client, server, le) (increase(${prefix}_request_server_seconds_bucket${selector}${range})))`;
	return {
		calls: `sum by (client, server, connection_type) (increase(${prefix}_request_total${selector}${range}))`,
		errors: `sum by (client, server) (increase(${prefix}_request_failed_total${selector}${range}))`,
		p50: quantile(0.5),
		p95: quantile(0.95),
		p99: quantile(0.99),
	};
}

// The query looks back from the window's end over its length: the window, to the second.
function windowSeconds(window: SourceContext['window']): number {
	return Math.max(1, Math.round((window.end.getTime() - window.start.getTime()) / 1000));
}

function readSecret(variable: string, what: string): string {
	const value = process.env[variable];
	if (value === undefined || value === '') {
		throw new HalflifeError('TelemetryCredentialsMissing', { params: { source: 'prometheus', what, variable } });
	}
	return value;
}

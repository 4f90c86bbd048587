import { z } from 'astro/zod';
import type { HttpClientOptions } from '../http/http-client.ts';
import { baseUrl, httpConnectionOptionsShape, parseSourceOptions } from '../http/http-options.ts';
import { SNAPSHOT_SCHEMA_VERSION, type SourceContext, type TelemetrySnapshot, type TelemetrySource } from '../snapshot.ts';
import { parseLabelSelector } from './label-selector.ts';
import { queryPrometheus } from './prometheus-query.ts';
import { serviceGraphFromMetrics } from './service-graph-from-metrics.ts';
import { plural } from '../../lib/plural.ts';

/** Options of the `prometheus` telemetry source. */
export const prometheusOptionsSchema = z.strictObject({
	...httpConnectionOptionsShape,
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
});

/** Options of the `prometheus` source as a user writes them (defaults optional). */
export type PrometheusOptions = z.input<typeof prometheusOptionsSchema>;

/**
 * A telemetry source that reads the service graph from servicegraph metrics in Prometheus
 * (`<prefix>_request_total`, `_request_failed_total`, `_request_server_seconds_bucket`) over the
 * context's window. Throws `ConfigInvalid` for bad options, and from `load`:
 * `TelemetryCredentialsMissing` when a named environment variable is unset, `TelemetryUnavailable`
 * when Prometheus cannot be queried.
 */
export function prometheusSource(options: PrometheusOptions): TelemetrySource {
	const { url, metricPrefix, selector, timeoutMs, maxAnswerBytes, retries, retryDelayMs, auth } = parseSourceOptions(prometheusOptionsSchema, options, 'prometheus');
	const matchers = selector === undefined ? [] : (parseLabelSelector(selector) as { matchers: string[] }).matchers;
	const base = baseUrl(url);

	return {
		name: 'prometheus',
		async load(ctx: SourceContext): Promise<TelemetrySnapshot> {
			const client: HttpClientOptions = { source: 'prometheus', backend: 'Prometheus', timeoutMs, maxAnswerBytes, narrow: 'narrow the query with `selector` (a cluster or namespace label)', retries, retryDelayMs, auth };
			const queries = serviceGraphQueries(metricPrefix, matchers, windowSeconds(ctx.window));
			const at = ctx.window.end;
			// One query at a time: a failing server fails fast, and a busy one is not hit five-fold.
			const calls = await queryPrometheus(base, client, queries.calls, at, 'calls');
			const errors = await queryPrometheus(base, client, queries.errors, at, 'failed calls');
			const p50 = await queryPrometheus(base, client, queries.p50, at, 'p50 latency');
			const p95 = await queryPrometheus(base, client, queries.p95, at, 'p95 latency');
			const p99 = await queryPrometheus(base, client, queries.p99, at, 'p99 latency');

			const { services, edges, unlabelledSeries } = serviceGraphFromMetrics({ calls, errors, p50, p95, p99 });
			if (unlabelledSeries > 0) {
				ctx.logger.warn(`prometheus: ignored ${unlabelledSeries} ${metricPrefix}_request_total series without a client or server label`);
			}
			if (calls.length === 0) {
				ctx.logger.warn(`prometheus: no ${metricPrefix}_request_total series in the window at ${base}; check metricPrefix and selector`);
			}
			ctx.logger.info(`prometheus: ${plural(services.length, 'node')}, ${plural(edges.length, 'edge')} from ${base}`);
			return {
				schemaVersion: SNAPSHOT_SCHEMA_VERSION,
				source: { name: 'prometheus', inputs: [{ path: base, spans: 0 }] },
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

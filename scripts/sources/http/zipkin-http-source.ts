import { z } from 'astro/zod';
import { createServiceGraphDeriver } from '../derive-service-graph.ts';
import { readDependencyLinksText } from '../formats/dependency-links.ts';
import { readJsonDocumentText } from '../formats/json-document.ts';
import { skippedForSnapshot } from '../formats/skipped-records.ts';
import { readZipkinV2Value } from '../formats/zipkin-v2.ts';
import type { SourceContext, TelemetrySnapshot, TelemetrySource } from '../snapshot.ts';
import { httpGetText, type HttpClientOptions } from './http-client.ts';
import { baseUrl, httpSourceOptionsShape, parseSourceOptions } from './http-options.ts';
import { deriverSink, finishSnapshot } from './http-snapshot.ts';

/** Options of the `zipkin` telemetry source (Zipkin's v2 HTTP API). */
export const zipkinHttpOptionsSchema = z.strictObject(httpSourceOptionsShape);

/** Options of the `zipkin` source as a user writes them (only `url` required). */
export type ZipkinHttpOptions = z.input<typeof zipkinHttpOptionsSchema>;

const NAME = 'zipkin';

/**
 * A telemetry source that asks a Zipkin server for the window: `GET /api/v2/dependencies?endTs&lookback`
 * in `dependencies` mode, or `GET /api/v2/traces?endTs&lookback&limit` (across all services) in
 * `traces` mode, read with the `dependency-links` and `zipkin-v2` formats. Throws `ConfigInvalid`
 * for bad options, and from `load`: `TelemetryCredentialsMissing` for an unset credential variable, `TelemetryUnavailable` when the
 * server cannot be reached or does not answer 2xx, `TelemetryMalformed` when its answer is not the expected JSON.
 */
export function zipkinHttpSource(options: ZipkinHttpOptions): TelemetrySource {
	const { url, mode, limit, timeoutMs, maxAnswerBytes, retries, retryDelayMs, auth } = parseSourceOptions(zipkinHttpOptionsSchema, options, NAME);
	const base = baseUrl(url);
	return {
		name: NAME,
		async load(ctx: SourceContext): Promise<TelemetrySnapshot> {
			const get: HttpClientOptions = { source: NAME, backend: 'Zipkin', timeoutMs, maxAnswerBytes, narrow: 'ask for less (a lower `limit` in traces mode)', retries, retryDelayMs, auth };
			const endTs = ctx.window.end.getTime();
			const lookback = Math.max(0, endTs - ctx.window.start.getTime());
			const graph = createServiceGraphDeriver(ctx.window, { namer: ctx.namer });
			const sink = deriverSink(graph, ctx, NAME);
			const inputs: TelemetrySnapshot['source']['inputs'] = [];
			if (mode === 'dependencies') {
				const request = new URL(`${base}/api/v2/dependencies`);
				request.search = new URLSearchParams({ endTs: String(endTs), lookback: String(lookback) }).toString();
				const display = `${base}/api/v2/dependencies`;
				const result = readDependencyLinksText(await httpGetText(request, get), display, sink);
				inputs.push({ path: display, format: 'dependency-links', spans: 0, ...skippedForSnapshot(result.skipped) });
			} else {
				const request = new URL(`${base}/api/v2/traces`);
				request.search = new URLSearchParams({ endTs: String(endTs), lookback: String(lookback), limit: String(limit) }).toString();
				const display = `${base}/api/v2/traces`;
				let traces = 0;
				const result = readJsonDocumentText(await httpGetText(request, get), display, (answer) => {
					traces = Array.isArray(answer) ? answer.length : 0;
					return readZipkinV2Value(answer, display, sink);
				});
				if (traces >= limit) {
					ctx.logger.warn(`${NAME}: ${display} returned ${traces} traces, the \`limit\`: the graph is from a sample of the window; raise \`limit\` for more`);
				}
				inputs.push({ path: display, format: 'zipkin-v2', spans: sink.counted, ...skippedForSnapshot(result.skipped) });
			}
			return finishSnapshot(NAME, graph, inputs, ctx);
		},
	};
}

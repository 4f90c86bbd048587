import { z } from 'astro/zod';
import { createServiceGraphDeriver } from '../derive-service-graph.ts';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { firstApiError, readDependencyLinksValue } from '../formats/dependency-links.ts';
import { isJsonObject, malformedJson, normalizeHexId, parseJsonDocument, readJsonDocumentText } from '../formats/json-document.ts';
import { jaegerTraceSpans, jaegerTraces } from '../formats/jaeger-json.ts';
import { locateSkipped, SkippedRecords, skippedForSnapshot } from '../formats/skipped-records.ts';
import type { SourceContext, TelemetrySnapshot, TelemetrySource } from '../snapshot.ts';
import { httpGetText, type HttpClientOptions } from './http-client.ts';
import { baseUrl, httpSourceOptionsShape, parseSourceOptions } from './http-options.ts';
import { deriverSink, finishSnapshot } from './http-snapshot.ts';

/** Options of the `jaeger` telemetry source (the Jaeger query service's HTTP API). */
export const jaegerHttpOptionsSchema = z.strictObject({
	...httpSourceOptionsShape,
	/** In `traces` mode, the services to query; default: every service `/api/services` lists. */
	services: z.array(z.string().min(1)).min(1).optional(),
});

/** Options of the `jaeger` source as a user writes them (only `url` required). */
export type JaegerHttpOptions = z.input<typeof jaegerHttpOptionsSchema>;

const NAME = 'jaeger';

/**
 * A telemetry source that asks a Jaeger query service for the window: `GET /api/dependencies?endTs&lookback`
 * in `dependencies` mode; in `traces` mode `GET /api/services`, then `GET /api/traces?service&start&end&limit`
 * for each service (a trace returned for several services is read once), read with the
 * `dependency-links` and `jaeger-json` formats. Throws `ConfigInvalid` for bad options, and from
 * `load`: `TelemetryCredentialsMissing` for an unset credential variable, `TelemetryPartial` when it reports errors beside its data, `TelemetryUnavailable` when Jaeger cannot be reached or does
 * not answer 2xx, `TelemetryMalformed` when its answer is not the expected JSON.
 */
export function jaegerHttpSource(options: JaegerHttpOptions): TelemetrySource {
	const parsed = parseSourceOptions(jaegerHttpOptionsSchema, options, NAME);
	const { url, mode, limit, timeoutMs, maxAnswerBytes, retries, retryDelayMs, auth } = parsed;
	const base = baseUrl(url);
	return {
		name: NAME,
		async load(ctx: SourceContext): Promise<TelemetrySnapshot> {
			const get: HttpClientOptions = { source: NAME, backend: 'the Jaeger query service', timeoutMs, maxAnswerBytes, narrow: 'ask for less (a lower `limit`, fewer `services`)', retries, retryDelayMs, auth };
			const endMs = ctx.window.end.getTime();
			const startMs = ctx.window.start.getTime();
			const graph = createServiceGraphDeriver(ctx.window, { namer: ctx.namer });
			const sink = deriverSink(graph, ctx, NAME);
			const inputs: TelemetrySnapshot['source']['inputs'] = [];
			if (mode === 'dependencies') {
				const request = new URL(`${base}/api/dependencies`);
				request.search = new URLSearchParams({ endTs: String(endMs), lookback: String(Math.max(0, endMs - startMs)) }).toString();
				const display = `${base}/api/dependencies`;
				const text = await httpGetText(request, get);
				const result = readJsonDocumentText(text, display, (answer) => {
					rejectApiErrors(answer, display);
					return readDependencyLinksValue(answer, display, sink);
				});
				inputs.push({ path: display, format: 'dependency-links', spans: 0, ...skippedForSnapshot(result.skipped) });
				return finishSnapshot(NAME, graph, inputs, ctx);
			}

			const services = parsed.services ?? (await listServices(base, get));
			const seenTraces = new Set<string>();
			for (const service of services) {
				const request = new URL(`${base}/api/traces`);
				request.search = new URLSearchParams({
					service,
					start: String(startMs * 1000),
					end: String(endMs * 1000),
					limit: String(limit),
				}).toString();
				const display = `${base}/api/traces?service=${encodeURIComponent(service)}`;
				const text = await httpGetText(request, get);
				const answer = parseJsonDocument(text, display);
				rejectApiErrors(answer, display);
				const traces = jaegerTraces(answer, display);
				const before = sink.counted;
				const skipped = new SkippedRecords();
				let read = 0;
				for (const { trace, at } of traces) {
					const traceId = isJsonObject(trace) ? normalizeHexId(trace.traceID, 32) : undefined;
					// A trace returned for an earlier service is read once; unreadable ids are left to the reader.
					if (traceId && seenTraces.has(traceId)) continue;
					if (traceId) seenTraces.add(traceId);
					const spans = jaegerTraceSpans(trace, at, display, skipped);
					read += spans.length;
					for (const span of spans) sink.span(span);
				}
				skipped.assertMostlyValid(display, read);
				if (traces.length >= limit) {
					ctx.logger.warn(`${NAME}: ${display} returned ${traces.length} traces, the \`limit\`: the graph is from a sample of the window; raise \`limit\` for more`);
				}
				inputs.push({ path: display, format: 'jaeger-json', spans: sink.counted - before, ...skippedForSnapshot(locateSkipped(skipped.list(), text)) });
			}
			return finishSnapshot(NAME, graph, inputs, ctx);
		},
	};
}

// Jaeger lists the storage errors it met beside whatever data it could still read: that data is
// half a result, and a build is better off going on from the last whole snapshot.
function rejectApiErrors(answer: unknown, display: string): void {
	if (!isJsonObject(answer) || !Array.isArray(answer.errors) || answer.errors.length === 0) return;
	throw new HalflifeError('TelemetryPartial', {
		params: { source: NAME, detail: `${display} reported ${answer.errors.length} error(s) beside its data, the first: ${firstApiError(answer.errors)}` },
	});
}

async function listServices(base: string, get: HttpClientOptions): Promise<string[]> {
	const display = `${base}/api/services`;
	const answer = parseJsonDocument(await httpGetText(new URL(display), get), display);
	const data = isJsonObject(answer) ? answer.data : undefined;
	// Jaeger answers `"data": null` when it has seen no service yet.
	if (data === null) return [];
	if (!Array.isArray(data) || !data.every((name) => typeof name === 'string')) {
		throw malformedJson(display, 'expected {"data": ["service", ...]} as Jaeger\'s /api/services returns.');
	}
	return [...new Set(data as string[])].sort();
}

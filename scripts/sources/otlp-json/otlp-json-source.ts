import { z } from 'astro/zod';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { createServiceGraphDeriver, DEFAULT_MAX_BUFFERED_SPANS, DEFAULT_TRACE_IDLE_SPANS } from '../derive-service-graph.ts';
import { expandPaths } from '../expand-paths.ts';
import { SNAPSHOT_SCHEMA_VERSION, type SourceContext, type TelemetrySnapshot, type TelemetrySource } from '../snapshot.ts';
import { createNamer, namingOptionsSchema } from '../naming/service-naming.ts';
import { readOtlpFile } from './read-otlp-file.ts';
import { SamplingTally } from './sampling-evidence.ts';

/** Options of the `otlp-json` telemetry source. */
export const otlpJsonOptionsSchema = z.strictObject({
	/**
	 * Files to read: paths or glob patterns (`*`, `**`, `?`, `{a,b}`), relative to the content
	 * folder unless absolute. Each file holds OTLP/JSON traces: JSON lines as the OpenTelemetry
	 * Collector file exporter writes them, or one JSON document (a Jaeger v2 API response works),
	 * optionally gzip-compressed. Matches are read in sorted order; at least one must exist.
	 */
	paths: z
		.array(z.string().min(1))
		.min(1)
		.default(['telemetry/**/*.jsonl', 'telemetry/**/*.json']),
	/**
	 * A trace no new span has joined while this many spans were read is joined and dropped,
	 * which keeps memory bounded on inputs of any size. Raise it when the warning about late
	 * spans appears (traces whose spans are spread far apart in the files).
	 */
	traceIdleSpans: z.number().int().positive().default(DEFAULT_TRACE_IDLE_SPANS),
	/** The most spans held at once; past it, the longest-idle traces are joined early. */
	maxBufferedSpans: z.number().int().positive().default(DEFAULT_MAX_BUFFERED_SPANS),
	/** How reported service names (pod names, say) are folded into service names. */
	naming: namingOptionsSchema.default({ builtins: ['kubernetes-pod'], rules: [] }),
});

/** Options of the `otlp-json` source as a user writes them (every field optional). */
export type OtlpJsonOptions = z.input<typeof otlpJsonOptionsSchema>;

/**
 * A telemetry source that reads OpenTelemetry traces from OTLP/JSON files and derives the
 * observed service graph for the context's window. Throws `ConfigInvalid` for bad options,
 * and from `load`: `TelemetryNotFound` when nothing matches, `TelemetryMalformed` (with file
 * and line) for a bad input, `TelemetryUnreadable` when a file cannot be read.
 */
export function otlpJsonSource(options: OtlpJsonOptions = {}): TelemetrySource {
	const parsed = otlpJsonOptionsSchema.safeParse(options);
	if (!parsed.success) {
		throw new HalflifeError('ConfigInvalid', {
			params: { detail: `Options of the otlp-json telemetry source: ${z.prettifyError(parsed.error)}` },
		});
	}
	const { paths, traceIdleSpans, maxBufferedSpans, naming } = parsed.data;

	return {
		name: 'otlp-json',
		async load(ctx: SourceContext): Promise<TelemetrySnapshot> {
			const files = await expandPaths(ctx.contentDir, paths);
			if (files.length === 0) {
				const patterns = paths.map((pattern) => `\`${pattern}\``).join(' or ');
				throw new HalflifeError('TelemetryNotFound', { params: { pattern: `${patterns} in ${ctx.contentDir}` } });
			}

			const graph = createServiceGraphDeriver(ctx.window, { traceIdleSpans, maxBufferedSpans, namer: createNamer(naming) });
			const sampling = new SamplingTally();
			let spansRead = 0;
			const inputs: TelemetrySnapshot['source']['inputs'] = [];
			for (const file of files) {
				let counted = 0;
				const summary = await readOtlpFile(file, (span) => {
					if (graph.add(span) === 'counted') counted++;
				});
				if (summary.otherSignalLines > 0) {
					ctx.logger.warn(`otlp-json: ${file.display}: skipped ${summary.otherSignalLines} line(s) of metrics, logs or profiles`);
				}
				sampling.merge(summary.sampling);
				spansRead += summary.spans;
				inputs.push({ path: file.display, spans: counted });
			}

			const { stats, services, edges, duplicateSpans, lateSpans } = graph.finish();
			if (lateSpans > 0) {
				ctx.logger.warn(
					`otlp-json: ${lateSpans} span(s) arrived more than ${traceIdleSpans} spans after the rest of their trace, ` +
						'which had been joined already; calls to their parents are missed. Raise `traceIdleSpans` to join them.',
				);
			}
			if (duplicateSpans > 0) {
				ctx.logger.warn(`otlp-json: ignored ${duplicateSpans} span(s) seen twice (same trace and span id)`);
			}
			ctx.logger.info(
				`otlp-json: ${stats.spans} span(s) in ${stats.traces} trace(s) from ${files.length} file(s); ` +
					`${stats.spansOutsideWindow} outside the window, ${stats.orphanSpans} orphan(s); ` +
					`${services.length} node(s), ${edges.length} edge(s)`,
			);
			return {
				schemaVersion: SNAPSHOT_SCHEMA_VERSION,
				source: { name: 'otlp-json', inputs },
				pulledAt: ctx.now.toISOString(),
				window: { start: ctx.window.start.toISOString(), end: ctx.window.end.toISOString() },
				stats: { ...stats, counting: sampling.counting(spansRead) },
				services,
				edges,
			};
		},
	};
}

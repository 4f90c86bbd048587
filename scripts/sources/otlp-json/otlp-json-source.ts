import { z } from 'astro/zod';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { DEFAULT_MAX_BUFFERED_SPANS, DEFAULT_TRACE_IDLE_SPANS } from '../derive-service-graph.ts';
import { filesSource } from '../files-source.ts';
import { otlpJsonFormat } from '../formats/otlp-json.ts';
import { namingOptionsSchema } from '../naming/service-naming.ts';
import type { TelemetrySource } from '../snapshot.ts';

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
 * A telemetry source that reads OpenTelemetry traces from OTLP/JSON files only: the files
 * source with the one format, so it behaves exactly as the build's own pull does for these
 * files. Throws `ConfigInvalid` for bad options, and from `load`: `TelemetryNotFound` when
 * nothing matches, `TelemetryMalformed` (with file and line) for a bad input, and
 * `TelemetryUnknownFormat` for a file that is not OTLP/JSON.
 */
export function otlpJsonSource(options: OtlpJsonOptions = {}): TelemetrySource {
	const parsed = otlpJsonOptionsSchema.safeParse(options);
	if (!parsed.success) {
		throw new HalflifeError('ConfigInvalid', {
			params: { detail: `Options of the otlp-json telemetry source: ${z.prettifyError(parsed.error)}` },
		});
	}
	return filesSource(parsed.data, [otlpJsonFormat], 'otlp-json');
}

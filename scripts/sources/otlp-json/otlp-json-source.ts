import { z } from 'astro/zod';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { filesSource, filesSourceOptionsSchema } from '../files-source.ts';
import { otlpJsonFormat } from '../formats/otlp-json.ts';
import type { TelemetrySource } from '../snapshot.ts';

/** Options of the `otlp-json` telemetry source: the files source's, with OTLP's usual file names. */
export const otlpJsonOptionsSchema = filesSourceOptionsSchema.extend({
	/** OTLP/JSON files or glob patterns, relative to the content folder unless absolute, read in sorted order. */
	paths: filesSourceOptionsSchema.shape.paths.unwrap().default(['telemetry/**/*.jsonl', 'telemetry/**/*.json']),
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

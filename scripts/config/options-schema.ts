import { z } from 'astro/zod';

/** Halflife's options: passed to `halflife()` in astro.config.mjs; command-line flags override some. */
export const halflifeOptionsSchema = z.strictObject({
	/** Site title shown in the header and the browser tab. */
	title: z.string().min(1).default('Halflife'),
	/** Folder with the inputs: `notes/`, `teams/` and `telemetry/`. Relative to the project root. */
	content: z.string().min(1).default('content'),
	/** The published site folder. It holds every version; each build only adds one. Relative to the project root. */
	site: z.string().min(1).default('dist'),
	/** Working folder for snapshots, generated pages, the diagram cache and the Astro output. Keep it out of git. */
	cacheDir: z.string().min(1).default('.halflife'),
	/** Length of the telemetry observation window, in days, ending at the build time. */
	windowDays: z.number().int().positive().default(7),
	/** A note not reviewed for longer than this many days is stale. */
	staleAfterDays: z.number().int().positive().default(90),
	/** The OpenTelemetry OTLP/JSON source. */
	telemetry: z
		.strictObject({
			/** Files or glob patterns, relative to the content folder: Collector file-exporter JSON lines, or single documents. */
			paths: z.array(z.string().min(1)).min(1).default(['telemetry/**/*.jsonl', 'telemetry/**/*.json']),
		})
		.prefault({}),
	/** Most neighbours drawn around a service on its page; the busiest are kept. */
	maxDiagramNeighbours: z.number().int().positive().default(12),
});

/** Options as a user writes them. */
export type HalflifeUserOptions = z.input<typeof halflifeOptionsSchema>;
/** Options with every default filled in. */
export type HalflifeOptions = z.output<typeof halflifeOptionsSchema>;

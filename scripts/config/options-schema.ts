import { z } from 'astro/zod';
import { telemetryOptionsSchema } from '../sources/pull-telemetry.ts';
import { confidenceOptionsSchema, deploysOptionsSchema, retentionOptionsSchema } from './confidence-options.ts';
import { catalogsOptionsSchema, notesOptionsSchema, ownersOptionsSchema } from './notes-options.ts';
import { siteOptionsSchema } from './site-options.ts';
import { editLinkOptionsSchema } from './edit-link-options.ts';
import { historyOptionsSchema } from './history-options.ts';
import { startOptionsSchema } from './start-options.ts';
import { shiftOptionsSchema } from './shift-options.ts';

// Letters, digits and `._~-` only, no `.` or `..` segment: the base is written into every link as it is.
const SITE_BASE = /^\/(?:(?!\.{1,2}\/)[A-Za-z0-9._~-]+\/)*$/;

/** Halflife's options: passed to `halflife()` in astro.config.mjs; command-line flags override some. */
export const halflifeOptionsSchema = z.strictObject({
	/** Site title shown in the header and the browser tab. */
	title: z.string().min(1).default('Halflife'),
	/** Folder with the inputs: `notes/`, `teams/`, `catalogs/` and `telemetry/`. Relative to the project root. */
	content: z.string().min(1).default('content'),
	/** The published site folder. It holds every version; each build only adds one. Relative to the project root. */
	site: z.string().min(1).default('dist'),
	/**
	 * Path the published site is served under, with a slash at both ends: `/` at a domain's root,
	 * `/<repository>/` for a GitHub Pages project site. Every link starts with it, frozen versions'
	 * included, so set it before the first build: versions published under another base keep theirs.
	 */
	base: z.string().regex(SITE_BASE, 'must be a URL path with a slash at both ends, such as `/` or `/docs/`').default('/'),
	/**
	 * Working folder for snapshots, generated pages, the diagram cache and the Astro output. Keep it out of git.
	 * Builds of different sites keep their working files apart in it; snapshots are kept per content folder.
	 */
	cacheDir: z.string().min(1).default('.halflife'),
	/**
	 * Longest a build waits, in seconds, for another build publishing into the same site to finish
	 * before it fails; builds that find the site busy take their turns. 0 fails at once.
	 */
	lockTimeoutSeconds: z.number().int().nonnegative().default(1800),
	/** Length of the telemetry observation window, in days, ending at the build time. */
	windowDays: z.number().int().positive().default(7),
	/** A note not reviewed for longer than this many days is stale, unless it sets its own `reviewEvery`. */
	staleAfterDays: z.number().int().positive().default(90),
	/** Where telemetry comes from: files (any supported format) and backends (Prometheus, Zipkin, Jaeger). */
	telemetry: telemetryOptionsSchema.prefault({}),
	/** How notes are read, dated and trusted. */
	notes: notesOptionsSchema.prefault({}),
	/** Service catalogs (Backstage, Datadog) read beside the notes. */
	catalogs: catalogsOptionsSchema.prefault({}),
	/** Checks on who owns what. */
	owners: ownersOptionsSchema.prefault({}),
	/** How confidence in what is written decays, and how telemetry moves it. */
	confidence: confidenceOptionsSchema.prefault({}),
	/** When an edge's calls, error share or latency count as changed since the previous build, and when an edge counts as failing. */
	shifts: shiftOptionsSchema.prefault({}),
	/** Deploy events, which count as changes since a note was reviewed. */
	deploys: deploysOptionsSchema.prefault({}),
	/** How many frozen versions keep their pages. */
	retention: retentionOptionsSchema.prefault({}),
	/** Where an empty site folder gets its history back from: the published site. */
	history: historyOptionsSchema.prefault({}),
	/** Most neighbours drawn around a service on its page; the busiest are kept. */
	maxDiagramNeighbours: z.number().int().positive().default(12),
	/** The project's own components, stylesheets and icon (its static files go in `public/`). */
	...siteOptionsSchema.shape,
	/** What Start here shows: the flows the teams pin, and how many more to suggest. */
	start: startOptionsSchema.prefault({}),
	/** Links from each page to the note or catalog file it comes from, for editing. */
	editLink: editLinkOptionsSchema.prefault({}),
});

/** Options as a user writes them. */
export type HalflifeUserOptions = z.input<typeof halflifeOptionsSchema>;
/** Options with every default filled in. */
export type HalflifeOptions = z.output<typeof halflifeOptionsSchema>;

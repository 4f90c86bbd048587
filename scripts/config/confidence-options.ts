import { z } from 'astro/zod';

const days = (fallback: number) => z.number().positive().default(fallback);

/** How confidence in a written claim decays, and how telemetry moves it. */
export const confidenceOptionsSchema = z.strictObject({
	/** Days after which a claim a person confirmed is trusted half as much, by kind of claim; a note's `halfLife` overrides them all for that note. */
	halfLifeDays: z
		.strictObject({
			/** Who owns the service: teams change slowly. */
			owner: days(365),
			/** What the service does. */
			description: days(365),
			/** The note as a whole: its prose. */
			note: days(180),
			/** A section with its own review date. */
			section: days(180),
			/** A declared dependency: code changes them fastest. */
			dependency: days(90),
		})
		.prefault({}),
	/**
	 * The smallest share of a caller's spans a real dependency is assumed to be called in. It sets
	 * how sure "not seen" is: after n spans of the caller without a call, `1 - (1 - share)^n`.
	 * This and the next two were fitted together by `npm run calibrate` (README, "Calibration").
	 */
	minCallShare: z.number().gt(0).lt(1).default(0.05),
	/**
	 * The share of the gap to certainty that telemetry seeing a declared dependency closes:
	 * `t + (1 − t) × seenWeight`. An earlier build's sighting closes this share halved every dependency half-life since.
	 */
	seenWeight: z.number().min(0).max(1).default(0.98),
	/**
	 * The share of its time-decayed confidence a declared dependency keeps when its absence is
	 * certain: `t × (1 − (1 − absentFloor) × a)`, `a` being how sure "not seen" means "gone".
	 */
	absentFloor: z.number().min(0).max(1).default(0.6),
	/** What each deploy since the last review multiplies the confidence in the note and its dependencies by. */
	perDeploy: z.number().gt(0).max(1).default(0.95),
	/** How many days a dependency a note marks `rare: true` may go unseen before its absence counts. */
	rareEveryDays: z.number().positive().default(90),
	/**
	 * How much a date-only review (a `reviewed:` bump that changed nothing else in the note) counts,
	 * from 0 (not at all: the note is as old as its last full review) to 1 (as much as a full review).
	 */
	dateOnlyReview: z.number().min(0).max(1).default(0.5),
});

/** Where deploy events are read from. */
export const deploysOptionsSchema = z.strictObject({
	/** Globs of JSON-lines files of `{ service, version, time }`, relative to the content folder. */
	paths: z.array(z.string().min(1)).default(['deploys/**/*.jsonl']),
});

/**
 * Which frozen versions keep their pages. Every version keeps its model for good (a gzipped copy,
 * a tenth of a page copy), so the builds page, the charts, service histories and `halflife diff`
 * cover every build; only the pages of old versions are removed.
 */
export const retentionOptionsSchema = z.strictObject({
	/** Keep the pages of at most this many newest versions. Null: as many as `frozenBytes` allows. */
	keepVersions: z.number().int().positive().nullable().default(null),
	/**
	 * Keep the pages of the newest versions that fit in this many bytes together; older ones keep
	 * only their model. The default leaves room, within GitHub Pages' 1 GB, for the latest pages and
	 * a year of daily models at 1,000 services. Null: no limit by size.
	 */
	frozenBytes: z.number().int().positive().nullable().default(400_000_000),
	/**
	 * Most bytes `halflife export` may write: the published site's size limit of the host it is
	 * deployed to (GitHub Pages: 1 GB). Export warns past 80% of it and refuses past it. Null: no limit.
	 */
	maxSiteBytes: z.number().int().positive().nullable().default(1_000_000_000),
});

/** Confidence options with defaults filled. */
export type ConfidenceOptions = z.output<typeof confidenceOptionsSchema>;

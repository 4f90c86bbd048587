import { z } from 'astro/zod';

/**
 * When an edge's traffic counts as changed since the previous build, and when an edge counts as
 * failing. Every shift needs both a large enough change and enough calls to tell it from chance;
 * a change that is large but rests on too few calls is reported as "too few calls to tell".
 */
export const shiftOptionsSchema = z.strictObject({
	/** Calls an edge needs in each of the two builds before any shift on it is judged. */
	minCalls: z.number().int().positive().default(20),
	/**
	 * How unlikely a change must be under "nothing changed", as a z score of the test each shift
	 * uses (two proportions for error share, a rate test for calls): 3 is about a two-sided p of 0.003.
	 */
	minZ: z.number().positive().default(3),
	/** Error share: the smallest absolute change that counts, as a share of calls (0.05 is five points). */
	minErrorShareChange: z.number().gt(0).max(1).default(0.05),
	/** Latency: the smallest factor the p95 must grow or shrink by (2 is doubled or halved). */
	minP95Ratio: z.number().gt(1).default(2),
	/** Latency: the smallest change of the p95 that counts, in milliseconds, so a sub-millisecond call doubling is not a finding. */
	minP95ChangeMs: z.number().nonnegative().default(50),
	/** Latency: calls an edge needs in each build before its p95 is compared (a p95 of a few calls is its slowest call). */
	minP95Calls: z.number().int().positive().default(20),
	/**
	 * Latency: calls an edge needs in each build for a p95 move alone to count. Below it (and above
	 * `minP95Calls`) the median must have moved the same way by as much: on a few dozen calls the
	 * p95 is about the slowest call, and one slow call is not a change.
	 */
	minTailOnlyCalls: z.number().int().positive().default(200),
	/** Calls: the smallest factor the call rate (calls per unit of window) must grow or shrink by. */
	minCallsRatio: z.number().gt(1).default(2),
	/** An edge whose calls failed at least this share of the time is marked failing wherever it is drawn. */
	failingErrorShare: z.number().gt(0).max(1).default(0.05),
	/** Calls an edge needs in the window before it can be marked failing. */
	failingMinCalls: z.number().int().positive().default(20),
});

/** Shift options with defaults filled. */
export type ShiftOptions = z.output<typeof shiftOptionsSchema>;

/** The defaults, for callers (`halflife diff` on a bare model pair, tests) that have no configuration. */
export const DEFAULT_SHIFT_OPTIONS: ShiftOptions = shiftOptionsSchema.parse({});

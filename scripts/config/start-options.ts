import { z } from 'astro/zod';

/** One flow a team pins to Start here: the path a request takes through the services, named by people. */
export const pinnedFlowSchema = z.strictObject({
	/** What the flow is, in a few words a newcomer recognises: `Checkout`, `Search as you type`. */
	title: z.string().trim().min(1),
	/**
	 * The services it passes through, the entry point first and each calling the next: names as notes,
	 * catalogs or telemetry know them, or their aliases. A name nothing knows fails the build.
	 */
	path: z.array(z.string().trim().min(1)).min(2, 'a flow passes through at least two services'),
	/** Why it matters, in one sentence: `the flow that earns the money`. */
	why: z.string().trim().min(1).nullable().default(null),
});

/** What Start here shows a newcomer. */
export const startOptionsSchema = z.strictObject({
	/** Flows the teams pin, shown first and in this order, before those telemetry suggests. */
	flows: z.array(pinnedFlowSchema).max(10, 'pin at most 10 flows: Start here is a first read').default([]),
	/** How many more flows to suggest from telemetry, beside the pinned ones. */
	suggestedFlows: z.number().int().min(0).max(10).default(5),
	/** How many of the most depended-on services the reading list holds. */
	services: z.number().int().min(1).max(30).default(10),
});

/** A pinned flow with its defaults filled. */
export type PinnedFlow = z.output<typeof pinnedFlowSchema>;
/** Start here's options with defaults filled. */
export type StartOptions = z.output<typeof startOptionsSchema>;

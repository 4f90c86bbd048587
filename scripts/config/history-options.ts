import { z } from 'astro/zod';

/** The published site's address as `history.restoreFrom` and `--restore-from` take it: http(s), a final slash added. */
export const restoreFromSchema = z
	.url({ protocol: /^https?$/, message: 'must be an http or https address of the published site, such as https://team.github.io/kb/' })
	.transform((url) => (url.endsWith('/') ? url : `${url}/`));

/** Where the site's history comes from when the site folder has none. */
export const historyOptionsSchema = z.strictObject({
	/**
	 * The published site's address, such as `https://team.github.io/kb/`. When the site folder has no
	 * `versions.json` (a CI cache evicted), the build first downloads that site's versions.json and
	 * every build's model from it, as pruned versions, so it adds to the same history instead of
	 * starting a new one. Only `http` and `https`; a missing final slash is added. Null: an empty
	 * site folder starts a new history.
	 */
	restoreFrom: restoreFromSchema.nullable().default(null),
});

/** History options with defaults filled. */
export type HistoryOptions = z.output<typeof historyOptionsSchema>;

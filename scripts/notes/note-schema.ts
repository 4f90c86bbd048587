import { z } from 'astro/zod';

/** A calendar date, as YAML gives it (a Date) or as text `YYYY-MM-DD`; normalized to `YYYY-MM-DD`. */
export const dateSchema = z
	.union([z.date(), z.string()])
	.transform((value, ctx) => {
		const text = value instanceof Date ? value.toISOString().slice(0, 10) : value.trim();
		if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
			ctx.addIssue({ code: 'custom', message: `\`${String(value)}\` is not a date like 2026-01-31` });
			return z.NEVER;
		}
		return text;
	});

/** The frontmatter of a team's note about one service. */
export const noteFrontmatterSchema = z.strictObject({
	/** The service's name, as telemetry reports it (`service.name`). */
	service: z.string().trim().min(1),
	/** Id of the owning team: a file name under `teams/`, without its extension. */
	owner: z.string().trim().min(1),
	/** The date a person last confirmed that this note is true. */
	reviewed: dateSchema,
	/** Services and infrastructure this service calls, as the team understands it. */
	dependsOn: z.array(z.string().trim().min(1)).default([]),
	/** One sentence on what the service does. */
	description: z.string().trim().min(1).optional(),
});

/** The frontmatter of a team file under `teams/`. */
export const teamFrontmatterSchema = z.strictObject({
	/** Display name of the team. */
	name: z.string().trim().min(1),
	/** One line on what the team does. */
	description: z.string().trim().min(1).optional(),
	/** Where to reach the team: a chat channel, a mailing list. */
	contact: z.string().trim().min(1).optional(),
});

/** Validated note frontmatter. */
export type NoteFrontmatter = z.infer<typeof noteFrontmatterSchema>;
/** Validated team frontmatter. */
export type TeamFrontmatter = z.infer<typeof teamFrontmatterSchema>;

/** An example value for each note field, used in hints. */
export const noteFieldExamples: Record<keyof NoteFrontmatter, string> = {
	service: 'service: checkout',
	owner: 'owner: payments',
	reviewed: 'reviewed: 2026-01-31',
	dependsOn: 'dependsOn: [cart, postgresql:orders]',
	description: 'description: Takes the cart to a paid order.',
};

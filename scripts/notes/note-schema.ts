import { z } from 'astro/zod';
import { isSafeLinkUrl } from '../lib/safe-url.ts';
import { parseDuration } from './parse-duration.ts';
import { useSchema, type Use } from '../model/model-schema.ts';

/** A calendar date, as YAML gives it (a Date) or as text `YYYY-MM-DD`; normalized to `YYYY-MM-DD`. */
export const dateSchema = z
	.union([z.date(), z.string()])
	.transform((value, ctx) => {
		const text = value instanceof Date ? value.toISOString().slice(0, 10) : value.trim();
		// Round-tripping catches dates JavaScript would roll over: 2026-02-30 is not 2026-03-02.
		const parsed = Date.parse(`${text}T00:00:00Z`);
		if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== text) {
			ctx.addIssue({ code: 'custom', message: `\`${String(value)}\` is not a date like 2026-01-31` });
			return z.NEVER;
		}
		return text;
	});

/** A web address a page may link to: http, https or mailto only, so a note can never plant a `javascript:` link. */
export const urlSchema = z.string().trim().refine(isSafeLinkUrl, { message: 'is not an http(s):// or mailto: address' });

/** A review cadence: days as a number, or text like `90d`, `12w`, `6m`, `1y`; normalized to whole days. */
export const durationSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
	const days = parseDuration(value);
	if (days === null) {
		ctx.addIssue({ code: 'custom', message: `\`${String(value)}\` is not a duration like 90d, 12w, 6m or 1y` });
		return z.NEVER;
	}
	return days;
});

const nameSchema = z.string().trim().min(1);

/**
 * One declared dependency: a name, or `{ name, why, rare, expectedEvery }`. A dependency called now
 * and then (a failover, a month-end job) says so with `rare: true` or `expectedEvery: 30d`, so a
 * window that did not see it is judged against that interval, not against the window alone.
 */
export const dependencySchema = z
	.union([
		nameSchema,
		z.strictObject({
			name: nameSchema,
			why: z.string().trim().min(1).optional(),
			rare: z.boolean().optional(),
			expectedEvery: durationSchema.optional(),
		}),
	])
	.transform((entry): Dependency =>
		typeof entry === 'string'
			? { name: entry, why: null, rare: false, expectedEveryDays: null }
			: { name: entry.name, why: entry.why ?? null, rare: entry.rare ?? false, expectedEveryDays: entry.expectedEvery ?? null },
	);

// What `access` says, as the uses the model knows: a store read and written is both.
const ACCESS: Record<'reads' | 'writes' | 'reads-writes', Use[]> = { reads: ['reads'], writes: ['writes'], 'reads-writes': ['reads', 'writes'] };

/** One store the service keeps its data in: a name (read and written), or `{ name, access }`. */
export const storeSchema = z
	.union([nameSchema, z.strictObject({ name: nameSchema, access: z.enum(['reads', 'writes', 'reads-writes']).default('reads-writes') })])
	.transform((entry): DeclaredUse => (typeof entry === 'string' ? { name: entry, uses: ACCESS['reads-writes'] } : { name: entry.name, uses: ACCESS[entry.access] }));

/** One queue, store or host the service uses: a name (how unsaid), or `{ name, how }`. */
export const useEntrySchema = z
	.union([nameSchema, z.strictObject({ name: nameSchema, how: useSchema })])
	.transform((entry): DeclaredUse => (typeof entry === 'string' ? { name: entry, uses: [] } : { name: entry.name, uses: [entry.how] }));

/** A store or other infrastructure a note names, with how the service uses it (empty when unsaid). */
export interface DeclaredUse {
	name: string;
	uses: Use[];
}

/** A link shown on the service page: an address, or an address with a title. */
export const linkSchema = z
	.union([urlSchema, z.strictObject({ title: z.string().trim().min(1), url: urlSchema })])
	.transform((link) => (typeof link === 'string' ? { title: link, url: link } : link));

/** The frontmatter of a team's note about one service. */
export const noteFrontmatterSchema = z.strictObject({
	/** The service's name, as telemetry reports it (`service.name`). */
	service: nameSchema,
	/** The owning team's id (a file name under `teams/` or a catalog Group), or a person as `user:<name>`. */
	owner: nameSchema,
	/** The date a person last confirmed that this note is true; the note's last commit date when absent. */
	reviewed: dateSchema.optional(),
	/** How often the note should be reviewed (`90d`, `6m`); the site's `staleAfterDays` when absent. */
	reviewEvery: durationSchema.optional(),
	/** How fast confidence in this note's claims halves without a review (`90d`); the site's `confidence.halfLifeDays` when absent. */
	halfLife: durationSchema.optional(),
	/** Services and infrastructure this service calls, as the team understands it: names, or `{ name, why }`. */
	dependsOn: z.array(dependencySchema).default([]),
	/** Stores the service writes and reads (`postgresql:orders`), or `{ name, access: reads | writes | reads-writes }`; each is a dependency too. */
	stores: z.array(storeSchema).default([]),
	/** Queues, stores and hosts the service uses, and how: `{ name, how: reads | writes | publishes | consumes | calls }`, or a name; each is a dependency too. */
	uses: z.array(useEntrySchema).default([]),
	/** Other names the service has in telemetry (an old name, a pod prefix); they resolve to this service. */
	aliases: z.array(nameSchema).default([]),
	/** How critical the service is, in the team's own scale (`1`, `critical`). */
	tier: z.union([nameSchema, z.number()]).transform(String).optional(),
	/** Where the service is in its life: `experimental`, `production`, `deprecated`, `retired`. */
	lifecycle: nameSchema.optional(),
	/** Who is paged: a rotation name or the address of its schedule. */
	oncall: nameSchema.optional(),
	/** Address of the runbook. */
	runbook: urlSchema.optional(),
	/** Address of the source repository. */
	repo: urlSchema.optional(),
	/** Other useful addresses: dashboards, design documents. */
	links: z.array(linkSchema).default([]),
	/** One sentence on what the service does. */
	description: nameSchema.optional(),
});

/** A team member: an email (`jane@example.com`) or a GitHub handle (`@jane`), lower-cased as git and GitHub compare them. */
export const memberSchema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^(@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?|[^\s@]+@[^\s@]+\.[^\s@]+)$/, { message: 'is not an email or a GitHub @handle' });

/** The frontmatter of a team file under `teams/`. */
export const teamFrontmatterSchema = z.strictObject({
	/** Display name of the team. */
	name: nameSchema,
	/** One line on what the team does. */
	description: nameSchema.optional(),
	/** Where to reach the team: a chat channel, a mailing list. */
	contact: nameSchema.optional(),
	/** Who is in the team, as commits name them: emails, or GitHub `@handles`; tells whether a note's review came from its owning team. */
	members: z.array(memberSchema).default([]),
});

/** Validated note frontmatter. */
export type NoteFrontmatter = z.infer<typeof noteFrontmatterSchema>;
/** Validated team frontmatter. */
export type TeamFrontmatter = z.infer<typeof teamFrontmatterSchema>;
/** A declared dependency, normalized. */
export interface Dependency {
	name: string;
	why: string | null;
	/** Called only now and then: its absence is judged over `confidence.rareEveryDays`. */
	rare: boolean;
	/** How often it is expected to be called, in days (`expectedEvery`), or null when at least once a window. */
	expectedEveryDays: number | null;
}
/** A link, normalized. */
export type Link = z.infer<typeof linkSchema>;

/** An example value for each note field, used in hints. */
export const noteFieldExamples: Record<keyof NoteFrontmatter, string> = {
	service: 'service: checkout',
	owner: 'owner: payments',
	reviewed: 'reviewed: 2026-01-31',
	reviewEvery: 'reviewEvery: 90d',
	halfLife: 'halfLife: 120d',
	dependsOn: 'dependsOn: [cart, { name: postgresql:orders, why: order history }, { name: ledger, expectedEvery: 30d }]',
	stores: 'stores: [postgresql:orders, { name: redis:sessions, access: reads }]',
	uses: 'uses: [{ name: kafka:orders, how: publishes }, api.stripe.com]',
	aliases: 'aliases: [checkout-v1]',
	tier: 'tier: 1',
	lifecycle: 'lifecycle: production',
	oncall: 'oncall: payments-primary',
	runbook: 'runbook: https://wiki.example.com/checkout/runbook',
	repo: 'repo: https://github.com/example/checkout',
	links: 'links: [{ title: Dashboard, url: https://grafana.example.com/d/checkout }]',
	description: 'description: Takes the cart to a paid order.',
};

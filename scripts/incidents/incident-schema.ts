import { z } from 'astro/zod';
import { linkSchema } from '../notes/note-schema.ts';

const nameSchema = z.string().trim().min(1);

/**
 * A point in time, as text: an ISO date-time with an offset (`2026-09-03T14:05:00Z`) or a bare
 * date (`2026-09-03`, read as midnight UTC); normalized to an ISO date-time in UTC.
 */
export const dateTimeSchema = z.union([z.date(), z.string()]).transform((value, ctx) => {
	const text = value instanceof Date ? value.toISOString() : value.trim();
	const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
	const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
	const parsed = Date.parse(dateOnly ? `${text}T00:00:00Z` : text);
	// Round-tripping the date part catches days JavaScript would roll over (2026-02-30).
	const rolled = dateOnly && !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) !== text;
	if ((!dateOnly && !withOffset) || Number.isNaN(parsed) || rolled) {
		ctx.addIssue({ code: 'custom', message: `\`${String(value)}\` is not a time like 2026-09-03T14:05:00Z (or a date like 2026-09-03)` });
		return z.NEVER;
	}
	return new Date(parsed).toISOString();
});

/** What an incident taught about one dependency: that it exists though nobody declared it, that it is critical, or that it is gone. */
export const learnedDependencySchema = z.strictObject({
	/** The calling service, as its note or telemetry names it. */
	from: nameSchema,
	/** What it calls: a service, or infrastructure (`postgresql:orders`). */
	to: nameSchema,
	/** `undeclared`: it exists and nobody had written it down; `critical`: its failure took the caller down; `gone`: it no longer exists. */
	what: z.enum(['undeclared', 'critical', 'gone']),
	/** One sentence on what was found, shown beside the lesson. */
	note: nameSchema.optional(),
});

/** What an incident taught about one service. */
export const learnedServiceSchema = z.strictObject({
	/** The service, as its note or telemetry names it. */
	service: nameSchema,
	/** What was learned, in a sentence. */
	what: nameSchema,
});

/** The frontmatter of a post-incident review under `incidents/`. */
export const incidentFrontmatterSchema = z.strictObject({
	/** The incident's id, unique across reviews (`INC-142`). */
	id: nameSchema,
	/** A one-line summary. */
	title: nameSchema,
	/** When the incident started. */
	started: dateTimeSchema,
	/** When it was resolved. */
	resolved: dateTimeSchema,
	/** Severity in the team's own scale (`SEV2`, `1`). */
	severity: z.union([nameSchema, z.number()]).transform(String),
	/** The services involved, as their notes or telemetry name them. */
	services: z.array(nameSchema).min(1),
	/** The team that owns the review (a file name under `teams/` or a catalog Group). */
	owner: nameSchema,
	/** Addresses of the timeline, the ticket, the chat channel. */
	links: z.array(linkSchema).default([]),
	/** What the incident taught: about dependencies and about services. */
	learned: z
		.strictObject({
			/** Lessons about dependencies between two named things. */
			dependencies: z.array(learnedDependencySchema).default([]),
			/** Lessons about one service. */
			services: z.array(learnedServiceSchema).default([]),
		})
		.prefault({}),
});

/** Validated incident frontmatter. */
export type IncidentFrontmatter = z.infer<typeof incidentFrontmatterSchema>;
/** A lesson about one dependency. */
export type LearnedDependency = z.infer<typeof learnedDependencySchema>;

/** An example value for each incident field, used in hints. */
export const incidentFieldExamples: Record<keyof IncidentFrontmatter, string> = {
	id: 'id: INC-142',
	title: 'title: Checkout quotes failed after a catalog migration',
	started: 'started: 2026-09-03T14:05:00Z',
	resolved: 'resolved: 2026-09-03T16:40:00Z',
	severity: 'severity: SEV2',
	services: 'services: [pricing, catalog]',
	owner: 'owner: commerce',
	links: 'links: [{ title: Timeline, url: https://wiki.example.com/inc-142 }]',
	learned: 'learned: { dependencies: [{ from: pricing, to: postgresql:catalog, what: undeclared }], services: [{ service: catalog, what: Schema changes break other readers }] }',
};

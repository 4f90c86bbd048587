import { z } from 'astro/zod';

// Other tools own this format, so the objects are loose: fields Halflife does not read may be
// anything. Only the types of the fields it reads are checked.

/** A Backstage name or namespace: letters and digits, with single `-`, `_` or `.` between them, at most 63 characters. */
const backstageNameSchema = z
	.string()
	.max(63, { message: 'is longer than 63 characters' })
	.regex(/^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/, { message: 'is not a Backstage name: letters and digits, with single `-`, `_` or `.` between them' });

const refSchema = z.string().trim().min(1, { message: 'is empty' });

/** A link in `metadata.links`. */
const backstageLinkSchema = z.looseObject({
	/** The address; only http, https and mailto addresses are kept. */
	url: z.string(),
	/** Text shown for the link; the address when absent. */
	title: z.string().optional(),
	/** What the link is (`runbook`, `repo` ...), free text. */
	type: z.string().optional(),
});

/** A Backstage catalog descriptor (`catalog-info.yaml`), any kind. */
export const backstageEntitySchema = z.looseObject({
	/** `backstage.io/v1alpha1` or `backstage.io/v1beta1`. */
	apiVersion: z.string(),
	/** `Component`, `Resource`, `API`, `System`, `Group` and `User` are read; other kinds are skipped. */
	kind: z.string().trim().min(1, { message: 'is empty' }),
	/** What every kind has: name, namespace, description, tags, links, annotations. */
	metadata: z.looseObject({
		/** Name, unique per kind and namespace. */
		name: backstageNameSchema,
		/** Namespace; `default` when absent. */
		namespace: backstageNameSchema.optional(),
		/** Display title. */
		title: z.string().optional(),
		/** One line on what the entity is. */
		description: z.string().optional(),
		/** Free-form tags. */
		tags: z.array(z.string()).optional(),
		/** Links to show with the entity. */
		links: z.array(backstageLinkSchema).optional(),
		/** The annotations that say where the source is. */
		annotations: z
			.looseObject({
				/** `org/repo` on GitHub. */
				'github.com/project-slug': z.string().optional(),
				/** `url:https://...` of the source folder. */
				'backstage.io/source-location': z.string().optional(),
			})
			.optional(),
	}),
	/** The kind's own fields. */
	spec: z
		.looseObject({
			/** Component or Resource type (`service`, `website`, `database`), or Group type (`team`). */
			type: z.string().optional(),
			/** `experimental`, `production`, `deprecated` ... */
			lifecycle: z.string().optional(),
			/** Reference to the owning Group or User. */
			owner: refSchema.optional(),
			/** Reference to the System it belongs to. */
			system: refSchema.optional(),
			/** Reference to the Component it is a part of. */
			subcomponentOf: refSchema.optional(),
			/** References to the APIs a Component provides. */
			providesApis: z.array(refSchema).optional(),
			/** References to the APIs a Component consumes. */
			consumesApis: z.array(refSchema).optional(),
			/** References to the Components and Resources it depends on. */
			dependsOn: z.array(refSchema).optional(),
			/** References to the Components and Resources that depend on it. */
			dependencyOf: z.array(refSchema).optional(),
			/** A Group's or User's profile. */
			profile: z
				.looseObject({
					/** Name to show. */
					displayName: z.string().optional(),
					/** Email address. */
					email: z.string().optional(),
				})
				.optional(),
			/** A Group's parent Group. */
			parent: refSchema.optional(),
			/** The Groups a User belongs to. */
			memberOf: z.array(refSchema).optional(),
		})
		.optional(),
});

/** A Backstage descriptor as read. */
export type BackstageEntity = z.infer<typeof backstageEntitySchema>;

/** Only what every kind shares, for the kinds Halflife skips: their `spec` is none of its business. */
export const backstageEnvelopeSchema = backstageEntitySchema.pick({ apiVersion: true, kind: true, metadata: true });

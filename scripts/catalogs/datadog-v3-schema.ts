import { z } from 'astro/zod';
import { datadogContactSchema, datadogLinkSchema, datadogTierSchema } from './datadog-common-schema.ts';

// Datadog's Software Catalog entity, `apiVersion: v3`. Loose: fields Halflife does not read may
// be anything, and kinds it does not read are checked only for what every kind shares.

const refSchema = z.string().trim().min(1, { message: 'is empty' });

/** An on-call integration. */
const integrationSchema = z.looseObject({
	/** Address of the PagerDuty or Opsgenie service. */
	serviceURL: z.string(),
});

/** A Datadog v3 entity (`apiVersion: v3`), any kind. */
export const datadogV3Schema = z.looseObject({
	/** Always `v3`. */
	apiVersion: z.literal('v3'),
	/** `service`, `datastore`, `queue`, `system` and `api` are read; other kinds are skipped. */
	kind: z.string().trim().min(1, { message: 'is empty' }),
	/** What every kind has. */
	metadata: z.looseObject({
		/** Name, unique per kind. */
		name: z.string().trim().min(1, { message: 'is empty' }),
		/** Owning team. */
		owner: z.string().optional(),
		/** One line on what it is. */
		description: z.string().optional(),
		/** Free-form tags. */
		tags: z.array(z.string()).optional(),
		/** Links. */
		links: z.array(datadogLinkSchema).optional(),
		/** Contacts. */
		contacts: z.array(datadogContactSchema).optional(),
	}),
	/** The kind's own fields. */
	spec: z
		.looseObject({
			/** `experimental`, `production`, `deprecated` ... */
			lifecycle: z.string().optional(),
			/** How critical it is. */
			tier: datadogTierSchema.optional(),
			/** `web`, `grpc`, `postgres`, `kafka` ... */
			type: z.string().optional(),
			/** References (`service:cart`, `datastore:orders-db`) to what it depends on. */
			dependsOn: z.array(refSchema).optional(),
			/** References (`service:cart`) to what depends on it; Datadog's queue schema has it. */
			dependencyOf: z.array(refSchema).optional(),
			/** References (`system:shop`, `service:cart`) to what it is a part of. */
			componentOf: z.array(refSchema).optional(),
			/** For an API: references to the services that implement it. */
			implementedBy: z.array(refSchema).optional(),
		})
		.optional(),
	/** On-call integrations. */
	integrations: z
		.looseObject({
			/** PagerDuty service. */
			pagerduty: integrationSchema.optional(),
			/** Opsgenie service. */
			opsgenie: integrationSchema.optional(),
		})
		.optional(),
});

/** A Datadog v3 entity as read. */
export type DatadogV3Entity = z.infer<typeof datadogV3Schema>;

/** Only what every kind shares, for the kinds Halflife skips. */
export const datadogV3EnvelopeSchema = datadogV3Schema.pick({ apiVersion: true, kind: true, metadata: true });

import { z } from 'astro/zod';
import { datadogContactSchema, datadogLinkSchema, datadogTierSchema } from './datadog-common-schema.ts';

// Datadog's service definitions v2, v2.1 and v2.2 in one loose schema: the later versions only
// add fields. Fields Halflife does not read may be anything.

/** Versions of `schema-version` this schema reads. */
export const datadogV2Versions = ['v2', 'v2.1', 'v2.2'] as const;

/** An on-call integration; v2 writes PagerDuty as the address alone, v2.1 as `{ service-url }`. */
const integrationSchema = z.preprocess(
	(value) => (typeof value === 'string' ? { 'service-url': value } : value),
	z.looseObject({
		/** Address of the PagerDuty or Opsgenie service. */
		'service-url': z.string(),
	}),
);

/** A Datadog service definition, `schema-version` v2, v2.1 or v2.2 (`service.datadog.yaml`). */
export const datadogV2Schema = z.looseObject({
	/** `v2`, `v2.1` or `v2.2`. */
	'schema-version': z.preprocess((value) => (typeof value === 'number' ? String(value) : value), z.string()),
	/** The service's name, as APM reports it. */
	'dd-service': z.string().trim().min(1, { message: 'is empty' }),
	/** Owning team. */
	team: z.string().optional(),
	/** Owning Datadog Team (v2, experimental); `team` wins when both are set. */
	'dd-team': z.string().optional(),
	/** Group of services it is part of (v2.1). */
	application: z.string().optional(),
	/** One line on what it does (v2.1). */
	description: z.string().optional(),
	/** How critical it is (v2.1). */
	tier: datadogTierSchema.optional(),
	/** `sandbox`, `staging`, `production`, `deprecated` ... (v2.1). */
	lifecycle: z.string().optional(),
	/** `web`, `db`, `cache`, `function`, `browser`, `mobile`, `custom` (v2.2). */
	type: z.string().optional(),
	/** Contacts. */
	contacts: z.array(datadogContactSchema).optional(),
	/** Links. */
	links: z.array(datadogLinkSchema).optional(),
	/** Source repositories (v2). */
	repos: z.array(datadogLinkSchema).optional(),
	/** Documentation (v2). */
	docs: z.array(datadogLinkSchema).optional(),
	/** Free-form tags. */
	tags: z.array(z.string()).optional(),
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

/** A Datadog v2.x service definition as read. */
export type DatadogV2Definition = z.infer<typeof datadogV2Schema>;

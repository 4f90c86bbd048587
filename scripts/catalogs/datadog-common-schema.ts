import { z } from 'astro/zod';

// The parts every version of Datadog's service definition shares.

/** Tier is text in the schema, but `tier: 1` in YAML is a number: both mean the same. */
export const datadogTierSchema = z.preprocess((value) => (typeof value === 'number' ? String(value) : value), z.string());

/** A link (`links`, and v2's `repos` and `docs`). */
export const datadogLinkSchema = z.looseObject({
	/** Name of the link. */
	name: z.string().optional(),
	/** `runbook`, `doc`, `repo`, `dashboard`, `oncall`, `other` ... */
	type: z.string().optional(),
	/** The address; only http, https and mailto addresses are kept. */
	url: z.string(),
});

/** A contact (`contacts`). */
export const datadogContactSchema = z.looseObject({
	/** Name of the contact. */
	name: z.string().optional(),
	/** `email`, `slack`, `microsoft-teams` ... */
	type: z.string(),
	/** The address. */
	contact: z.string(),
});

import { z } from 'astro/zod';
import { countingSchema, latencySchema, nodeKindSchema } from '../sources/snapshot.ts';

/** The model format version; bump it when a change would mislead an older reader. */
export const MODEL_SCHEMA_VERSION = 1;

const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

/** How a dependency is known: declared by a team, observed in telemetry, or both. */
export const edgeStatusSchema = z.enum(['confirmed', 'hidden', 'phantom']);

/** What the team's note says about a service, and how old that is. */
export const noteFreshnessSchema = z.object({
	/** Note file, relative to the content folder. */
	path: z.string(),
	/** The date a person last confirmed the note. */
	reviewed: isoDate,
	/** Whole days from `reviewed` to the build time. */
	ageDays: z.number().int(),
	/** Whether the note is older than the site's `staleAfterDays`. */
	stale: z.boolean(),
});

/** What telemetry says about a service in the build's window, and how recent that is. */
export const telemetryFreshnessSchema = z.object({
	/** First time telemetry saw the service in the window, or null when the source has no times. */
	firstSeen: isoDateTime.nullable(),
	/** Last time telemetry saw the service in the window, or null when the source has no times. */
	lastSeen: isoDateTime.nullable(),
	/** Whole days from `lastSeen` to the build time (0 when seen within the last day), or null without `lastSeen`. */
	ageDays: z.number().int().nullable(),
	/** Spans the service emitted in the window (0 for uninstrumented callees). */
	spans: z.number().int().nonnegative(),
	/** `service.version` values seen in the window. */
	versions: z.array(z.string()),
	/** Names telemetry reported that naming rules folded into this one (pod names, say). */
	rawNames: z.array(z.string()),
});

/** One service or infrastructure node, as the merge of notes and telemetry sees it. */
export const modelServiceSchema = z.object({
	/** Name as written in the note or reported by telemetry; untrusted text. */
	name: z.string(),
	/** URL- and file-safe, unique, bounded-length identifier used for `/services/<slug>/`. */
	slug: z.string(),
	/** Service, or the kind of infrastructure telemetry or naming suggests. */
	kind: nodeKindSchema,
	/** Owning team id, or null when nobody is named. */
	owner: z.string().nullable(),
	/** One-line description from the note, or null. */
	description: z.string().nullable(),
	/** The note, when a team wrote one. */
	note: noteFreshnessSchema.nullable(),
	/** Telemetry in the window, when the service was observed. */
	telemetry: telemetryFreshnessSchema.nullable(),
	/** Dependencies the note declares, as written. */
	dependsOn: z.array(z.string()),
	/** Number of distinct services that call this one (declared or observed). */
	dependents: z.number().int().nonnegative(),
});

/** One dependency between two services, labelled by how it is known. */
export const modelEdgeSchema = z.object({
	/** Caller's service name. */
	from: z.string(),
	/** Callee's service name. */
	to: z.string(),
	/** confirmed (declared and observed), hidden (observed, not declared) or phantom (declared, not observed in the window). */
	status: edgeStatusSchema,
	/** Whether a note declares this dependency. */
	declared: z.boolean(),
	/** Whether telemetry saw it in the window. */
	observed: z.boolean(),
	/** Calls seen in the window (0 when not observed). */
	calls: z.number().int().nonnegative(),
	/** Calls that failed. */
	errors: z.number().int().nonnegative(),
	/** Latency of the observed calls, in milliseconds. */
	latencyMs: latencySchema.nullable(),
	/** First call seen in the window, or null. */
	firstSeen: isoDateTime.nullable(),
	/** Last call seen in the window, or null. */
	lastSeen: isoDateTime.nullable(),
});

/** A team, with the services it owns. */
export const modelTeamSchema = z.object({
	/** Team id (its file name under teams/). */
	id: z.string(),
	/** URL-safe identifier used for `/teams/<slug>/`. */
	slug: z.string(),
	/** Display name. */
	name: z.string(),
	/** One-line description, or null. */
	description: z.string().nullable(),
	/** Where to reach the team, or null. */
	contact: z.string().nullable(),
	/** Names of the services the team owns, sorted. */
	services: z.array(z.string()),
});

/** Headline numbers for the home page and the versions index. */
export const modelSummarySchema = z.object({
	/** Services (not infrastructure) known from notes or telemetry. */
	services: z.number().int(),
	/** Services with a note. */
	documented: z.number().int(),
	/** Services observed in telemetry with no note. */
	undocumented: z.number().int(),
	/** Services with a note that telemetry did not see in the window. */
	notObserved: z.number().int(),
	/** Notes older than `staleAfterDays`. */
	staleNotes: z.number().int(),
	/** Infrastructure nodes (databases, queues, external hosts). */
	infrastructure: z.number().int(),
	/** Edges declared and observed. */
	confirmed: z.number().int(),
	/** Edges observed but not declared. */
	hidden: z.number().int(),
	/** Edges declared but not observed. */
	phantom: z.number().int(),
});

/** The merged model of one build: written as `halflife-model.json` next to every version. */
export const modelSchema = z.object({
	/** Format version of this file. */
	schemaVersion: z.literal(MODEL_SCHEMA_VERSION),
	/** The build this model belongs to. */
	build: z.object({
		/** Build id, also the folder under `/v/`. */
		id: z.string(),
		/** The build clock. */
		now: isoDateTime,
		/** Notes older than this many days count as stale. */
		staleAfterDays: z.number().int().positive(),
	}),
	/** The telemetry behind this build, or null when none was pulled. */
	telemetry: z
		.object({
			/** Source name. */
			source: z.string(),
			/** When it was pulled. */
			pulledAt: isoDateTime,
			/** Observation window. */
			window: z.object({ start: isoDateTime, end: isoDateTime }),
			/** Spans in the window. */
			spans: z.number().int(),
			/** Traces in the window. */
			traces: z.number().int(),
			/** Spans whose parent was never seen. */
			orphanSpans: z.number().int(),
			/** Whether call counts are every call or a sample. */
			counting: countingSchema,
		})
		.nullable(),
	/** Headline numbers. */
	summary: modelSummarySchema,
	/** Teams, sorted by id. */
	teams: z.array(modelTeamSchema),
	/** Every service and infrastructure node, sorted by name. */
	services: z.array(modelServiceSchema),
	/** Every edge, sorted by from, then to. */
	edges: z.array(modelEdgeSchema),
});

/** How a dependency is known. */
export type EdgeStatus = z.infer<typeof edgeStatusSchema>;
/** A service in the model. */
export type ModelService = z.infer<typeof modelServiceSchema>;
/** An edge in the model. */
export type ModelEdge = z.infer<typeof modelEdgeSchema>;
/** A team in the model. */
export type ModelTeam = z.infer<typeof modelTeamSchema>;
/** Headline numbers of a build. */
export type ModelSummary = z.infer<typeof modelSummarySchema>;
/** The merged model of one build. */
export type Model = z.infer<typeof modelSchema>;

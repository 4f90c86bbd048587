import { z } from 'astro/zod';
import { SKIP_REASON_NAMES } from './formats/skipped-records.ts';
import type { Namer } from './naming/service-naming.ts';

/** The most distinct instances counted per service: a bound on memory, so a higher count reads as this many. */
export const MAX_INSTANCES_PER_SERVICE = 10_000;

/** The snapshot format version; bump it when a change would mislead an older reader. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

const isoDateTime = z.iso.datetime({ offset: true });

/** Latency percentiles in milliseconds, estimated from a mergeable sketch. */
export const latencySchema = z.object({
	/** Median duration in milliseconds. */
	p50: z.number().nonnegative(),
	/** 95th percentile duration in milliseconds. */
	p95: z.number().nonnegative(),
	/** 99th percentile duration in milliseconds. */
	p99: z.number().nonnegative(),
});

/** What kind of thing a node in the service graph is. */
export const nodeKindSchema = z.enum(['service', 'database', 'queue', 'external']);

/** One node seen in telemetry: an instrumented service, or an uninstrumented callee inferred from client spans. */
export const observedServiceSchema = z.object({
	/** Name after the source's naming rules (`service.name`, or the inferred callee name); untrusted text. */
	name: z.string().min(1),
	/** The names telemetry reported, when naming rules folded them into `name` (pod names, say); empty when it reported `name` itself. Sorted. */
	rawNames: z.array(z.string()),
	/** `service` when it emitted spans itself; otherwise what its callers say it is. */
	kind: nodeKindSchema,
	/** Spans emitted by this service in the window (0 for inferred callees). */
	spans: z.number().int().nonnegative(),
	/** Earliest span start that involved this node, in the window; null when the source only has aggregates. */
	firstSeen: isoDateTime.nullable(),
	/** Latest span end that involved this node, in the window; null when the source only has aggregates. */
	lastSeen: isoDateTime.nullable(),
	/** Distinct `service.version` values seen, sorted. */
	versions: z.array(z.string()),
	/**
	 * Distinct instances that emitted its spans in the window (`service.instance.id`, else
	 * `k8s.pod.name`, else `host.name`; Zipkin's endpoint address, Jaeger's `hostname`/`ip`), over
	 * every input; 0 when the data names none. Counting stops at `MAX_INSTANCES_PER_SERVICE`, so that value means at least that many.
	 */
	instances: z.number().int().nonnegative().default(0),
	/** Spans it emitted that started a trace (no parent): where requests enter the system, or jobs start. */
	rootSpans: z.number().int().nonnegative().default(0),
});

/** One directed dependency seen in telemetry: `from` called `to`. */
export const observedEdgeSchema = z.object({
	/** Calling service name. */
	from: z.string().min(1),
	/** Called service or infrastructure name. */
	to: z.string().min(1),
	/**
	 * How the call was seen: a span parent/child pair across services, a client span to an
	 * uninstrumented callee, an aggregated dependency link (Zipkin, Jaeger), or service-graph metrics.
	 */
	via: z.enum(['parent-child', 'database', 'messaging', 'peer', 'link', 'metrics']),
	/** Calls seen in the window. */
	calls: z.number().int().nonnegative(),
	/** Calls that ended in an error status. */
	errors: z.number().int().nonnegative(),
	/** Calls made in traces that hold at least one failed span (anywhere in the trace, this call's or not). */
	errorTraceCalls: z.number().int().nonnegative().default(0),
	/** Calls that were retries: a client span whose resend count is above 0, or a repeat of a failed client span (same parent, callee and name). */
	retries: z.number().int().nonnegative().default(0),
	/** Calls that were the caller reading messages from `to` (a queue) rather than calling or writing to it: data flows `to` → `from`. */
	consumerCalls: z.number().int().nonnegative().default(0),
	/** Calls to a database that read it (`SELECT`, `GET`, `find`...), by the operation the span names (see `accessOf`). */
	reads: z.number().int().nonnegative().default(0),
	/** Calls to a database that changed it (`INSERT`, `SET`, `updateOne`...). */
	writes: z.number().int().nonnegative().default(0),
	/** Latency of the calls as the caller saw them, or null when no duration was usable. */
	latencyMs: latencySchema.nullable(),
	/** Earliest call in the window, or null when the source only has aggregates. */
	firstSeen: isoDateTime.nullable(),
	/** Latest call in the window, or null when the source only has aggregates. */
	lastSeen: isoDateTime.nullable(),
});

/** Whether counted statistics (calls, errors, spans) are every call, a sample, or not known to be either. */
export const countingSchema = z.object({
	/** `complete`: every call counted; `sampled`: a sample, scale by 1/ratio for an estimate; `unknown`: the data does not say. */
	basis: z.enum(['complete', 'sampled', 'unknown']),
	/** Share of calls kept, from 0 to 1, when the data says; null otherwise. */
	ratio: z.number().min(0).max(1).nullable(),
	/** What the basis was read from (an attribute, tracestate, the source's nature), for the page to cite. */
	evidence: z.string().nullable(),
});

/** One kind of invalid record an input held, skipped rather than read: how many, and the first. */
export const skippedRecordsSchema = z.object({
	/** What was wrong with them (`trace-id`: missing, all-zero or not hex; `name`: a span without one; ...). */
	reason: z.enum(SKIP_REASON_NAMES),
	/** How many were skipped. */
	count: z.number().int().positive(),
	/** 1-based line of the first in the input, when known. */
	line: z.number().int().positive().nullable(),
	/** What was wrong with the first, naming its field; untrusted input text in it is quoted and cut short. */
	detail: z.string(),
});

/** One input a source read (a file, a backend's answer) and what it held. */
export const snapshotInputSchema = z.object({
	/** Relative to the content folder where possible, or a URL. */
	path: z.string(),
	/** The format it was read as. */
	format: z.string().optional(),
	/** Spans it contributed in the window. */
	spans: z.number().int().nonnegative(),
	/** Spans it held outside the window, not counted; absent when none. */
	spansOutsideWindow: z.number().int().positive().optional(),
	/** Start of its earliest and of its latest span, in the window or not; absent when it held no span. */
	spanStarts: z.object({ first: isoDateTime, last: isoDateTime }).optional(),
	/** Invalid records it held, skipped, one entry per reason; absent when none. */
	skipped: z.array(skippedRecordsSchema).optional(),
	/** The earlier input whose spans it repeats (a second export of the same traffic): per dependency the busier one counts, never both; absent when it repeats none. */
	repeats: z.string().optional(),
});

/** The normalized result of pulling telemetry for one observation window. */
export const snapshotSchema = z.object({
	/** Format version of this file. */
	schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
	/** The source that produced the snapshot, and what it read. */
	source: z.object({
		/** Source name, such as `otlp-json`. */
		name: z.string(),
		/** Inputs read, relative to the content folder where possible, with the format detected and the spans each contributed. */
		inputs: z.array(snapshotInputSchema),
	}),
	/** When the pull ran (the build clock). */
	pulledAt: isoDateTime,
	/** The observation window: spans starting in [start, end) count. */
	window: z.object({ start: isoDateTime, end: isoDateTime }),
	/** Counts that say how much of reality this snapshot saw. */
	stats: z.object({
		/** Spans inside the window. */
		spans: z.number().int().nonnegative(),
		/** Distinct traces inside the window. */
		traces: z.number().int().nonnegative(),
		/** Spans outside the window, ignored. */
		spansOutsideWindow: z.number().int().nonnegative(),
		/** Spans whose parent span was never seen (incomplete traces). */
		orphanSpans: z.number().int().nonnegative(),
		/** Whether the counts are every call or a sample. */
		counting: countingSchema,
	}),
	/** Every node seen, sorted by name. */
	services: z.array(observedServiceSchema),
	/** Every edge seen, sorted by `from` then `to`. */
	edges: z.array(observedEdgeSchema),
});

/** Latency percentiles in milliseconds. */
export type Latency = z.infer<typeof latencySchema>;
/** Kind of node in the service graph. */
export type NodeKind = z.infer<typeof nodeKindSchema>;
/** A node seen in telemetry. */
export type ObservedService = z.infer<typeof observedServiceSchema>;
/** An edge seen in telemetry. */
export type ObservedEdge = z.infer<typeof observedEdgeSchema>;
/** A normalized telemetry snapshot. */
export type TelemetrySnapshot = z.infer<typeof snapshotSchema>;
/** Whether counted statistics are complete or sampled. */
export type Counting = z.infer<typeof countingSchema>;
/** One input of a snapshot. */
export type SnapshotInput = z.infer<typeof snapshotInputSchema>;
/** One kind of invalid record skipped in an input. */
export type SkippedRecordsEntry = z.infer<typeof skippedRecordsSchema>;

/** What a telemetry source is given when it loads: the window to observe and where inputs live. */
export interface SourceContext {
	/** Folder that relative input paths resolve against. */
	contentDir: string;
	/** The build clock; the snapshot's `pulledAt`. */
	now: Date;
	/** The observation window. */
	window: { start: Date; end: Date };
	/** Progress and warnings. */
	logger: { info(message: string): void; warn(message: string): void };
	/** The site's service-naming rules; sources that see raw names (pod names, say) fold them with it. */
	namer?: Namer | undefined;
}

/** A telemetry source: one shape for every backend, so tests can pass fixtures instead of networks. */
export interface TelemetrySource {
	/** Stable name, written into the snapshot. */
	name: string;
	/** Reads the inputs and returns the normalized snapshot for the context's window. */
	load(ctx: SourceContext): Promise<TelemetrySnapshot>;
}

import type { Access } from './access-evidence.ts';
import type { NodeKind, ObservedEdge } from './snapshot.ts';

/** OTLP span kinds (`Span.SpanKind`), the numbers the wire format uses. */
export const SpanKind = {
	UNSPECIFIED: 0,
	INTERNAL: 1,
	SERVER: 2,
	CLIENT: 3,
	PRODUCER: 4,
	CONSUMER: 5,
} as const;

/** An OTLP span kind number. */
export type SpanKindNumber = (typeof SpanKind)[keyof typeof SpanKind];

/** The last instant a JavaScript Date can represent, in ms: a span time past it cannot be shown or dated. */
export const MAX_DATE_MS = 8.64e15;

/** The name OpenTelemetry SDKs give a service that did not set `service.name`. */
export const UNKNOWN_SERVICE = 'unknown_service';

/** An uninstrumented thing a client span called, inferred by the source from the span's attributes. */
export interface InferredCallee {
	/** Node name, such as `postgresql:orders`. */
	name: string;
	/** What the node is. */
	kind: Exclude<NodeKind, 'service'>;
	/** How the edge is reported. */
	via: Exclude<ObservedEdge['via'], 'parent-child'>;
}

/** One span as a source hands it to the graph: only what joining and counting need, no attributes. */
export interface SpanInput {
	/** Lowercase hex trace id. */
	traceId: string;
	/** Lowercase hex span id. */
	spanId: string;
	/** Lowercase hex parent span id, or undefined for a root span. */
	parentSpanId: string | undefined;
	/** `service.name` of the emitting resource (`unknown_service` when it had none). */
	service: string;
	/** `service.version` of the emitting resource, when present. */
	serviceVersion: string | undefined;
	/** OTLP span kind. */
	kind: SpanKindNumber;
	/** Whether the span's status is ERROR. */
	error: boolean;
	/** Start time in whole milliseconds since the Unix epoch (finer digits truncated), so window checks are exact. */
	startMs: number;
	/** End time in whole milliseconds since the Unix epoch (0 when the span did not say). */
	endMs: number;
	/**
	 * End minus start in milliseconds, with the sub-millisecond fraction the source had (negative
	 * when the span ends before it starts, or gave no end). Computed by the source from its own
	 * units: epoch times as fractional milliseconds would only be accurate to about 0.25 µs.
	 */
	durationMs: number;
	/** For CLIENT and PRODUCER spans: the callee their attributes name, used when no child span answers. */
	callee: InferredCallee | undefined;
	/** The span's (operation's) name, when the format has one; telling a retry from another call needs it. */
	name?: string | undefined;
	/** The emitting instance (`service.instance.id`, else `k8s.pod.name`, else `host.name` or the like), when the data names one. */
	instance?: string | undefined;
	/** How many times this request was sent before (`http.request.resend_count`, attempts minus one), when an attribute says. */
	resendCount?: number | undefined;
	/** For a call to a database: whether it read or wrote, when its operation says (see `accessOf`). */
	access?: Access | undefined;
}

/** An aggregated dependency, as Zipkin's and Jaeger's dependency APIs give them: totals, no times, no latency. */
export interface LinkInput {
	/** Calling service. */
	from: string;
	/** Called service. */
	to: string;
	/** Calls in the period the link covers. */
	calls: number;
	/** Failed calls among them. */
	errors: number;
}

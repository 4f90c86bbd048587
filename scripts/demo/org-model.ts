/**
 * The declarative shape of an organisation's real call graph, shared by the embedded demo and the
 * benchmark generator: services with operations, the calls each operation makes, and when each of
 * them exists. The trace simulator turns it into spans; nothing here is about notes.
 */

/** Weeks (1-based, inclusive) in which something exists; a missing bound means open-ended. */
export interface WindowRange {
	/** First window it exists in. */
	from?: number;
	/** Last window it exists in. */
	to?: number;
}

/** A probability that may differ per window: one number, or one entry per window (index 0 is window 1). */
export type PerWindow = number | readonly number[];

/** Options every call shares. */
interface CallBase {
	/** Chance that the operation makes this call at all; 1 when missing. */
	p?: number;
	/** Windows in which the call is made; all when missing. */
	windows?: WindowRange;
	/** Chance that the call fails; 0 when missing. */
	errorRate?: PerWindow;
	/**
	 * A fallback: made only after an earlier call of the same operation failed, and when it
	 * succeeds the operation recovers. Never forced into a window, so it shows only when failures do.
	 */
	onFailure?: boolean;
}

/** A synchronous HTTP call to another instrumented service's operation. */
export interface HttpCall extends CallBase {
	/** Call type. */
	type: 'http';
	/** Callee service name. */
	to: string;
	/** Callee operation name (a key of its `ops`). */
	op: string;
	/** Retry policy: how many attempts in all, and the first backoff (doubling each time). */
	retry?: { attempts: number; backoffMs: number };
}

/** A database or cache call; the callee is named `<system>:<namespace>` and emits no spans. */
export interface DbCall extends CallBase {
	/** Call type. */
	type: 'db';
	/** `db.system` value, such as `postgresql`, `redis`, `elasticsearch`. */
	system: string;
	/** `db.namespace` value: the database, cache or index name. */
	namespace: string;
	/** `db.operation.name`, such as `SELECT` or `GET`. */
	operation: string;
	/** Table, key prefix or index the statement touches, used in the span name. */
	target?: string;
	/** Median duration in milliseconds. */
	ms: number;
}

/** A call to an uninstrumented third-party HTTP API, named by its host. */
export interface ExternalCall extends CallBase {
	/** Call type. */
	type: 'external';
	/** Host name, such as `api.stripe.com`. */
	host: string;
	/** Which attribute names the peer: instrumentation libraries differ. */
	via: 'server.address' | 'peer.service';
	/** HTTP method. */
	method: string;
	/** Median duration in milliseconds. */
	ms: number;
}

/** Publishing one message to a Kafka topic; the topic's consumers then run in the same trace. */
export interface ProduceCall extends CallBase {
	/** Call type. */
	type: 'produce';
	/** Topic name (`messaging.destination.name`). */
	topic: string;
}

/** Anything an operation can call. */
export type Call = HttpCall | DbCall | ExternalCall | ProduceCall;

/** One thing a service does: an HTTP route, a topic consumer, or a scheduled job. */
export interface Operation {
	/** `server` for HTTP routes (name `METHOD /route`), `consumer` for topic consumers, `internal` for jobs. */
	kind: 'server' | 'consumer' | 'internal';
	/** Median time in milliseconds the service spends on its own, outside calls. */
	work: number;
	/** Calls in the order they are made. */
	calls: readonly Call[];
	/** Whether the calls run concurrently rather than one after another. */
	parallel?: boolean;
}

/** A deploy: from `at` on, the service reports `version`. */
export interface Deploy {
	/** ISO instant of the rollout. */
	at: string;
	/** `service.version` from then on. */
	version: string;
}

/** Language runtime, which decides the instrumentation scope names in the telemetry. */
export type Runtime = 'node' | 'go' | 'java' | 'python' | 'php';

/** One instrumented service. */
export interface ServiceSpec {
	/** `service.name`. */
	name: string;
	/** Owning team id; missing for a service nobody claims. */
	owner?: string;
	/** Language runtime. */
	runtime: Runtime;
	/** `service.version` before any deploy. */
	version: string;
	/** Later versions, in time order. */
	deploys?: readonly Deploy[];
	/** Windows in which the service runs at all. */
	windows?: WindowRange;
	/** Instances (pods) it runs per window, each named in `service.instance.id`; `DEFAULT_INSTANCES` when missing. */
	instances?: PerWindow;
	/** Operations by name. */
	ops: Readonly<Record<string, Operation>>;
}

/** A Kafka topic and who consumes it. */
export interface Topic {
	/** Topic name. */
	name: string;
	/** Consumers: the service, its `consumer` operation, and its consumer group. */
	consumers: readonly { service: string; op: string; group: string }[];
}

/** A kind of user request entering the system, with its share of the traffic. */
export interface Entry {
	/** Service that receives it first (its SERVER span is the trace root). */
	service: string;
	/** Operation name. */
	op: string;
	/** Relative share of traffic. */
	weight: number;
}

/** A scheduled job: an INTERNAL root span at fixed hours of every day. */
export interface Job {
	/** Service that runs it. */
	service: string;
	/** Its `internal` operation. */
	op: string;
	/** UTC hours of the day at which it runs. */
	hours: readonly number[];
	/** Days of the month (UTC) it runs on, for a monthly job; every day when absent. */
	monthDays?: readonly number[];
}

/** A whole organisation's runtime behaviour. */
export interface OrgModel {
	/** Every instrumented service. */
	services: readonly ServiceSpec[];
	/** Kafka topics and their consumers. */
	topics: readonly Topic[];
	/** User traffic mix. */
	entries: readonly Entry[];
	/** Scheduled jobs. */
	jobs: readonly Job[];
}

/** Instances a service runs when its spec does not say. */
export const DEFAULT_INSTANCES = 2;

/** Whether `window` (1-based) falls inside `range`. */
export function inWindow(range: WindowRange | undefined, window: number): boolean {
	if (!range) return true;
	return (range.from === undefined || window >= range.from) && (range.to === undefined || window <= range.to);
}

/** The value of a per-window probability for one window (1-based); the last entry repeats. */
export function perWindow(value: PerWindow | undefined, window: number): number {
	if (value === undefined) return 0;
	if (typeof value === 'number') return value;
	return value[Math.min(window, value.length) - 1] ?? 0;
}

/** The name telemetry gives a call's callee: a service, `<system>:<namespace>`, a host, or `kafka:<topic>`. */
export function calleeName(call: Call): string {
	switch (call.type) {
		case 'http':
			return call.to;
		case 'db':
			return `${call.system}:${call.namespace}`;
		case 'external':
			return call.host;
		case 'produce':
			return `kafka:${call.topic}`;
	}
}

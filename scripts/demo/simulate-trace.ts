import { scopeName, type ScopeRole } from './instrumentation-scopes.ts';
import {
	DEFAULT_INSTANCES,
	inWindow,
	perWindow,
	type Call,
	type DbCall,
	type ExternalCall,
	type HttpCall,
	type Operation,
	type OrgModel,
	type ProduceCall,
	type ServiceSpec,
	type Topic,
} from './org-model.ts';
import type { Rng } from './prng.ts';

/** One attribute: strings become `stringValue`, numbers `intValue`. */
export type SpanAttribute = readonly [key: string, value: string | number];

/** One simulated span, before it is encoded as OTLP/JSON. Times are in microseconds since the epoch. */
export interface SpanRecord {
	/** Emitting service (`service.name`). */
	service: string;
	/** Its `service.version` when the span started. */
	version: string;
	/** The instance (pod) that emitted it: `service.instance.id`. */
	instance: string;
	/** Instrumentation scope name. */
	scope: string;
	/** 32 lowercase hex digits. */
	traceId: string;
	/** 16 lowercase hex digits. */
	spanId: string;
	/** Parent span id, missing for a root. */
	parentSpanId?: string;
	/** Span name. */
	name: string;
	/** OTLP span kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
	kind: 1 | 2 | 3 | 4 | 5;
	/** Start, microseconds since the epoch. */
	startUs: number;
	/** End, microseconds since the epoch; never before the start. */
	endUs: number;
	/** Span attributes in a fixed order. */
	attributes: readonly SpanAttribute[];
	/** Whether the span's status is ERROR. */
	error: boolean;
}

/** An organisation indexed for simulation. */
export interface OrgIndex {
	/** The model itself. */
	org: OrgModel;
	/** Services by name. */
	services: ReadonlyMap<string, ServiceSpec>;
	/** Topics by name. */
	topics: ReadonlyMap<string, Topic>;
}

/** Indexes an organisation by service and topic name, failing on dangling references. */
export function indexOrg(org: OrgModel): OrgIndex {
	const services = new Map(org.services.map((s) => [s.name, s]));
	const topics = new Map(org.topics.map((t) => [t.name, t]));
	const op = (service: string, name: string): Operation => {
		const found = services.get(service)?.ops[name];
		if (!found) throw new Error(`org model: no operation ${service} ${name}`);
		return found;
	};
	for (const s of org.services) {
		for (const o of Object.values(s.ops)) {
			for (const c of o.calls) {
				if (c.type === 'http') op(c.to, c.op);
				if (c.type === 'produce' && !topics.has(c.topic)) throw new Error(`org model: no topic ${c.topic}`);
			}
		}
	}
	for (const t of org.topics) for (const c of t.consumers) op(c.service, c.op);
	for (const e of org.entries) op(e.service, e.op);
	for (const j of org.jobs) op(j.service, j.op);
	return { org, services, topics };
}

/** What the simulator needs besides the root: the indexed org, the window number, and randomness. */
export interface SimulationContext {
	/** The indexed organisation. */
	index: OrgIndex;
	/** Window number (1-based) deciding which services, calls and error rates apply. */
	window: number;
	/** Random source. */
	rng: Rng;
	/**
	 * Optional calls already made in this window. An optional call fires the first time its operation
	 * runs, so every call of every operation that runs at least once is seen in the window.
	 */
	fired?: Set<Call>;
	/** Optional spans each replica set has served in this window, so its pods take turns and every one is seen. */
	turns?: Map<string, number>;
}

/** Where a trace starts: a service's operation at an instant (microseconds since the epoch). */
export interface TraceRoot {
	/** Service receiving the request or running the job. */
	service: string;
	/** Operation name. */
	op: string;
	/** Start instant in microseconds since the epoch. */
	startUs: number;
}

/** Simulates one trace from its root and returns its spans (children before their parents). */
export function simulateTrace(ctx: SimulationContext, root: TraceRoot): SpanRecord[] {
	const sim = new TraceSimulation(ctx, ctx.rng.hex(32));
	sim.runOp(root.service, root.op, undefined, root.startUs, false);
	return sim.spans;
}

interface OpResult {
	endUs: number;
	error: boolean;
	status: number;
}

// A class keeps the per-trace state (trace id, collected spans) out of every signature.
class TraceSimulation {
	readonly spans: SpanRecord[] = [];
	private readonly ctx: SimulationContext;
	private readonly traceId: string;

	constructor(ctx: SimulationContext, traceId: string) {
		this.ctx = ctx;
		this.traceId = traceId;
	}

	runOp(serviceName: string, opName: string, parent: string | undefined, startUs: number, forcedError: boolean, message?: { topic: string; group: string }): OpResult {
		const { rng } = this.ctx;
		const service = this.service(serviceName);
		const op = service.ops[opName] as Operation;
		const spanId = rng.hex(16);
		const self = rng.logNormal(op.work, 0.45) * 1000;
		let cursor = startUs + Math.max(30, Math.round(self * 0.4));
		let failed = false;
		const fired = this.ctx.fired;
		const active = op.calls.filter((c) => {
			if (!inWindow(c.windows, this.ctx.window)) return false;
			if (c.onFailure) return true;
			const go = c.p === undefined || rng.chance(c.p) || (fired !== undefined && !fired.has(c));
			if (go) fired?.add(c);
			return go;
		});
		if (op.parallel) {
			let end = cursor;
			active.forEach((call, i) => {
				if (call.onFailure) return;
				const r = this.runCall(service, call, spanId, cursor + i * 40);
				end = Math.max(end, r.endUs);
				failed ||= r.error;
			});
			cursor = end;
		} else {
			for (const call of active) {
				if (call.onFailure && !failed) continue;
				const r = this.runCall(service, call, spanId, cursor);
				cursor = r.endUs + rng.int(20, 400);
				// A fallback that works covers the failure before it: the operation succeeds.
				failed = call.onFailure ? r.error : failed || r.error;
			}
		}
		const endUs = cursor + Math.max(20, Math.round(self * 0.6));
		const error = forcedError || failed;
		const status = !error ? (opName.startsWith('POST') ? 201 : 200) : failed ? 503 : 500;
		let kind: SpanRecord['kind'] = 2;
		let role: ScopeRole = 'server';
		let name = opName;
		let attributes: SpanAttribute[];
		if (op.kind === 'server') {
			const [method, route] = splitRoute(opName);
			attributes = [
				['http.request.method', method],
				['http.route', route],
				['http.response.status_code', status],
			];
		} else if (op.kind === 'consumer') {
			kind = 5;
			role = 'messaging';
			const topic = message?.topic ?? opName;
			name = `process ${topic}`;
			attributes = [
				['messaging.system', 'kafka'],
				['messaging.destination.name', topic],
				['messaging.operation.type', 'process'],
				['messaging.consumer.group.name', message?.group ?? serviceName],
			];
		} else {
			kind = 1;
			role = 'internal';
			attributes = [['job.name', opName]];
		}
		this.push(service, role, { spanId, parentSpanId: parent, name, kind, startUs, endUs, attributes, error });
		return { endUs, error, status };
	}

	private runCall(caller: ServiceSpec, call: Call, parent: string, startUs: number): OpResult {
		switch (call.type) {
			case 'http':
				return this.runHttp(caller, call, parent, startUs);
			case 'db':
				return this.runDb(caller, call, parent, startUs);
			case 'external':
				return this.runExternal(caller, call, parent, startUs);
			case 'produce':
				return this.runProduce(caller, call, parent, startUs);
		}
	}

	private runHttp(caller: ServiceSpec, call: HttpCall, parent: string, startUs: number): OpResult {
		const { rng, window } = this.ctx;
		const attempts = call.retry?.attempts ?? 1;
		let cursor = startUs;
		let last: OpResult = { endUs: startUs, error: true, status: 0 };
		for (let attempt = 0; attempt < attempts; attempt++) {
			const clientId = rng.hex(16);
			const outbound = rng.int(150, 900);
			const inbound = rng.int(100, 700);
			const forced = rng.chance(perWindow(call.errorRate, window));
			const callee = this.runOp(call.to, call.op, clientId, cursor + outbound, forced);
			const endUs = callee.endUs + inbound;
			const [method] = splitRoute(call.op);
			const attributes: SpanAttribute[] = [
				['http.request.method', method],
				['http.response.status_code', callee.status],
			];
			if (attempt > 0) attributes.push(['http.request.resend_count', attempt]);
			this.push(caller, 'client', { spanId: clientId, parentSpanId: parent, name: method, kind: 3, startUs: cursor, endUs, attributes, error: callee.error });
			last = { endUs, error: callee.error, status: callee.status };
			if (!callee.error) break;
			// Exponential backoff with jitter before the next attempt.
			cursor = endUs + Math.round((call.retry?.backoffMs ?? 0) * 1000 * 2 ** attempt * (0.8 + rng.next() * 0.4));
		}
		return last;
	}

	private runDb(caller: ServiceSpec, call: DbCall, parent: string, startUs: number): OpResult {
		const { rng, window } = this.ctx;
		const endUs = startUs + Math.max(40, Math.round(rng.logNormal(call.ms, 0.6) * 1000));
		const error = rng.chance(perWindow(call.errorRate, window));
		const attributes: SpanAttribute[] = [
			['db.system', call.system],
			['db.namespace', call.namespace],
			['db.operation.name', call.operation],
		];
		const name = call.target ? `${call.operation} ${call.target}` : call.operation;
		this.push(caller, `db:${call.system}`, { spanId: rng.hex(16), parentSpanId: parent, name, kind: 3, startUs, endUs, attributes, error });
		return { endUs, error, status: error ? 500 : 200 };
	}

	private runExternal(caller: ServiceSpec, call: ExternalCall, parent: string, startUs: number): OpResult {
		const { rng, window } = this.ctx;
		const error = rng.chance(perWindow(call.errorRate, window));
		// Rejected requests come back fast.
		const ms = error ? call.ms * 0.3 : call.ms;
		const endUs = startUs + Math.max(200, Math.round(rng.logNormal(ms, 0.5) * 1000));
		const status = error ? 429 : 200;
		const attributes: SpanAttribute[] = [
			['http.request.method', call.method],
			[call.via, call.host],
			['http.response.status_code', status],
		];
		this.push(caller, 'client', { spanId: rng.hex(16), parentSpanId: parent, name: call.method, kind: 3, startUs, endUs, attributes, error });
		return { endUs, error, status };
	}

	private runProduce(caller: ServiceSpec, call: ProduceCall, parent: string, startUs: number): OpResult {
		const { rng, window } = this.ctx;
		const spanId = rng.hex(16);
		const endUs = startUs + rng.int(300, 4000);
		const attributes: SpanAttribute[] = [
			['messaging.system', 'kafka'],
			['messaging.destination.name', call.topic],
			['messaging.operation.type', 'send'],
		];
		this.push(caller, 'messaging', { spanId, parentSpanId: parent, name: `send ${call.topic}`, kind: 4, startUs, endUs, attributes, error: false });
		const topic = this.ctx.index.topics.get(call.topic) as Topic;
		for (const consumer of topic.consumers) {
			const spec = this.service(consumer.service);
			if (!inWindow(spec.windows, window)) continue;
			// Consumers poll: the message is picked up tens of milliseconds to seconds later.
			const lag = Math.round(Math.min(rng.logNormal(60, 1.1), 20_000) * 1000);
			this.runOp(consumer.service, consumer.op, spanId, endUs + lag, false, { topic: call.topic, group: consumer.group });
		}
		return { endUs, error: false, status: 200 };
	}

	private service(name: string): ServiceSpec {
		const spec = this.ctx.index.services.get(name);
		if (!spec) throw new Error(`org model: unknown service ${name}`);
		return spec;
	}

	// Without a shared count (a lone trace), the first pod serves it.
	private turn(replicaSet: string): number {
		const turns = this.ctx.turns;
		if (!turns) return 0;
		const turn = turns.get(replicaSet) ?? 0;
		turns.set(replicaSet, turn + 1);
		return turn;
	}

	private push(service: ServiceSpec, role: ScopeRole, span: Omit<SpanRecord, 'service' | 'version' | 'instance' | 'scope' | 'traceId' | 'parentSpanId'> & { parentSpanId: string | undefined }): void {
		const { parentSpanId, ...rest } = span;
		const version = versionAt(service, span.startUs);
		const record: SpanRecord = {
			service: service.name,
			version,
			instance: instanceOf(service, version, this.turn(`${service.name}@${version}`), this.ctx.window),
			scope: scopeName(service.runtime, role, service.name),
			traceId: this.traceId,
			...rest,
		};
		if (parentSpanId !== undefined) record.parentSpanId = parentSpanId;
		this.spans.push(record);
	}
}

/** The `service.version` a service reports at an instant (microseconds since the epoch). */
export function versionAt(service: ServiceSpec, atUs: number): string {
	let version = service.version;
	for (const deploy of service.deploys ?? []) {
		if (Date.parse(deploy.at) * 1000 <= atUs) version = deploy.version;
	}
	return version;
}

/**
 * The pod a span ran on, named as Kubernetes names a Deployment's pods (`<service>-<replica set>-<pod>`):
 * the replica set changes with the version, and its pods take turns (a round-robin balancer), so
 * choosing one draws nothing from the simulation's random sequence and no pod goes unseen.
 */
function instanceOf(service: ServiceSpec, version: string, turn: number, window: number): string {
	const count = Math.max(1, Math.round(perWindow(service.instances ?? DEFAULT_INSTANCES, window)));
	const pod = turn % count;
	return `${service.name}-${shortHash(`${service.name}@${version}`, 9)}-${shortHash(`${service.name}@${version}#${pod}`, 5)}`;
}

// FNV-1a, in base 36: stable names with nothing random in them.
function shortHash(text: string, length: number): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
	return hash.toString(36).padStart(length, '0').slice(-length);
}

function splitRoute(op: string): [method: string, route: string] {
	const space = op.indexOf(' ');
	return space < 0 ? ['GET', op] : [op.slice(0, space), op.slice(space + 1)];
}

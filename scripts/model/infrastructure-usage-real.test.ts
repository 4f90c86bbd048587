import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realData } from '../../fixtures/real-data.ts';
import { memoryLogger } from '../lib/logger.ts';
import { accessOf } from '../sources/access-evidence.ts';
import { pullTelemetry } from '../sources/pull-telemetry.ts';
import { mergeModel } from './merge-model.ts';
import { modelSchema, type Model } from './model-schema.ts';
import { content } from './test-helpers/model-inputs.ts';

// Wide enough for both captures: the Zipkin one is from 2018, HotROD's from 2026.
const WINDOW = { start: new Date('2010-01-01T00:00:00Z'), end: new Date('2030-01-01T00:00:00Z') };

// A real capture through the pull stage and the merge, with no notes: what telemetry alone tells.
async function modelOf(file: string): Promise<Model> {
	const snapshot = await pullTelemetry({ paths: [realData(file)] }, { contentDir: realData(), now: WINDOW.end, window: WINDOW, logger: memoryLogger() });
	return modelSchema.parse(mergeModel(content([], []), snapshot, { buildId: 'real', now: WINDOW.end, staleAfterDays: 90 }));
}

const edgeOf = (model: Model, from: string, to: string) => model.edges.find((e) => e.from === from && e.to === to);

describe('queues in the real Zipkin Kafka capture (openzipkin messaging-kafka.json)', () => {
	type ZipkinSpan = { kind?: string; localEndpoint?: { serviceName?: string }; tags?: Record<string, string> };
	const raw = JSON.parse(readFileSync(realData('traces/zipkin/messaging-kafka.json'), 'utf8')) as ZipkinSpan[];
	// The capture read by hand: each service's PRODUCER and CONSUMER spans per `kafka.topic`.
	const counted = (kind: string) => {
		const counts = new Map<string, number>();
		for (const span of raw) {
			const topic = span.tags?.['kafka.topic'];
			if (span.kind !== kind || topic === undefined) continue;
			const key = `${span.localEndpoint?.serviceName} -> kafka:${topic}`;
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
		return counts;
	};
	const [sent, read] = [counted('PRODUCER'), counted('CONSUMER')];

	it("tells each service's publishes from its consumes, topic by topic", async () => {
		const model = await modelOf('traces/zipkin/messaging-kafka.json');
		const expected = [...new Set([...sent.keys(), ...read.keys()])].sort().map((key) => {
			const uses = [...(sent.has(key) ? ['publishes'] : []), ...(read.has(key) ? ['consumes'] : [])];
			return [key, uses, (sent.get(key) ?? 0) + (read.get(key) ?? 0), read.get(key) ?? 0];
		});
		const queueEdges = model.edges.filter((e) => e.to.startsWith('kafka:')).map((e) => [`${e.from} -> ${e.to}`, e.uses, e.calls, e.consumes]);
		expect(queueEdges.sort()).toEqual(expected);
		// servicea both produces to `messages` and consumes it; serviceb only consumes.
		expect(edgeOf(model, 'servicea', 'kafka:messages')!.uses).toEqual(['publishes', 'consumes']);
		expect(edgeOf(model, 'serviceb', 'kafka:messages')!.uses).toEqual(['consumes']);
		expect(model.services.filter((s) => s.name.startsWith('kafka:')).every((s) => s.kind === 'queue')).toBe(true);
	});

	it('finds the one topic two services share without calling each other, undocumented with no notes', async () => {
		const model = await modelOf('traces/zipkin/messaging-kafka.json');
		// Neither service calls the other: they meet only through the topic.
		expect(model.edges.filter((e) => !e.to.startsWith('kafka:'))).toEqual([]);
		expect(model.couplings).toEqual([
			{
				resource: 'kafka:messages',
				kind: 'queue',
				owner: null,
				users: [
					{ service: 'servicea', owner: null, uses: ['publishes', 'consumes'], status: 'hidden' },
					{ service: 'serviceb', owner: null, uses: ['consumes'], status: 'hidden' },
				],
				teams: 0,
				writers: 1,
				documented: false,
				indirectPairs: 1,
			},
		]);
		// `central.messages` and `command-messages` have one user each: nothing shared.
		for (const topic of ['kafka:central.messages', 'kafka:command-messages']) expect(model.edges.filter((e) => e.to === topic).map((e) => e.from), topic).toEqual(['servicea']);
		// The trace starts at servicea's poll of `messages`, and servicea reaches the topics.
		expect(model.entryPoints).toEqual([{ service: 'servicea', rootSpans: 1, basis: 'root-spans' }]);
		expect(model.betweenEntryAndData).toEqual(['servicea']);
	});
});

describe('stores in the real HotROD trace (Jaeger v2 /api/v3 answer)', () => {
	type OtlpValue = { stringValue?: string };
	type OtlpSpan = { name: string; kind: number; attributes?: { key: string; value: OtlpValue }[] };
	type OtlpFile = { result: { resourceSpans: { resource: { attributes: { key: string; value: OtlpValue }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[] } };
	const raw = JSON.parse(readFileSync(realData('traces/otlp/hotrod_jaeger-v3-getTrace-response.otlp.json'), 'utf8')) as OtlpFile;
	const spansOf = (service: string) =>
		raw.result.resourceSpans
			.filter((rs) => rs.resource.attributes.some((a) => a.key === 'service.name' && a.value.stringValue === service))
			.flatMap((rs) => rs.scopeSpans.flatMap((s) => s.spans));
	const attributesOf = (span: OtlpSpan) => new Map((span.attributes ?? []).map((a) => [a.key, a.value.stringValue ?? '']));

	it('has database client spans whose operations read, emitted under service names of their own and naming no callee', () => {
		const mysql = spansOf('mysql');
		expect(mysql.map((s) => [s.kind, s.name, attributesOf(s).get('sql.query')])).toEqual([[3, 'SQL SELECT', 'SELECT * FROM customer WHERE customer_id=123']]);
		// No db.system: the only name of the store is the emitter's own (and `service.peer.name`, which repeats it).
		expect([...attributesOf(mysql[0]!).keys()].sort()).toEqual(['request', 'service.peer.name', 'sql.query']);
		expect(attributesOf(mysql[0]!).get('service.peer.name')).toBe('mysql');
		const redis = spansOf('redis-manual');
		expect(new Set(redis.map((s) => s.name))).toEqual(new Set(['FindDriverIDs', 'GetDriver']));
		// The Redis spans carry only their parameters: no db.system, no peer, no server, nothing that names what they call.
		expect(new Set(redis.flatMap((s) => [s.kind, ...attributesOf(s).keys()]))).toEqual(new Set([3, 'param.driver.location', 'param.driverID']));
		// Read as a database call, every one of them is a read: SELECT, GET, FIND.
		for (const span of [...mysql, ...redis]) expect(accessOf(attributesOf(span), span.name), span.name).toBe('read');
	});

	it('models them as the services they are reported as, so their reads stay plain calls', async () => {
		const model = await modelOf('traces/otlp/hotrod_jaeger-v3-getTrace-response.otlp.json');
		// HotROD reports its MySQL and Redis clients as services `mysql` and `redis-manual` (a tracer per
		// simulated store), with no db.system: the model has no database to attach a read to. The
		// operations are read only for calls into a known store, so these edges say `calls`.
		for (const name of ['mysql', 'redis-manual']) expect(model.services.find((s) => s.name === name)!.kind, name).toBe('service');
		expect(model.services.filter((s) => s.kind === 'database' || s.kind === 'queue')).toEqual([]);
		expect(edgeOf(model, 'customer', 'mysql')).toMatchObject({ calls: spansOf('mysql').length, reads: 0, writes: 0, uses: ['calls'] });
		expect(edgeOf(model, 'driver', 'redis-manual')).toMatchObject({ calls: spansOf('redis-manual').length, reads: 0, writes: 0, uses: ['calls'] });
		expect(model.edges.filter((e) => e.uses.some((u) => u !== 'calls'))).toEqual([]);
		// No stores, so nothing is shared and no service sits between the entry point and data.
		expect(model.couplings).toEqual([]);
		expect(model.entryPoints).toEqual([{ service: 'frontend', rootSpans: 1, basis: 'root-spans' }]);
		expect(model.betweenEntryAndData).toEqual([]);
	});
});

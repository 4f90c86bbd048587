import { describe, expect, it } from 'vitest';
import { mergeModel } from '../../scripts/model/merge-model.ts';
import { modelSchema, type Model } from '../../scripts/model/model-schema.ts';
import { call, content, note, seen, snapshot, team } from '../../scripts/model/test-helpers/model-inputs.ts';
import { anchoredNames, anchorOnce, busiestServices, dataResources, edgesByTrouble, leastConfident, VIEW_RESOURCES } from './view-rows.ts';
import { SHORT_LIST } from './bounds.ts';

const now = new Date('2026-11-23T00:00:00Z');
const t0 = '2026-11-20T10:00:00.000Z';
const t1 = '2026-11-21T10:00:00.000Z';

// A shop: orders writes its table and publishes; billing and picking consume; reporting reads the
// table without any note saying so. Nobody calls anybody else, so both resources are shared.
function shop(): Model {
	const notes = [
		note('orders', 'commerce', '2026-11-01', ['postgresql:orders', 'kafka:order-events']),
		note('billing', 'commerce', '2026-11-01', ['kafka:order-events', 'postgresql:orders']),
		note('picking', 'fulfilment', '2025-01-01', ['kafka:order-events']),
		note('reporting', 'data', '2026-11-01', []),
	];
	const telemetry = snapshot(
		now,
		[seen('orders', t0, t1), seen('billing', t0, t1), seen('picking', t0, t1), seen('reporting', t0, t1), seen('postgresql:orders', t0, t1, { kind: 'database', spans: 0 }), seen('kafka:order-events', t0, t1, { kind: 'queue', spans: 0 })],
		[
			call('orders', 'postgresql:orders', t0, t1, { via: 'database', calls: 40, writes: 30, reads: 10 }),
			call('orders', 'kafka:order-events', t0, t1, { via: 'messaging', calls: 20 }),
			call('billing', 'kafka:order-events', t0, t1, { via: 'messaging', calls: 20, consumerCalls: 20, errors: 4 }),
			call('billing', 'postgresql:orders', t0, t1, { via: 'database', calls: 5, reads: 5 }),
			call('picking', 'kafka:order-events', t0, t1, { via: 'messaging', calls: 18, consumerCalls: 18 }),
			call('reporting', 'postgresql:orders', t0, t1, { via: 'database', calls: 3, reads: 3 }),
		],
	);
	const model = mergeModel(content(notes, [team('commerce'), team('fulfilment'), team('data')]), telemetry, { buildId: 'b', now, staleAfterDays: 90 });
	return modelSchema.parse(model);
}

describe('dataResources', () => {
	it('lists writers and readers of each store and queue, the busiest first, and labels the use nothing declares', () => {
		const [first, second] = dataResources(shop());
		expect(first!.resource.name).toBe('kafka:order-events');
		expect(first!.writers.map((u) => [u.service, u.uses])).toEqual([['orders', ['publishes']]]);
		expect(first!.readers.map((u) => [u.service, u.uses])).toEqual([['billing', ['consumes']], ['picking', ['consumes']]]);
		expect(first!.documented).toBe(true);
		// orders both writes and reads its table: it is in both lists.
		expect(second!.resource.name).toBe('postgresql:orders');
		expect(second!.writers.map((u) => u.service)).toEqual(['orders']);
		expect(second!.readers.map((u) => u.service)).toEqual(['orders', 'billing', 'reporting']);
		expect(second!.users).toBe(3);
		expect(second!.rows.map((u) => u.service)).toEqual(['orders', 'billing', 'reporting']);
		expect(second!.readers.find((u) => u.service === 'reporting')!.status).toBe('hidden');
		expect(second!.shared).toBe(true);
		expect(second!.documented).toBe(false);
	});

	it('bounds the resources and the users it lists, counting the rest', () => {
		const model = shop();
		const readers = Array.from({ length: SHORT_LIST + 5 }, (_, i) => `reader-${i}`);
		const stores = Array.from({ length: VIEW_RESOURCES + 3 }, (_, i) => `redis:store-${i}`);
		const telemetry = snapshot(
			now,
			[...readers.map((r) => seen(r, t0, t1)), ...stores.map((s) => seen(s, t0, t1, { kind: 'database', spans: 0 }))],
			[...readers.map((r) => call(r, 'redis:store-0', t0, t1, { via: 'database', reads: 1 })), ...stores.slice(1).map((s) => call('reader-0', s, t0, t1, { via: 'database', writes: 1 }))],
		);
		const big = modelSchema.parse(mergeModel(content([], []), telemetry, { buildId: 'b', now, staleAfterDays: 90 }));
		const listed = dataResources(big);
		expect(listed).toHaveLength(VIEW_RESOURCES);
		expect(listed[0]!.resource.name).toBe('redis:store-0');
		expect(listed[0]!.readers).toHaveLength(SHORT_LIST);
		expect(listed[0]!.readerCount).toBe(readers.length);
		expect(listed[0]!.rows).toHaveLength(SHORT_LIST);
		expect(listed[0]!.users).toBe(readers.length);
		expect(dataResources(model).every((r) => r.writers.length <= SHORT_LIST)).toBe(true);
	});
});

describe('the other views\' rows', () => {
	it('puts the most depended on services first, failing and troubled edges first, and the least confident first', () => {
		const model = shop();
		// pricing has two callers, tax one; cart and checkout none, checkout received more calls.
		const calls = snapshot(
			now,
			['cart', 'checkout', 'pricing', 'tax', 'web'].map((name) => seen(name, t0, t1)),
			[call('cart', 'pricing', t0, t1, { calls: 5 }), call('checkout', 'pricing', t0, t1), call('cart', 'tax', t0, t1), call('web', 'checkout', t0, t1, { calls: 9 })],
		);
		const shopfront = modelSchema.parse(mergeModel(content([], []), calls, { buildId: 'b', now, staleAfterDays: 90 }));
		expect(busiestServices(shopfront).map((r) => [r.service.name, r.received])).toEqual([['pricing', 6], ['checkout', 9], ['tax', 1], ['cart', 0], ['web', 0]]);
		expect(busiestServices(model).every((r) => r.service.kind === 'service')).toBe(true);
		expect(edgesByTrouble(model)[0]).toMatchObject({ from: 'billing', to: 'kafka:order-events' });
		const unsure = leastConfident(model).map((s) => s.confidence!.confidence);
		expect(unsure).toEqual([...unsure].sort((a, b) => a - b));
	});

	it('knows which names each view anchors, and anchors a name once per page', () => {
		const names = anchoredNames(shop());
		expect([...names['data-flows']].sort()).toEqual(['billing', 'kafka:order-events', 'orders', 'picking', 'postgresql:orders', 'reporting']);
		expect(names.services.has('postgresql:orders')).toBe(false);
		// A caller in the reliability view's dependency rows is anchored there, even when no services table lists it.
		for (const e of edgesByTrouble(shop())) expect(names.reliability.has(e.from), e.from).toBe(true);
		const anchor = anchorOnce();
		expect([anchor('orders'), anchor('billing'), anchor('orders')]).toEqual(['svc-orders', 'svc-billing', undefined]);
	});
});

import { describe, expect, it } from 'vitest';
import { emptyCatalog } from '../catalogs/empty-catalog.ts';
import type { DeclaredUse } from '../notes/note-schema.ts';
import { checkDependencies } from './check-dependencies.ts';
import { describeServices } from './describe-services.ts';
import { mergeModel } from './merge-model.ts';
import { call, catalogEntity, note, seen, snapshot, team } from './test-helpers/model-inputs.ts';

const now = new Date('2026-11-23T12:00:00Z');
const options = { buildId: '20261123T120000Z', now, staleAfterDays: 90 };
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

// A note that names stores and uses, each on its own line after its `dependsOn:` lines.
function noteWith(service: string, dependsOn: string[], stores: DeclaredUse[], uses: DeclaredUse[]) {
	const base = note(service, 'team', '2026-11-01', dependsOn);
	const line = (from: number) => (_: unknown, i: number) => ({ line: from + i, column: 5 });
	return {
		...base,
		stores,
		uses,
		positions: { ...base.positions, stores: stores.map(line(20)), uses: uses.map(line(30)) },
	};
}

const beliefsOf = (...notes: ReturnType<typeof noteWith>[]) =>
	describeServices({ notes, teams: [team('team')], broken: [], problems: [] }, emptyCatalog(), null);

describe('stores and uses in notes', () => {
	it('declares each named store and use as a dependency, merged with a `dependsOn:` entry on the same name', () => {
		const beliefs = beliefsOf(
			noteWith(
				'checkout',
				['postgresql:orders', 'cart'],
				[{ name: 'postgresql:orders', uses: ['reads'] }],
				[
					{ name: 'kafka:orders', uses: ['publishes'] },
					{ name: 'kafka:orders', uses: ['consumes'] },
					{ name: 'api.stripe.com', uses: [] },
				],
			),
		);
		const dependsOn = beliefs.services[0]!.dependsOn;
		expect(dependsOn.map((d) => [d.name, d.from, d.declaredUses, d.usesAt && [d.usesAt.field, d.usesAt.at.line], d.at.line])).toEqual([
			['api.stripe.com', ['note'], [], ['uses', 32], 32],
			['cart', ['note'], [], null, 7],
			['kafka:orders', ['note'], ['publishes', 'consumes'], ['uses', 30], 30],
			// `dependsOn:` names it first: the dependency is that one, and `stores:` adds how.
			['postgresql:orders', ['note'], ['reads'], ['stores', 20], 6],
		]);
	});

	it('gives the model edge its declared uses: phantom when telemetry never saw it, observed uses winning when it did', () => {
		const beliefs = beliefsOf(
			noteWith('checkout', [], [{ name: 'postgresql:orders', uses: ['reads', 'writes'] }], [{ name: 'kafka:orders', uses: ['publishes'] }]),
			noteWith('accounting', [], [], [{ name: 'kafka:orders', uses: ['consumes'] }]),
		);
		const model = mergeModel(
			beliefs,
			snapshot(now, [seen('checkout', daysAgo(3), daysAgo(1)), seen('accounting', daysAgo(3), daysAgo(1)), seen('postgresql:orders', daysAgo(3), daysAgo(1), { kind: 'database', spans: 0 }), seen('redis:cart', daysAgo(3), daysAgo(1), { kind: 'database', spans: 0 })], [
				call('checkout', 'postgresql:orders', daysAgo(3), daysAgo(1), { calls: 10, reads: 10 }),
				call('accounting', 'redis:cart', daysAgo(3), daysAgo(1), { calls: 4, writes: 4 }),
			]),
			options,
		);
		const edges = Object.fromEntries(model.edges.map((e) => [`${e.from} > ${e.to}`, [e.status, e.declaredUses, e.uses]]));
		expect(edges).toEqual({
			'accounting > kafka:orders': ['phantom', ['consumes'], ['consumes']],
			// Nobody named it: a store telemetry saw touched stays hidden, as a service would.
			'accounting > redis:cart': ['hidden', [], ['writes']],
			'checkout > kafka:orders': ['phantom', ['publishes'], ['publishes']],
			// Telemetry saw only reads; the declared write is kept beside what was seen.
			'checkout > postgresql:orders': ['confirmed', ['reads', 'writes'], ['reads']],
		});
		expect(model.services.find((s) => s.name === 'kafka:orders')?.kind).toBe('queue');
	});
});

describe('a catalog entry that names its dependents (`dependencyOf`)', () => {
	it('declares each dependent\'s edge to it, described or not, with no uses, and gives the node its kind', () => {
		const ordersDb = catalogEntity('orders-db', {
			catalogKind: 'Resource',
			kind: 'database',
			file: 'catalogs/orders-db.yaml',
			dependencyOf: [
				{ name: 'cart', why: null, line: 9, column: 18 },
				{ name: 'billing', why: null, line: 9, column: 34 },
			],
		});
		const beliefs = describeServices({ notes: [], teams: [], broken: [], problems: [] }, { ...emptyCatalog(), entities: [catalogEntity('cart'), ordersDb] }, null);
		expect(beliefs.services.find((s) => s.name === 'cart')!.dependsOn).toEqual([
			{ name: 'orders-db', why: null, from: ['backstage'], at: { file: 'catalogs/orders-db.yaml', line: 9, column: 18 }, declaredUses: [], usesAt: null, expected: null },
		]);
		// Nothing describes billing: its declared dependency is kept apart, not made into a description.
		expect(beliefs.services.map((s) => s.name)).toEqual(['cart', 'orders-db']);
		expect([...beliefs.undescribed.keys()]).toEqual(['billing']);
		const model = mergeModel(beliefs, null, options);
		expect(model.edges.map((e) => [e.from, e.to, e.status, e.declaredBy, e.declaredUses])).toEqual([
			['billing', 'orders-db', 'phantom', ['backstage'], []],
			['cart', 'orders-db', 'phantom', ['backstage'], []],
		]);
		expect(model.services.find((s) => s.name === 'orders-db')?.kind).toBe('database');
		expect(model.couplings.map((c) => [c.resource, c.users.map((u) => u.service), c.documented])).toEqual([['orders-db', ['billing', 'cart'], true]]);
	});
});

describe('checkDependencies on stores and uses', () => {
	it('warns of a store or use only one note names and nothing else knows, suggesting the nearest known name (in dependency order)', () => {
		const beliefs = beliefsOf(
			noteWith('checkout', [], [{ name: 'postgresql:orders', uses: ['reads', 'writes'] }, { name: 'postgresql:ordrs', uses: ['reads'] }], [{ name: 'kafka:audit', uses: ['publishes'] }, { name: 'seen-host.example.com', uses: [] }]),
			noteWith('accounting', [], [{ name: 'postgresql:orders', uses: ['reads'] }], []),
		);
		const problems = checkDependencies(beliefs, new Set(['seen-host.example.com']));
		expect(problems.map((p) => [p.error.name, p.error.location?.line, p.error.message, p.error.hint])).toEqual([
			[
				'DeclaredUseUnknown',
				30,
				'`checkout` names `kafka:audit` in `uses:`, which no other note, no catalog and no telemetry knows.',
				'Check the name against telemetry (a database as `<db.system>:<db.name>`, a queue as `<messaging.system>:<destination>`), or describe it in a catalog.',
			],
			['DeclaredUseUnknown', 21, '`checkout` names `postgresql:ordrs` in `stores:`, which no other note, no catalog and no telemetry knows.', 'Did you mean `postgresql:orders`?'],
		]);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HalflifeError } from '../errors/halflife-error.ts';
import { checkPinnedFlows } from './check-pinned-flows.ts';
import { mergeModel } from './merge-model.ts';
import type { Model } from './model-schema.ts';
import { readingPath } from './reading-path.ts';
import { callerAfterCallee } from './test-helpers/callers-first.ts';
import { call, content, note, seen, snapshot, team } from './test-helpers/model-inputs.ts';

const now = new Date('2026-11-23T00:00:00Z');
const t = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

function modelOf(edges: ReturnType<typeof call>[], notes = [note('payments', 't', '2026-11-01')]): Model {
	const names = [...new Set(edges.flatMap((e) => [e.from, e.to]))];
	return mergeModel(content(notes, [team('t')]), snapshot(now, names.map((n) => seen(n, t(5), t(1))), edges), { buildId: 'x', now, staleAfterDays: 90 });
}

const shop = [
	call('web', 'gateway', t(5), t(1), { calls: 100 }),
	call('mobile', 'gateway', t(5), t(1), { calls: 40 }),
	call('gateway', 'checkout', t(5), t(1), { calls: 60 }),
	call('gateway', 'search', t(5), t(1), { calls: 30 }),
	call('checkout', 'payments', t(5), t(1), { calls: 20 }),
	call('checkout', 'cart', t(5), t(1), { calls: 50 }),
	call('cart', 'checkout', t(5), t(1), { calls: 5 }),
	call('search', 'cart', t(5), t(1), { calls: 5 }),
	call('batch', 'payments', t(5), t(1), { calls: 2 }),
];

describe('readingPath', () => {
	it('suggests, from each entry point, the chains that carry most successful calls, two per entry point at most', () => {
		const plan = readingPath(modelOf(shop));
		expect(plan.flows.map((f) => f.path.join(' → '))).toEqual([
			'web → gateway → checkout → cart', // cart → checkout would loop: the flow ends
			'mobile → gateway → checkout → cart',
			'batch → payments',
		]);
	});

	it('leaves out calls that mostly fail: a retry storm is not a main flow', () => {
		const storm = [...shop, call('notifier', 'push', t(5), t(1), { calls: 500, errors: 400 }), call('notifier', 'email', t(5), t(1), { calls: 10 })];
		const flows = readingPath(modelOf(storm)).flows.map((f) => f.path.join(' → '));
		expect(flows).not.toContain('notifier → push');
		expect(flows).toContain('notifier → email');
		expect(flows.every((f) => !f.includes('push'))).toBe(true);
	});

	it('weighs a flow through a critical (tier 1) service above a busier one through none', () => {
		const edges = [call('gateway', 'browse', t(5), t(1), { calls: 30 }), call('gateway', 'buy', t(5), t(1), { calls: 20 }), call('buy', 'payments', t(5), t(1), { calls: 20 })];
		const payments = { ...note('payments', 't', '2026-11-01'), tier: '1' };
		const flows = readingPath(modelOf(edges, [payments])).flows.map((f) => f.path.join(' → '));
		expect(flows).toEqual(['gateway → buy → payments', 'gateway → browse']);
	});

	it('puts the flows teams pin first, in their order, resolving aliases, and marks hops nothing connects', () => {
		const model = modelOf(shop, [{ ...note('payments', 't', '2026-11-01'), aliases: ['pay'] }]);
		const plan = readingPath(model, {
			pinned: [
				{ title: 'Paying', path: ['web', 'gateway', 'checkout', 'pay'], why: 'the money' },
				{ title: 'Odd', path: ['batch', 'search'], why: null },
			],
		});
		expect(plan.flows.slice(0, 2).map((f) => [f.title, f.path.join(' → '), f.pinned, f.unknownHops])).toEqual([
			['Paying', 'web → gateway → checkout → payments', true, []],
			['Odd', 'batch → search', true, [['batch', 'search']]],
		]);
		expect(plan.flows.slice(2).every((f) => !f.pinned)).toBe(true);
	});

	it('lists the most depended-on services, each before every service it calls, directly or not', () => {
		const plan = readingPath(modelOf(shop));
		// gateway reaches every other; search reaches checkout through cart; checkout and cart call each other (a loop,
		// where the most depended on comes first: a tie of two, so by name); both reach payments.
		expect(plan.services.map((s) => s.name)).toEqual(['gateway', 'search', 'cart', 'checkout', 'payments']);
		expect(plan.loops).toBe(true);
	});

	it('never puts a service before one that calls it, on any call graph', () => {
		const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
		const edge = fc.record({ from: fc.constantFrom(...names), to: fc.constantFrom(...names), calls: fc.integer({ min: 1, max: 100 }) });
		fc.assert(
			fc.property(fc.array(edge, { minLength: 1, maxLength: 30 }), (drawn) => {
				const edges = drawn.filter((e) => e.from !== e.to).map((e) => call(e.from, e.to, t(5), t(1), { calls: e.calls }));
				if (edges.length === 0) return;
				const model = modelOf(edges, []);
				const order = readingPath(model, { services: 8 }).services.map((s) => s.name);
				expect(callerAfterCallee(model, order)).toEqual([]);
			}),
			{ numRuns: 100 },
		);
	});
});

describe('checkPinnedFlows', () => {
	it('fails on a name nothing knows, saying which flow, which name and the nearest known one', () => {
		const model = modelOf(shop);
		expect(() => checkPinnedFlows(model, [{ title: 'Buying', path: ['gateway', 'chekout'], why: null }])).toThrow(HalflifeError);
		try {
			checkPinnedFlows(model, [{ title: 'Fine', path: ['web', 'gateway'], why: null }, { title: 'Buying', path: ['gateway', 'chekout'], why: null }]);
		} catch (error) {
			expect((error as HalflifeError).name).toBe('PinnedFlowUnknown');
			expect((error as HalflifeError).message).toBe('Flow `Buying` (start.flows[1]) passes through `chekout`, which no note, catalog or telemetry knows.');
			expect((error as HalflifeError).hint).toMatch(/^Did you mean `checkout`\?/);
		}
		expect(() => checkPinnedFlows(model, [{ title: 'Fine', path: ['web', 'gateway', 'checkout'], why: null }])).not.toThrow();
	});
});

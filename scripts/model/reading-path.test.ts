import { describe, expect, it } from 'vitest';
import { mergeModel } from './merge-model.ts';
import { readingPath } from './reading-path.ts';
import { call, content, note, seen, snapshot, team } from './test-helpers/model-inputs.ts';

const now = new Date('2026-11-23T00:00:00Z');
const t = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

describe('readingPath', () => {
	it('follows the busiest calls from each entry point, and orders the most depended-on services callers first', () => {
		const edges = [
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
		const names = ['web', 'mobile', 'gateway', 'checkout', 'search', 'payments', 'cart', 'batch'];
		const model = mergeModel(
			content([note('payments', 't', '2026-11-01')], [team('t')]),
			snapshot(now, names.map((n) => seen(n, t(5), t(1))), edges),
			{ buildId: 'x', now, staleAfterDays: 90 },
		);
		const plan = readingPath(model);
		expect(plan.flows.map((f) => f.path.join(' → '))).toEqual([
			'web → gateway → checkout → cart', // cart → checkout would loop: the flow ends
			'mobile → gateway → checkout → cart',
			'batch → payments',
		]);
		// Depended on: gateway 2, checkout 2, cart 2, payments 2, search 1; one hop from an entry: gateway and payments (via batch).
		expect(plan.services.map((s) => s.name)).toEqual(['gateway', 'payments', 'checkout', 'search', 'cart']);
	});
});

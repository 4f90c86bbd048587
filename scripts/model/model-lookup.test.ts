import { describe, expect, it } from 'vitest';
import { mergeModel } from './merge-model.ts';
import { modelLookup } from './model-lookup.ts';
import { call, content, note, seen, snapshot, team } from './test-helpers/model-inputs.ts';

const now = new Date('2026-11-23T00:00:00Z');
const t = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

function shop() {
	return mergeModel(
		content([note('checkout', 'commerce', '2026-11-01', ['cart']), note('cart', 'commerce', '2026-11-01')], [team('commerce', 'Commerce')]),
		snapshot(now, ['checkout', 'cart', 'ghost'].map((n) => seen(n, t(5), t(1))), [call('checkout', 'cart', t(5), t(1)), call('ghost', 'cart', t(5), t(1))]),
		{ buildId: 'x', now, staleAfterDays: 90 },
	);
}

describe('modelLookup', () => {
	it('gives each service the same edges, in the same order, as scanning the model would', () => {
		const model = shop();
		const lookup = modelLookup(model);
		for (const service of model.services) {
			expect(lookup.byName.get(service.name)).toBe(service);
			expect(lookup.touching(service.name)).toEqual(model.edges.filter((e) => e.from === service.name || e.to === service.name));
		}
		expect(lookup.touching('cart').length).toBe(2);
		expect(lookup.touching('nobody')).toEqual([]);
	});

	it('counts an edge from a service to itself once', () => {
		const model = shop();
		const loop = { ...model.edges[0]!, from: 'cart', to: 'cart' };
		const looped = { ...model, edges: [...model.edges, loop] };
		expect(modelLookup(looped).touching('cart').filter((e) => e === loop)).toHaveLength(1);
	});

	it('builds one lookup per model object', () => {
		const model = shop();
		expect(modelLookup(model)).toBe(modelLookup(model));
		expect(modelLookup({ ...model })).not.toBe(modelLookup(model));
	});
});

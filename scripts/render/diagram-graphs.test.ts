import { describe, expect, it } from 'vitest';
import { mergeModel } from '../model/merge-model.ts';
import { call, content, note, seen, snapshot, team } from '../model/test-helpers/model-inputs.ts';
import { teamNeighbourhoodDiagram } from './diagram-graphs.ts';

const now = new Date('2026-11-23T00:00:00Z');
const t = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

describe('teamNeighbourhoodDiagram', () => {
	it("draws a team's services and infrastructure, and folds every other team into one node", () => {
		const model = mergeModel(
			content(
				[
					note('checkout', 'commerce', '2026-11-01', ['cart', 'payments', 'postgresql:orders']),
					note('cart', 'commerce', '2026-11-01'),
					note('payments', 'money', '2026-11-01'),
					note('refunds', 'money', '2026-11-01'),
				],
				[team('commerce', 'Commerce'), team('money', 'Money')],
			),
			snapshot(now, ['checkout', 'cart', 'payments', 'refunds', 'ghost'].map((n) => seen(n, t(5), t(1))), [
				call('checkout', 'cart', t(5), t(1)),
				call('checkout', 'payments', t(5), t(1)),
				call('checkout', 'refunds', t(5), t(1)),
				call('ghost', 'cart', t(5), t(1)),
			]),
			{ buildId: 'x', now, staleAfterDays: 90 },
		);
		const graph = teamNeighbourhoodDiagram(model, model.teams.find((x) => x.id === 'commerce')!)!;
		expect(graph.nodes.map((n) => [n.id, n.label, n.href ?? null])).toEqual([
			['cart', 'cart', '/services/cart/'],
			['checkout', 'checkout', '/services/checkout/'],
			['team:money', 'Money', '/teams/money/'],
			['postgresql:orders', 'postgresql:orders', '/services/postgresql-orders/'],
			['team:', 'No owner', null],
		]);
		expect(graph.edges).toEqual([
			{ from: 'checkout', to: 'cart', status: 'confirmed' },
			{ from: 'checkout', to: 'postgresql:orders', status: 'phantom' },
			// payments (declared, seen) and refunds (seen, not declared): one line, hidden because of refunds.
			{ from: 'checkout', to: 'team:money', status: 'hidden', label: '2 dependencies' },
			{ from: 'team:', to: 'cart', status: 'hidden' },
		]);
		expect(teamNeighbourhoodDiagram(model, { ...model.teams[0]!, services: [] })).toBeNull();
	});
});

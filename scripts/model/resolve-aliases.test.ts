import { describe, expect, it } from 'vitest';
import { resolveAliases } from './resolve-aliases.ts';
import { call, seen, snapshot } from './test-helpers/model-inputs.ts';

const now = new Date('2026-11-23T00:00:00Z');

describe('resolveAliases', () => {
	it('folds every name of a service into one, keeping the names telemetry used', () => {
		const resolved = resolveAliases(
			snapshot(
				now,
				[
					seen('cart', '2026-11-17T00:00:00Z', '2026-11-18T00:00:00Z', { spans: 5, versions: ['2'], instances: 2 }),
					seen('basket', '2026-11-16T00:00:00Z', '2026-11-20T00:00:00Z', { spans: 7, versions: ['1'], instances: 3 }),
					seen('web', '2026-11-16T00:00:00Z', '2026-11-20T00:00:00Z'),
				],
				[
					call('web', 'basket', '2026-11-16T00:00:00Z', '2026-11-16T00:00:00Z', { calls: 3 }),
					call('web', 'cart', '2026-11-17T00:00:00Z', '2026-11-17T00:00:00Z', { calls: 4 }),
					call('basket', 'cart', '2026-11-17T00:00:00Z', '2026-11-17T00:00:00Z'),
				],
			),
			new Map([['basket', 'cart']]),
		);
		expect(resolved.services.map((s) => s.name)).toEqual(['cart', 'web']);
		expect(resolved.services[0]).toEqual({
			name: 'cart',
			rawNames: ['basket', 'cart'],
			kind: 'service',
			spans: 12,
			firstSeen: '2026-11-16T00:00:00Z',
			lastSeen: '2026-11-20T00:00:00Z',
			versions: ['1', '2'],
			// Two names are two deployments: their instances add up.
			instances: 5,
			rootSpans: 0,
		});
		// Both calls now land on cart (the merge sums them); the call between two names of cart is gone.
		expect(resolved.edges.map((e) => [e.from, e.to, e.calls])).toEqual([
			['web', 'cart', 3],
			['web', 'cart', 4],
		]);
	});

	it('marks a service seen only under its alias with that raw name', () => {
		const resolved = resolveAliases(snapshot(now, [seen('basket', '2026-11-16T00:00:00Z', '2026-11-20T00:00:00Z')], []), new Map([['basket', 'cart']]));
		expect(resolved.services.map((s) => [s.name, s.rawNames])).toEqual([['cart', ['basket']]]);
	});
});

import { describe, expect, it } from 'vitest';
import { mergeModel } from './merge-model.ts';
import { tierWeight } from './service-risk.ts';
import { call, content, note, seen, snapshot, team } from './test-helpers/model-inputs.ts';

const now = new Date('2026-11-23T00:00:00Z');
const at = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

describe('serviceRisks', () => {
	it('ranks a low-confidence service on every order above a better-known one many services call', () => {
		// The case: catalog (many callers, well known) ranked above tax-calculator (one caller, barely known).
		const callers = ['web', 'mobile', 'search', 'cart', 'admin'];
		const notes = [
			note('catalog', 'shop', '2026-11-01', []),
			note('tax-calculator', 'money', '2024-01-10', []),
			note('checkout', 'shop', '2026-11-01', ['tax-calculator']),
			...callers.map((name) => note(name, 'shop', '2026-11-01', ['catalog'])),
		];
		notes[1]!.tier = '1';
		const model = mergeModel(
			content(notes, [team('shop'), team('money')]),
			snapshot(now, ['catalog', 'tax-calculator', 'checkout', ...callers].map((name) => seen(name, at(40), at(1))), [
				...callers.map((name) => call(name, 'catalog', at(40), at(1), { calls: 2_000 })),
				call('checkout', 'tax-calculator', at(40), at(1), { calls: 500 }),
			]),
			{ buildId: 'b', now, staleAfterDays: 90 },
		);
		const risk = (name: string) => model.services.find((s) => s.name === name)!.risk!;
		expect(risk('catalog')).toMatchObject({ tierWeight: 1, callsReceived: 10_000 });
		expect(risk('tax-calculator')).toMatchObject({ tierWeight: 3, callsReceived: 500 });
		expect(risk('tax-calculator').score).toBeGreaterThan(risk('catalog').score);
		expect(risk('catalog').importance).toBeCloseTo(1 + 5 + Math.log10(10_001), 2);
	});

	it('reads the common ways owners write a tier, and weighs a service on its way out at half', () => {
		expect(tierWeight({ tier: 'Tier 1', lifecycle: null })).toBe(3);
		expect(tierWeight({ tier: 'critical', lifecycle: 'production' })).toBe(3);
		expect(tierWeight({ tier: '2', lifecycle: null })).toBe(2);
		expect(tierWeight({ tier: 'gold', lifecycle: null })).toBe(1);
		expect(tierWeight({ tier: '1', lifecycle: 'deprecated' })).toBe(0.5);
	});
});

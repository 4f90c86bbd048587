import { describe, expect, it } from 'vitest';
import { confidenceOptionsSchema } from '../config/confidence-options.ts';
import { mergeModel } from './merge-model.ts';
import { scoreParts } from './score-parts.ts';
import { call, content, note, seen, snapshot, team } from './test-helpers/model-inputs.ts';

const now = new Date('2026-11-23T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const date = (days: number) => daysAgo(days).slice(0, 10);
const confidence = confidenceOptionsSchema.parse({ halfLifeDays: { owner: 100, description: 100, note: 100, section: 100, dependency: 100 } });

describe('scoreParts', () => {
	it('takes the weakest part as the headline, so many seen calls cannot lift a stale note', () => {
		const claims = [
			{ kind: 'note' as const, confidence: 0.3 },
			...Array.from({ length: 9 }, () => ({ kind: 'dependency' as const, confidence: 0.97 })),
			{ kind: 'owner' as const, confidence: 0.8 },
		];
		expect(scoreParts(claims)).toMatchObject({ confidence: 0.3, weakest: 'prose', parts: { prose: { claims: 1 }, ownership: { confidence: 0.8 }, dependencies: { claims: 9 } } });
		// A plain mean would have said 0.88.
		expect(claims.reduce((a, c) => a + c.confidence, 0) / claims.length).toBeCloseTo(0.89, 2);
		expect(scoreParts([])).toEqual({ confidence: 0, weakest: null, parts: { prose: null, ownership: null, dependencies: null } });
	});
});

describe('nextActions', () => {
	it('ranks what would regain the most, each measured after the ones before it, with the file to edit', () => {
		// checkout: a 200-day-old note with a 400-day-old section, one hidden call (fraud), one declared call surely gone (loyalty).
		const checkout = { ...note('checkout', 'commerce', date(200), ['cart', 'loyalty'], 'Takes the order.'), sections: [{ heading: 'Incidents', depth: 2, line: 12, reviewed: date(400) }] };
		const model = mergeModel(
			content([checkout, note('cart', 'commerce', date(1))], [team('commerce')]),
			snapshot(now, [seen('checkout', daysAgo(6), daysAgo(1), { spans: 2_000 }), seen('cart', daysAgo(6), daysAgo(1)), seen('fraud', daysAgo(6), daysAgo(1))], [
				call('checkout', 'cart', daysAgo(6), daysAgo(1), { calls: 900 }),
				call('checkout', 'fraud', daysAgo(6), daysAgo(1), { calls: 40 }),
			]),
			{ buildId: 'b', now, staleAfterDays: 90, confidence },
		);
		const service = model.services.find((s) => s.name === 'checkout')!;
		const actions = service.confidence!.actions;
		expect(actions.map((a) => a.kind).sort()).toEqual(['declare', 'remove', 'review-note', 'review-section']);
		expect(actions.find((a) => a.kind === 'declare')).toMatchObject({ subject: 'fraud', file: 'notes/checkout.md', text: 'declare checkout → fraud', part: 'dependencies' });
		expect(actions.find((a) => a.kind === 'remove')).toMatchObject({ subject: 'loyalty', file: 'notes/checkout.md', text: 'remove the dependency on loyalty, seen by no build' });
		expect(actions.find((a) => a.kind === 'review-section')).toMatchObject({ subject: 'Incidents', text: 'review the “Incidents” section, 400 days old', part: 'prose' });
		// Each gain is measured after the actions before it, so they add up to what doing them all regains: every part ends at 1.
		// The weakest part caps the headline, so a step can gain nothing until another part catches up (two parts tied).
		expect(actions[0]!.gain).toBeGreaterThan(0);
		const total = actions.reduce((sum, a) => sum + a.gain, 0);
		expect(Math.abs(total - Math.round((1 - service.confidence!.confidence) * 100))).toBeLessThanOrEqual(actions.length);
	});

	it('asks for a note for a service nobody wrote about, and for an owner where none is named', () => {
		const model = mergeModel(
			content([{ ...note('cart', 'commerce', date(1)), owner: '' }], [team('commerce')]),
			snapshot(now, [seen('ghost', daysAgo(6), daysAgo(1)), seen('cart', daysAgo(6), daysAgo(1))], [call('ghost', 'cart', daysAgo(6), daysAgo(1), { calls: 5 })]),
			{ buildId: 'b', now, staleAfterDays: 90, confidence },
		);
		const actionsOf = (name: string) => model.services.find((s) => s.name === name)!.confidence!.actions;
		expect(actionsOf('ghost')).toEqual([
			{ kind: 'write-note', subject: 'ghost', file: null, text: 'write a note for ghost: its owner, what it does and the 1 dependency telemetry saw', gain: 100, part: 'prose', partGain: 100 },
		]);
		expect(actionsOf('cart')[0]).toMatchObject({ kind: 'name-owner', text: 'name an owner for cart', file: 'notes/cart.md', part: 'ownership', partGain: 100 });
		expect(actionsOf('cart')[0]!.gain).toBeGreaterThan(90);
	});
});

import { describe, expect, it } from 'vitest';
import { noteFrontmatterSchema } from '../notes/note-schema.ts';
import { mergeModel } from './merge-model.ts';
import type { Model } from './model-schema.ts';
import { call, content, note, seen, snapshot, team } from './test-helpers/model-inputs.ts';

const week = (n: number) => new Date(Date.UTC(2026, 10, 2 + 7 * n));
const at = (n: number, hours: number) => new Date(week(n).getTime() - hours * 3_600_000).toISOString();

// billing declares ledger; telemetry sees billing every week, and its call to ledger only in `seenIn`. The last build's model.
function lastModel(weeks: number, seenIn: readonly number[], dependency: { rare?: boolean; expectedEveryDays?: number | null }): Model {
	const billing = note('billing', 'money', '2026-10-20');
	billing.dependsOn = [{ name: 'ledger', why: null, rare: dependency.rare ?? false, expectedEveryDays: dependency.expectedEveryDays ?? null }];
	let previous: Model | null = null;
	for (let n = 0; n < weeks; n++) {
		const edges = seenIn.includes(n) ? [call('billing', 'ledger', at(n, 30), at(n, 20))] : [];
		previous = mergeModel(
			content([billing, note('ledger', 'money', '2026-10-20')], [team('money')]),
			snapshot(week(n), [seen('billing', at(n, 150), at(n, 1), { spans: 500 }), seen('ledger', at(n, 150), at(n, 1))], edges),
			{ buildId: `b${n}`, now: week(n), staleAfterDays: 90, previous },
		);
	}
	return previous!;
}
const history = (...args: Parameters<typeof lastModel>) => lastModel(...args).edges.find((e) => e.from === 'billing' && e.to === 'ledger')!;

describe('absence judged over how often a dependency is expected', () => {
	it('reads `rare` and `expectedEvery` from a note', () => {
		const parsed = noteFrontmatterSchema.parse({ service: 'billing', owner: 'money', dependsOn: ['cart', { name: 'ledger', expectedEvery: '30d' }, { name: 'fx', rare: true }] });
		expect(parsed.dependsOn).toEqual([
			{ name: 'cart', why: null, rare: false, expectedEveryDays: null },
			{ name: 'ledger', why: null, rare: false, expectedEveryDays: 30 },
			{ name: 'fx', why: null, rare: true, expectedEveryDays: null },
		]);
	});

	it('a monthly dependency seen three weeks ago is dormant and not yet due: its absence counts for nothing', () => {
		const monthly = history(4, [0], { expectedEveryDays: 30 });
		expect(monthly).toMatchObject({ status: 'dormant', expected: { rare: false, everyDays: 30 }, seenBefore: { build: 'b0', buildsAgo: 3 } });
		expect(monthly.absence).toMatchObject({ certainty: 0, interval: { everyDays: 30, overdue: false } });
		expect(monthly.absence!.basis).toBe('Expected every 30 days, and last seen 21 days ago: not due yet, so its absence says nothing.');
		// The same history without the interval: seen before, but 500 spans without a call make it 99% gone.
		const weekly = history(4, [0], {});
		expect(weekly.status).toBe('dormant');
		expect(weekly.absence!.certainty).toBeGreaterThan(0.99);
		// A dependency surely gone keeps absentFloor (60%) of the confidence the dormant one keeps whole: 0.96 × (1 − 0.4 × 1) = 0.58.
		expect(weekly.confidence!).toBeCloseTo(monthly.confidence! * (1 - 0.4 * weekly.absence!.certainty), 3);
		expect(monthly.confidence!).toBeGreaterThan(weekly.confidence! + 0.35);
	});

	it('is overdue once its interval has passed without a sighting', () => {
		const overdue = history(6, [0], { expectedEveryDays: 30 });
		expect(overdue.absence).toMatchObject({ interval: { everyDays: 30, overdue: true } });
		expect(overdue.absence!.certainty).toBeGreaterThan(0.99);
		expect(overdue.absence!.basis).toContain('Expected every 30 days, last seen 35 days ago: overdue.');
	});

	it('counts a rare dependency no build saw only by the share of its interval one window covers', () => {
		const rare = history(1, [], { rare: true });
		// 7-day window of a 90-day interval (confidence.rareEveryDays): 7/90 of 1 − 0.95^500 ≈ 100%, 8%.
		expect(rare.status).toBe('phantom');
		expect(rare.absence!.certainty).toBeCloseTo((1 - 0.95 ** 500) * (7 / 90), 3);
		expect(rare.absence!.basis).toContain('Marked rare (expected at least every 90 days, confidence.rareEveryDays) and seen by no build: this 7-day window covers 8% of that.');
	});
});

describe('a dormant dependency in the review queue', () => {
	it('is queued as gone once its absence is sure, and not while it is not yet due', () => {
		const queue = (model: Model) => model.teams.find((t) => t.id === 'money')!.queue.map((item) => [item.kind, item.service, item.subject, item.buildsOpen]);
		expect(queue(lastModel(3, [0], {}))).toEqual([['gone', 'billing', 'ledger', 2]]);
		expect(queue(lastModel(3, [0], { expectedEveryDays: 30 }))).toEqual([]);
		const billing = lastModel(3, [0], {}).services.find((s) => s.name === 'billing')!;
		expect(billing.confidence!.actions.map((a) => a.text)).toContain('remove the dependency on ledger, last seen 2 builds back');
	});
});

import { describe, expect, it } from 'vitest';
import { calibrationOf, scorePairs } from './calibration.ts';
import { mergeModel } from './merge-model.ts';
import type { Model } from './model-schema.ts';
import { call, content, note, seen, snapshot, team } from './test-helpers/model-inputs.ts';

const week = (n: number) => new Date(Date.UTC(2026, 10, 2 + 7 * n));
const at = (n: number, hours: number) => new Date(week(n).getTime() - hours * 3_600_000).toISOString();
const notes = content(
	[note('billing', 'money', '2026-10-20', ['ledger', 'tax']), note('shop', 'money', '2026-10-20', ['billing']), note('ledger', 'money', '2026-10-20'), note('tax', 'money', '2026-10-20')],
	[team('money', 'Money')],
);

// Week 0 sees billing call ledger only; week 1 sees it call tax only, and does not see shop at all.
function build(n: number, previous: Model | null, telemetry = true): Model {
	const services = ['billing', 'ledger', 'tax', ...(n === 0 ? ['shop'] : [])].map((name) => seen(name, at(n, 50), at(n, 1), { spans: 500 }));
	const edges = n === 0 ? [call('billing', 'ledger', at(0, 30), at(0, 20)), call('shop', 'billing', at(0, 30), at(0, 20))] : [call('billing', 'tax', at(1, 30), at(1, 20))];
	return mergeModel(notes, telemetry ? snapshot(week(n), services, edges) : null, { buildId: `b${n}`, now: week(n), staleAfterDays: 90, previous });
}
const confidenceOf = (model: Model, from: string, to: string) => model.edges.find((e) => e.from === from && e.to === to)!.confidence!;

describe('scorePairs', () => {
	it('gives the mean squared gap between confidence and outcome, and bins of 0.1 with 1 in the top one', () => {
		const scored = scorePairs([
			{ confidence: 0.9, seen: true },
			{ confidence: 0.9, seen: false },
			{ confidence: 0.2, seen: false },
			{ confidence: 1, seen: true },
		]);
		// (0.1² + 0.9² + 0.2² + 0²) / 4 = (0.01 + 0.81 + 0.04) / 4
		expect(scored.brier).toBeCloseTo(0.215, 10);
		expect(scored.pairs).toBe(4);
		expect(scored.bins).toEqual([
			{ from: 0.2, to: 0.3, pairs: 1, meanConfidence: 0.2, seenShare: 0 },
			{ from: 0.9, to: 1, pairs: 3, meanConfidence: 0.9333, seenShare: 0.6667 },
		]);
	});

	it('has no score and no bins without pairs', () => {
		expect(scorePairs([])).toEqual({ pairs: 0, brier: null, bins: [] });
	});
});

describe('calibrationOf', () => {
	it("checks each dependency the previous build declared against this build's telemetry, when its caller was seen in both", () => {
		const first = build(0, null);
		const second = build(1, first);
		const [ledger, tax] = [confidenceOf(first, 'billing', 'ledger'), confidenceOf(first, 'billing', 'tax')];
		// Seen at week 0, the ledger dependency was trusted more than the unseen tax one.
		expect(ledger).toBeGreaterThan(tax);
		// shop → billing is left out: shop was not seen in week 1, so its calls say nothing.
		const expected = ((ledger - 0) ** 2 + (tax - 1) ** 2) / 2;
		expect(second.calibration).toMatchObject({ previous: 'b0', pairs: 2 });
		expect(second.calibration!.brier).toBeCloseTo(expected, 4);
		expect(second.calibration!.bins.reduce((n, b) => n + b.pairs, 0)).toBe(2);
		expect(calibrationOf(first, second)).toEqual(second.calibration);
	});

	it('is null on a first build, and when either build had no telemetry', () => {
		const first = build(0, null);
		expect(first.calibration).toBeNull();
		expect(build(1, build(0, null, false)).calibration).toBeNull();
		expect(build(1, first, false).calibration).toBeNull();
	});
});

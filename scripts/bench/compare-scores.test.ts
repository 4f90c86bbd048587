import { beforeAll, describe, expect, it } from 'vitest';
import { realData } from '../../fixtures/real-data.ts';
import { confidenceOptionsSchema } from '../config/confidence-options.ts';
import { scoreConfidence } from '../model/score-confidence.ts';
import { captureBuilds, type BuildSequence } from './calibration-builds.ts';
import { compareScores } from './compare-scores.ts';

describe('compareScores on the 19 real TrainTicket captures', () => {
	let sequence: BuildSequence;
	beforeAll(async () => {
		sequence = await captureBuilds(realData('traces/csv/windows/trainticket-2023-01-29'));
	}, 120_000);

	it('builds one model per capture, each declaring what the one before saw', () => {
		expect(sequence.models).toHaveLength(19);
		const [first, second] = sequence.models;
		const seenFirst = first!.edges.filter((e) => e.observed).map((e) => `${e.from} → ${e.to}`).sort();
		expect(seenFirst.length).toBeGreaterThan(20);
		expect(second!.edges.filter((e) => e.declared).map((e) => `${e.from} → ${e.to}`).sort()).toEqual(seenFirst);
		// Rescoring a built model with the defaults gives back its own scores: what lets the other settings be compared on it.
		const third = sequence.models[2]!;
		const rescored = scoreConfidence(third, { confidence: confidenceOptionsSchema.parse({}), deploys: [] });
		expect(rescored.edges.map((e) => e.confidence)).toEqual(third.edges.map((e) => e.confidence));
	});

	it('gives a finite Brier score between 0 and 1 for every scorer, and a reliability table that counts every pair', () => {
		const result = compareScores(sequence);
		expect(result.pairs).toBeGreaterThan(300);
		expect(result.baseRate).toBeGreaterThan(0);
		expect(result.baseRate).toBeLessThan(1);
		expect(result.scorers[0]!.scorer).toBe('defaults');
		expect(result.scorers.map((s) => s.scorer)).toEqual(expect.arrayContaining(['review age alone', 'telemetry alone', 'base rate']));
		for (const scorer of result.scorers) {
			expect(scorer.pairs, scorer.scorer).toBe(result.pairs);
			expect(Number.isFinite(scorer.brier), scorer.scorer).toBe(true);
			expect(scorer.brier!).toBeGreaterThanOrEqual(0);
			expect(scorer.brier!).toBeLessThanOrEqual(1);
		}
		expect(result.bins.reduce((n, b) => n + b.pairs, 0)).toBe(result.pairs);
		// A constant scores exactly p(1 − p) in-sample; fitted on the other transitions it can only do a little worse.
		const rate = result.baseRate!;
		expect(result.scorers.find((s) => s.scorer === 'base rate')!.brier!).toBeGreaterThanOrEqual(rate * (1 - rate) - 1e-4);
	});
});

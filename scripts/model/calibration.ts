import type { Calibration, Model, ModelEdge } from './model-schema.ts';
import { roundTo } from '../lib/round-to.ts';

/** Width of a calibration bin: ten bins, as the reliability tables are read. */
export const CALIBRATION_BIN_WIDTH = 0.1;

/** One prediction checked: a confidence given at one build, and whether the next build saw the dependency. */
export interface CalibrationPair {
	confidence: number;
	seen: boolean;
}

/**
 * Checks the previous build's confidence in each dependency it declared against this build's
 * telemetry: a pair for each declared edge whose caller telemetry saw in both builds (a caller not
 * seen now says nothing about its calls), and that its note expects every window: one marked rare
 * or monthly is not predicted to be seen next week. Null on a first build or without telemetry in both.
 */
export function calibrationOf(previous: Model | null, model: Model): Calibration | null {
	const pairs = checkedPairs(previous, model);
	return pairs === null || previous === null ? null : { previous: previous.build.id, ...scorePairs(pairs) };
}

/** The pairs `calibrationOf` scores, each with the previous build's edge it checks; null when they cannot be had. */
export function checkedPairs(previous: Model | null, model: Model): (CalibrationPair & { edge: ModelEdge })[] | null {
	if (!previous || !previous.telemetry || !model.telemetry || previous.telemetry.emptyWindow || model.telemetry.emptyWindow) return null;
	const seenIn = (m: Model) => new Set(m.services.filter((s) => s.telemetry !== null).map((s) => s.name));
	const [before, now] = [seenIn(previous), seenIn(model)];
	const observed = new Set(model.edges.filter((e) => e.observed).map((e) => `${e.from}\u0000${e.to}`));
	return previous.edges
		.filter((e) => e.declared && e.expected === null && e.confidence !== null && before.has(e.from) && now.has(e.from))
		.map((edge) => ({ edge, confidence: edge.confidence!, seen: observed.has(`${edge.from}\u0000${edge.to}`) }));
}

/** The Brier score (mean squared gap between confidence and outcome; null without pairs) and the reliability bins of a set of pairs. */
export function scorePairs(pairs: readonly CalibrationPair[]): Omit<Calibration, 'previous'> {
	const brier = pairs.length === 0 ? null : round(pairs.reduce((sum, p) => sum + (p.confidence - (p.seen ? 1 : 0)) ** 2, 0) / pairs.length);
	const bins: Calibration['bins'] = [];
	const count = Math.round(1 / CALIBRATION_BIN_WIDTH);
	for (let i = 0; i < count; i++) {
		// A confidence of exactly 1 belongs to the top bin.
		const inBin = pairs.filter((p) => Math.min(count - 1, Math.floor(p.confidence * count)) === i);
		if (inBin.length === 0) continue;
		const mean = (values: number[]) => round(values.reduce((a, b) => a + b, 0) / values.length);
		bins.push({
			from: round(i / count),
			to: round((i + 1) / count),
			pairs: inBin.length,
			meanConfidence: mean(inBin.map((p) => p.confidence)),
			seenShare: mean(inBin.map((p) => (p.seen ? 1 : 0))),
		});
	}
	return { pairs: pairs.length, brier, bins };
}

const round = (value: number): number => roundTo(value, 4);

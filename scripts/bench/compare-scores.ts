import { confidenceOptionsSchema, type ConfidenceOptions } from '../config/confidence-options.ts';
import { checkedPairs, scorePairs, type CalibrationPair } from '../model/calibration.ts';
import type { Calibration, Model, ModelEdge } from '../model/model-schema.ts';
import type { BuildSequence } from './calibration-builds.ts';
import { rescorePairs } from './rescore-pairs.ts';

/** One way of scoring the dependencies a build declares, judged over every pair of consecutive builds. */
export interface ScorerResult {
	scorer: string;
	/** How it scores, in a few words. */
	how: string;
	pairs: number;
	brier: number | null;
}

/** What calibrating one sequence of builds found. */
export interface SequenceCalibration {
	name: string;
	builds: number;
	pairs: number;
	/** The share of pairs seen at the next build. */
	baseRate: number | null;
	/** Every scorer, the defaults first. */
	scorers: ScorerResult[];
	/** The defaults' reliability table over every pair. */
	bins: Calibration['bins'];
}

// One pair and what each scorer needs of it: the transition it is in, and the previous build's view of its edge.
interface Checked extends CalibrationPair {
	transition: number;
	edge: ModelEdge;
	reviewOnly: number;
}

const DEFAULTS = confidenceOptionsSchema.parse({});
const HALF_LIVES = [30, 45, 180, 365];
const SEEN_WEIGHTS = [0.95, 0.98, 0.99];
const ABSENT_FLOORS = [0, 0.1];

/**
 * Scores a sequence's declared dependencies each of several ways and judges every way by its Brier
 * score against whether the next build saw them: the defaults as built, the same rules with other
 * dependency half-lives and absence and deploy settings, and simpler baselines: review age alone,
 * telemetry alone (the seen share, after seen and after unseen, fitted on the other transitions) and
 * a constant (the base rate of the other transitions). Fitted baselines never see the transition they score.
 */
export function compareScores(sequence: BuildSequence): SequenceCalibration {
	const { models } = sequence;
	const variants: { scorer: string; how: string; options: ConfidenceOptions }[] = [
		...HALF_LIVES.map((days) => ({ scorer: `dependency half-life ${days} d`, how: `defaults, but a declared dependency halves every ${days} days`, options: { ...DEFAULTS, halfLifeDays: { ...DEFAULTS.halfLifeDays, dependency: days } } })),
		{ scorer: 'minCallShare 0.001', how: 'defaults, but an absence needs ten times the spans to be as sure', options: { ...DEFAULTS, minCallShare: 0.001 } },
		{ scorer: 'minCallShare 0.05', how: 'defaults, but an absence is sure five times sooner', options: { ...DEFAULTS, minCallShare: 0.05 } },
		{ scorer: 'perDeploy 1', how: 'defaults, but deploys since the review cost nothing', options: { ...DEFAULTS, perDeploy: 1 } },
		...SEEN_WEIGHTS.map((w) => ({ scorer: `seenWeight ${w}`, how: `defaults, but a dependency telemetry sees closes ${Math.round(w * 100)}% of the gap to certainty`, options: { ...DEFAULTS, seenWeight: w } })),
		...ABSENT_FLOORS.map((f) => ({ scorer: `absentFloor ${f}`, how: `defaults, but a dependency surely gone keeps ${Math.round(f * 100)}% of its confidence`, options: { ...DEFAULTS, absentFloor: f } })),
	];
	const checked: Checked[] = [];
	for (let t = 1; t < models.length; t++) {
		const [previous, model] = [models[t - 1]!, models[t]!];
		const pairs = checkedPairs(previous, model) ?? [];
		checked.push(...pairs.map((p) => ({ ...p, transition: t, reviewOnly: reviewAgeScore(previous, p.edge) })));
	}
	const rescored = variants.map((variant) => rescorePairs(sequence, variant.options));
	const seenShare = (pairs: readonly Checked[]) => (pairs.length === 0 ? 0.5 : pairs.filter((p) => p.seen).length / pairs.length);
	// Fitted on every other transition, so no baseline is scored on what it was fitted to.
	const others = (p: Checked) => checked.filter((o) => o.transition !== p.transition);
	const result = (scorer: string, how: string, pairs: readonly CalibrationPair[]): ScorerResult => ({ scorer, how, pairs: pairs.length, brier: scorePairs(pairs).brier });
	return {
		name: sequence.name,
		builds: models.length,
		pairs: checked.length,
		baseRate: checked.length === 0 ? null : seenShare(checked),
		scorers: [
			result('defaults', `as built: review age, deploys, then telemetry (seen ×${DEFAULTS.seenWeight} of the gap, unseen by how sure the absence is, down to ×${DEFAULTS.absentFloor})`, checked),
			...variants.map((variant, i) => result(variant.scorer, variant.how, rescored[i]!)),
			result('review age alone', 'one half-life decay since the review, no telemetry, no deploys', checked.map((p) => ({ confidence: p.reviewOnly, seen: p.seen }))),
			result('telemetry alone', 'the share seen next build after seen (or unseen) this build, on the other transitions', checked.map((p) => ({ confidence: seenShare(others(p).filter((o) => o.edge.observed === p.edge.observed)), seen: p.seen }))),
			result('base rate', 'one constant: the share seen next build, on the other transitions', checked.map((p) => ({ confidence: seenShare(others(p)), seen: p.seen }))),
		],
		bins: scorePairs(checked).bins,
	};
}

// The dependency claim's time decay alone, as the defaults date it (a review of unknown age counts as one half-life).
function reviewAgeScore(model: Model, edge: ModelEdge): number {
	const claim = model.services.find((s) => s.name === edge.from)?.confidence?.claims.find((c) => c.kind === 'dependency' && c.subject === edge.to);
	if (!claim || claim.ageDays === null || claim.halfLifeDays === null) return 0.5;
	return 0.5 ** (claim.ageDays / claim.halfLifeDays);
}

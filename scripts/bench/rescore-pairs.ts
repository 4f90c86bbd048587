import type { ConfidenceOptions } from '../config/confidence-options.ts';
import { checkedPairs, type CalibrationPair } from '../model/calibration.ts';
import { scoreConfidence } from '../model/score-confidence.ts';
import type { BuildSequence } from './calibration-builds.ts';

/** Every pair of consecutive builds of a sequence checked as `calibrationOf` checks them, the earlier build rescored with other confidence options. */
export function rescorePairs(sequence: BuildSequence, options: ConfidenceOptions): CalibrationPair[] {
	const pairs: CalibrationPair[] = [];
	for (let t = 1; t < sequence.models.length; t++) {
		const rescored = scoreConfidence(sequence.models[t - 1]!, { confidence: options, deploys: sequence.deploys });
		pairs.push(...(checkedPairs(rescored, sequence.models[t]!) ?? []));
	}
	return pairs;
}

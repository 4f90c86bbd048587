import type { ConfidencePart, ModelService } from '../../scripts/model/model-schema.ts';
import { CONFIDENCE_PARTS } from '../../scripts/model/score-parts.ts';
import { formatConfidence } from './format.ts';

/** What each part of a score is called on a page. */
export const PART_NAMES: Readonly<Record<ConfidencePart, string>> = { prose: 'Prose', ownership: 'Ownership', dependencies: 'Dependencies' };

/** The one sentence that says where a service's headline comes from: "as sure as its weakest part, the prose (35%)". */
export function headlineRule(confidence: NonNullable<ModelService['confidence']>): string {
	if (confidence.weakest === null) return 'Nothing is claimed about it, so nothing can be trusted.';
	const others = CONFIDENCE_PARTS
		.filter((part) => part !== confidence.weakest && confidence.parts[part] !== null)
		.map((part) => `${PART_NAMES[part].toLowerCase()} ${formatConfidence(confidence.parts[part]!.confidence)}`);
	const weakest = `${PART_NAMES[confidence.weakest].toLowerCase()} (${formatConfidence(confidence.confidence)})`;
	return `As sure as its weakest part, the ${weakest}${others.length > 0 ? `; ${others.join(', ')}` : ''}.`;
}

/** Below this, prose gets a notice above it: a reader should know before reading, not after. */
export const LOW_PROSE = 0.5;

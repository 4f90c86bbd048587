import type { ConfidenceOptions } from '../config/confidence-options.ts';
import type { ShiftOptions } from '../config/shift-options.ts';
import type { DeployEvent } from '../sources/deploys/read-deploys.ts';
import { calibrationOf } from './calibration.ts';
import { withEdgeHealth } from './edge-health.ts';
import type { Model } from './model-schema.ts';
import { scoreConfidence } from './score-confidence.ts';
import { withPreviousReviews } from './review-from-previous.ts';
import { withReviewQueues } from './review-queue.ts';
import { serviceRisks } from './service-risk.ts';

/** What judging a merged model needs: the previous build's model, and the rules. */
export interface JudgeOptions {
	/** The previous build's model, or null on a first build (or a `check`, which has no history). */
	previous: Model | null;
	confidence: ConfidenceOptions;
	shifts: ShiftOptions;
	deploys: readonly DeployEvent[];
}

/**
 * Everything the merge judges rather than collects, in the order each needs the last: how edges
 * moved since the previous build and what kind of review each note had, then confidence, then risk
 * (which reads confidence), then the teams' review queues (which read risk), and last how well the
 * previous build's confidence predicted this one's telemetry.
 */
export function judgeModel(model: Model, options: JudgeOptions): Model {
	const carried = withPreviousReviews(withEdgeHealth(model, options.previous, options.shifts), options.previous);
	const scored = scoreConfidence(carried, { confidence: options.confidence, deploys: options.deploys });
	const risks = serviceRisks(scored.services, scored.edges);
	const risked = { ...scored, services: scored.services.map((s) => ({ ...s, risk: s.kind === 'service' ? (risks.get(s.name) ?? null) : null })) };
	return { ...withReviewQueues(risked, options.previous), calibration: calibrationOf(options.previous, scored) };
}

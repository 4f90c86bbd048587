import type { ShiftOptions } from '../config/shift-options.ts';
import type { EdgeChange, ModelEdge, ShiftKind } from './model-schema.ts';

/** What `edgeShift` needs of an edge in one build: its counts, its p95, and how long its window was. */
export interface EdgeTraffic {
	calls: number;
	errors: number;
	p95: number | null;
	/** Median latency in milliseconds, or null when unknown. */
	p50: number | null;
	/** Length of the build's observation window in milliseconds, or null when unknown (the two are then taken as equal). */
	windowMs: number | null;
}

// How one kind of traffic compares: a finding, a change too thinly supported to be one, or neither.
type Verdict = 'shifted' | 'too-few' | 'steady';

/** The z score of a two-proportion test (pooled), 0 when either side has no calls or nothing varies. */
export function twoProportionZ(errorsA: number, callsA: number, errorsB: number, callsB: number): number {
	if (callsA === 0 || callsB === 0) return 0;
	const pooled = (errorsA + errorsB) / (callsA + callsB);
	const spread = Math.sqrt(pooled * (1 - pooled) * (1 / callsA + 1 / callsB));
	return spread === 0 ? 0 : (errorsB / callsB - errorsA / callsA) / spread;
}

/**
 * The z score of a change in call rate: given both counts, the later one is binomial on their sum
 * with the share its window takes of both windows, under "the rate did not change".
 */
export function rateChangeZ(callsA: number, windowA: number, callsB: number, windowB: number): number {
	const total = callsA + callsB;
	const share = windowB / (windowA + windowB);
	const spread = Math.sqrt(total * share * (1 - share));
	return spread === 0 ? 0 : (callsB - total * share) / spread;
}

/** Compares one edge's traffic in two builds by the rules in `options`: what shifted, and what changed on too few calls to tell. */
export function edgeShift(previous: string, before: EdgeTraffic, after: EdgeTraffic, options: ShiftOptions): EdgeChange {
	const verdicts: [ShiftKind, Verdict][] = [
		['calls', callsVerdict(before, after, options)],
		['errors', errorsVerdict(before, after, options)],
		['latency', latencyVerdict(before, after, options)],
	];
	return {
		previous,
		previousCalls: before.calls,
		errorShareBefore: share(before),
		errorShareAfter: share(after),
		p95Before: before.p95,
		p95After: after.p95,
		shifted: verdicts.filter(([, v]) => v === 'shifted').map(([kind]) => kind),
		tooFewCalls: verdicts.filter(([, v]) => v === 'too-few').map(([kind]) => kind),
	};
}

/** An edge's traffic as `edgeShift` reads it. */
export function trafficOf(edge: ModelEdge, windowMs: number | null): EdgeTraffic {
	return { calls: edge.calls, errors: edge.errors, p95: edge.latencyMs?.p95 ?? null, p50: edge.latencyMs?.p50 ?? null, windowMs };
}

/** Whether an edge failed often enough, on enough calls, to be marked failing. */
export function isFailing(edge: Pick<ModelEdge, 'calls' | 'errors'>, options: ShiftOptions): boolean {
	return edge.calls >= options.failingMinCalls && edge.errors / edge.calls >= options.failingErrorShare - 1e-9;
}

function share(traffic: EdgeTraffic): number | null {
	return traffic.calls === 0 ? null : traffic.errors / traffic.calls;
}

// Large enough and unlikely to be chance is a finding; large enough alone is "too few calls to tell".
function verdict(largeEnough: boolean, enoughCalls: boolean, z: number, options: ShiftOptions): Verdict {
	if (!largeEnough) return 'steady';
	return enoughCalls && Math.abs(z) >= options.minZ ? 'shifted' : 'too-few';
}

function errorsVerdict(before: EdgeTraffic, after: EdgeTraffic, options: ShiftOptions): Verdict {
	const a = share(before);
	const b = share(after);
	if (a === null || b === null) return 'steady';
	const enough = before.calls >= options.minCalls && after.calls >= options.minCalls;
	return verdict(Math.abs(b - a) >= options.minErrorShareChange - 1e-9, enough, twoProportionZ(before.errors, before.calls, after.errors, after.calls), options);
}

function callsVerdict(before: EdgeTraffic, after: EdgeTraffic, options: ShiftOptions): Verdict {
	// Both windows known: compare rates; otherwise the two windows are taken to be as long.
	const [windowA, windowB] = before.windowMs && after.windowMs ? [before.windowMs, after.windowMs] : [1, 1];
	const rateA = before.calls / windowA;
	const rateB = after.calls / windowB;
	if (rateA === 0 && rateB === 0) return 'steady';
	const ratio = rateA === 0 || rateB === 0 ? Infinity : Math.max(rateA / rateB, rateB / rateA);
	// The busier side must have enough calls: 3 calls against 0 is not a change in traffic.
	const enough = Math.max(before.calls, after.calls) >= options.minCalls;
	return verdict(ratio >= options.minCallsRatio, enough, rateChangeZ(before.calls, windowA, after.calls, windowB), options);
}

function latencyVerdict(before: EdgeTraffic, after: EdgeTraffic, options: ShiftOptions): Verdict {
	if (before.p95 === null || after.p95 === null) return 'steady';
	const direction = Math.sign(after.p95 - before.p95);
	if (!movedBy(before.p95, after.p95, options)) return 'steady';
	// Quantiles come without their samples, so no test applies. The p95 of a few dozen calls is
	// about their slowest one: it counts when the median moved the same way, or on many calls.
	const calls = Math.min(before.calls, after.calls);
	const medianToo = before.p50 !== null && after.p50 !== null && Math.sign(after.p50 - before.p50) === direction && movedBy(before.p50, after.p50, options);
	if (calls >= options.minP95Calls && (medianToo || calls >= options.minTailOnlyCalls)) return 'shifted';
	return 'too-few';
}

// A latency moved by the ratio and the milliseconds the options ask for.
function movedBy(before: number, after: number, options: ShiftOptions): boolean {
	const [low, high] = [Math.min(before, after), Math.max(before, after)];
	return high - low >= options.minP95ChangeMs && (low === 0 || high / low >= options.minP95Ratio);
}

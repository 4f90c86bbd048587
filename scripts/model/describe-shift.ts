import { plural } from '../lib/plural.ts';
import type { EdgeChange, ShiftKind } from './model-schema.ts';

const percent = (share: number | null) => (share === null ? 'none' : `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`);
const ms = (value: number | null) => (value === null ? 'unknown' : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);

/** One line on what moved on an edge, kinds in the order given: "errors 0.4% → 76% (380 calls before, 400 now)". */
export function describeShift(change: Omit<EdgeChange, 'previous'> & { calls: number }, kinds: readonly ShiftKind[]): string {
	const parts = kinds.map((kind) => {
		if (kind === 'errors') return `errors ${percent(change.errorShareBefore)} → ${percent(change.errorShareAfter)}`;
		if (kind === 'latency') return `p95 ${ms(change.p95Before)} → ${ms(change.p95After)}`;
		return `calls ${change.previousCalls} → ${change.calls}`;
	});
	return `${parts.join('; ')} (${plural(change.previousCalls, 'call')} before, ${change.calls} now)`;
}

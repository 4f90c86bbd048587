import { plural } from '../lib/plural.ts';
import type { EdgeChange, ShiftKind } from './model-schema.ts';

const percent = (share: number | null) => (share === null ? 'none' : `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`);
const ms = (value: number | null) => (value === null ? 'unknown' : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);

/**
 * One line on what moved on an edge, kinds in the order given: "errors 0.4% → 76% (380 calls before,
 * 400 now)". When retries are among the calls now, it says how many: more calls may be the same
 * requests sent again, not more traffic.
 */
export function describeShift(change: Omit<EdgeChange, 'previous'> & { calls: number; retries?: number }, kinds: readonly ShiftKind[]): string {
	const parts = kinds.map((kind) => {
		if (kind === 'errors') return `errors ${percent(change.errorShareBefore)} → ${percent(change.errorShareAfter)}`;
		if (kind === 'latency') return `p95 ${ms(change.p95Before)} → ${ms(change.p95After)}`;
		return `calls ${change.previousCalls} → ${change.calls}`;
	});
	const retried = change.retries ? `, ${change.retries} of them retries` : '';
	return `${parts.join('; ')} (${plural(change.previousCalls, 'call')} before, ${change.calls} now${retried})`;
}

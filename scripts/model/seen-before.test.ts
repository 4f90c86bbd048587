import { describe, expect, it } from 'vitest';
import { mergeModel } from './merge-model.ts';
import { call, content, note, seen, snapshot, team } from './test-helpers/model-inputs.ts';

const week = (n: number) => new Date(Date.UTC(2026, 10, 2 + 7 * n));
const at = (n: number, hours: number) => new Date(week(n).getTime() - hours * 3_600_000).toISOString();

// billing calls ledger in week 0 only, a month-end job; its note declares it every week.
function build(n: number, previous: ReturnType<typeof mergeModel> | null) {
	const edges = n === 0 ? [call('billing', 'ledger', at(0, 30), at(0, 20))] : [];
	const model = mergeModel(
		content([note('billing', 'money', '2026-10-20', ['ledger']), note('ledger', 'money', '2026-10-20')], [team('money', 'Money')]),
		snapshot(week(n), [seen('billing', at(n, 50), at(n, 1)), seen('ledger', at(n, 50), at(n, 1))], edges),
		{ buildId: `b${n}`, now: week(n), staleAfterDays: 90, previous },
	);
	return model;
}
const edgeOf = (model: ReturnType<typeof build>) => model.edges.find((e) => e.from === 'billing' && e.to === 'ledger')!;

describe('seenBefore', () => {
	it('carries when an earlier build last saw a dependency, one build further back each build it stays unseen', () => {
		const first = build(0, null);
		expect(edgeOf(first)).toMatchObject({ observed: true, seenBefore: null });
		const second = build(1, first);
		expect(edgeOf(second)).toMatchObject({ status: 'dormant', seenBefore: { lastSeen: at(0, 20), build: 'b0', buildsAgo: 1 } });
		const fourth = build(3, build(2, second));
		expect(edgeOf(fourth).seenBefore).toEqual({ lastSeen: at(0, 20), build: 'b0', buildsAgo: 3 });
	});

	it('says nothing on a first build, or of a dependency no build has seen', () => {
		expect(edgeOf(build(1, null)).seenBefore).toBeNull();
		const never = build(2, build(1, null));
		expect(edgeOf(never)).toMatchObject({ status: 'phantom', seenBefore: null });
	});
});

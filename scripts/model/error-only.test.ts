import { describe, expect, it } from 'vitest';
import { errorOnlyPaths } from './error-only.ts';

const edge = (from: string, to: string, calls: number, errorTraceCalls: number, observed = true) => ({ from, to, calls, errorTraceCalls, observed });
const names = (found: ReturnType<typeof errorOnlyPaths>) => ({ edges: [...found.edges].map((e) => `${e.from} -> ${e.to}`).sort(), callees: [...found.callees].sort() });

describe('errorOnlyPaths', () => {
	it('flags a fallback whose caller mostly succeeds, judged by the requests it received, and the node only it reaches', () => {
		const found = errorOnlyPaths([
			edge('payments', 'stripe', 40, 6),
			edge('payments', 'postgres', 80, 12),
			edge('payments', 'adyen', 6, 6),
			edge('checkout', 'payments', 40, 6),
		]);
		// Of 7 requests 3 failed, and the fallback was in all 3: 1 in 35 by chance.
		expect(names(errorOnlyPaths([edge('checkout', 'payments', 7, 3), edge('payments', 'stripe', 7, 3), edge('payments', 'adyen', 3, 3)])).edges).toEqual(['payments -> adyen']);
		// Of 4 requests 2 failed, fallback in both: 1 in 6.
		expect(names(errorOnlyPaths([edge('checkout', 'payments', 4, 2), edge('payments', 'stripe', 4, 2), edge('payments', 'adyen', 2, 2)])).edges).toEqual([]);
		expect(names(found)).toEqual({ edges: ['payments -> adyen'], callees: ['adyen'] });
	});

	it('does not call a path error-only when its few calls fell in failing traces because most of the caller’s traffic failed', () => {
		// 80% of notifications' other calls were in failing traces: 3 calls all landing there is likely (0.8³ ≈ 0.5).
		const found = errorOnlyPaths([edge('notifications', 'push', 50, 40), edge('notifications', 'sms', 3, 3), edge('sms', 'twilio', 3, 3)]);
		expect(names(found)).toEqual({ edges: [], callees: [] });
	});

	it('needs enough calls: one call in a failing trace proves nothing, six do', () => {
		const caller = [edge('a', 'b', 100, 30)];
		expect(names(errorOnlyPaths([...caller, edge('a', 'fallback', 1, 1)])).edges).toEqual([]);
		expect(names(errorOnlyPaths([...caller, edge('a', 'fallback', 6, 6)])).edges).toEqual(['a -> fallback']);
	});

	it('judges a caller with no other calls by the calls it received, and ignores edges nobody saw', () => {
		const found = errorOnlyPaths([
			edge('gateway', 'worker', 100, 2),
			edge('worker', 'dlq', 5, 5),
			edge('other', 'dlq', 0, 0, false),
			edge('worker', 'db', 100, 2),
		]);
		expect(names(found)).toEqual({ edges: ['worker -> dlq'], callees: ['dlq'] });
		// A node also reached in clean traces is not error-only, even when one caller's calls all failed.
		expect(names(errorOnlyPaths([edge('a', 'b', 100, 1), edge('a', 'fb', 6, 6), edge('c', 'fb', 50, 1), edge('c', 'x', 50, 1)])).callees).toEqual([]);
	});
});

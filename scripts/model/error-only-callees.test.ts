import { describe, expect, it } from 'vitest';
import { errorOnlyCallees } from './error-only-callees.ts';

const edge = (to: string, calls: number, errorTraceCalls: number, observed = true) => ({ to, calls, errorTraceCalls, observed });

describe('errorOnlyCallees', () => {
	it('names a node only called in failing traces, by every caller, and not one also called in clean ones', () => {
		const names = errorOnlyCallees([
			edge('fallback-pricing', 4, 4),
			edge('fallback-pricing', 2, 2),
			edge('pricing', 50, 4),
			edge('dlq', 3, 3),
			edge('dlq', 1, 0),
			edge('declared-only', 0, 0, false),
		]);
		expect([...names]).toEqual(['fallback-pricing']);
	});
});

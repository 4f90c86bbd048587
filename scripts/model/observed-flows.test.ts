import { describe, expect, it } from 'vitest';
import { callsReceived, observedFlows } from './observed-flows.ts';

const edge = (from: string, to: string, calls: number, consumerCalls = 0) => ({ from, to, calls, consumerCalls });

describe('observedFlows', () => {
	it('turns a consumer reading a queue into a flow from the queue, adds up one pair seen several ways, and drops self-calls', () => {
		const flows = observedFlows([
			edge('orders', 'kafka:orders', 10),
			edge('billing', 'kafka:orders', 8, 8),
			edge('web', 'orders', 4),
			edge('web', 'orders', 3),
			edge('web', 'web', 2),
			// A service writing to and reading from one queue: both directions.
			edge('audit', 'kafka:audit', 5, 2),
		]);
		expect(flows).toEqual([
			{ from: 'audit', to: 'kafka:audit', calls: 3 },
			{ from: 'kafka:audit', to: 'audit', calls: 2 },
			{ from: 'kafka:orders', to: 'billing', calls: 8 },
			{ from: 'orders', to: 'kafka:orders', calls: 10 },
			{ from: 'web', to: 'orders', calls: 7 },
		]);
		expect(Object.fromEntries(callsReceived(flows))).toEqual({ 'kafka:audit': 3, audit: 2, billing: 8, 'kafka:orders': 10, orders: 7 });
	});
});

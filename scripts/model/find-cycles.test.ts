import { describe, expect, it } from 'vitest';
import { findCycles } from './find-cycles.ts';
import { observedFlows } from './observed-flows.ts';

const flow = (from: string, to: string) => ({ from, to, calls: 1 });

describe('findCycles', () => {
	it('finds each group of nodes that reach each other, sorted, and nothing in a tree', () => {
		const flows = [flow('a', 'b'), flow('b', 'c'), flow('c', 'a'), flow('c', 'd'), flow('d', 'e'), flow('x', 'y'), flow('y', 'x'), flow('web', 'a')];
		expect(findCycles(flows)).toEqual([
			['a', 'b', 'c'],
			['x', 'y'],
		]);
		expect(findCycles([flow('web', 'api'), flow('api', 'db'), flow('web', 'db')])).toEqual([]);
	});

	it('finds a loop through a queue: a consumer that calls back the producer', () => {
		const flows = observedFlows([
			{ from: 'orders', to: 'kafka:orders', calls: 5, consumerCalls: 0 },
			{ from: 'billing', to: 'kafka:orders', calls: 5, consumerCalls: 5 },
			{ from: 'billing', to: 'orders', calls: 5, consumerCalls: 0 },
		]);
		expect(findCycles(flows)).toEqual([['billing', 'kafka:orders', 'orders']]);
		// Without the call back, producer and consumer only share the queue: no cycle.
		expect(findCycles(flows.filter((f) => !(f.from === 'billing' && f.to === 'orders')))).toEqual([]);
	});

	it('stays bounded: a chain of 50,000 nodes closed into one loop, and a limit on how many are listed', () => {
		const n = 50_000;
		const ring = Array.from({ length: n }, (_, i) => flow(`s${i}`, `s${(i + 1) % n}`));
		const [cycle] = findCycles(ring);
		expect(cycle).toHaveLength(n);
		const pairs = Array.from({ length: 30 }, (_, i) => [flow(`p${i}a`, `p${i}b`), flow(`p${i}b`, `p${i}a`)]).flat();
		expect(findCycles(pairs, 10)).toHaveLength(10);
	});
});

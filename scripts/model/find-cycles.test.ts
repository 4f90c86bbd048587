import { describe, expect, it } from 'vitest';
import { findCycles, MAX_DRAWN_LOOP, MAX_DRAWN_MEMBERS } from './find-cycles.ts';
import { observedFlows } from './observed-flows.ts';

const flow = (from: string, to: string, calls = 1) => ({ from, to, calls });
const members = (flows: Parameters<typeof findCycles>[0], limit?: number) => findCycles(flows, limit).map((c) => c.members);

describe('findCycles', () => {
	it('finds each group of nodes that reach each other, the largest first, and nothing in a tree', () => {
		const flows = [flow('a', 'b'), flow('b', 'c'), flow('c', 'a'), flow('c', 'd'), flow('d', 'e'), flow('x', 'y'), flow('y', 'x'), flow('web', 'a')];
		expect(findCycles(flows)).toEqual([
			{ members: ['a', 'b', 'c'], flows: [flow('a', 'b'), flow('b', 'c'), flow('c', 'a')] },
			{ members: ['x', 'y'], flows: [flow('x', 'y'), flow('y', 'x')] },
		]);
		expect(findCycles([flow('web', 'api'), flow('api', 'db'), flow('web', 'db')])).toEqual([]);
	});

	it('finds a loop through a queue, drawn the way the messages go: a consumer that calls back the producer', () => {
		const flows = observedFlows([
			{ from: 'orders', to: 'kafka:orders', calls: 5, consumerCalls: 0 },
			{ from: 'billing', to: 'kafka:orders', calls: 5, consumerCalls: 5 },
			{ from: 'billing', to: 'orders', calls: 3, consumerCalls: 0 },
		]);
		expect(findCycles(flows)).toEqual([
			{
				members: ['billing', 'kafka:orders', 'orders'],
				flows: [flow('billing', 'orders', 3), flow('kafka:orders', 'billing', 5), flow('orders', 'kafka:orders', 5)],
			},
		]);
		// Without the call back, producer and consumer only share the queue: no cycle.
		expect(findCycles(flows.filter((f) => !(f.from === 'billing' && f.to === 'orders')))).toEqual([]);
	});

	it('draws a large group as the shortest loop through its busiest member', () => {
		// A ring of 20 with a shortcut back to the busiest node, hub: the loop drawn is hub → r1 → r2 → hub.
		const ring = Array.from({ length: 20 }, (_, i) => flow(i === 0 ? 'hub' : `r${i}`, i === 19 ? 'hub' : `r${i + 1}`));
		const flows = [...ring, flow('r2', 'hub', 50)];
		const [cycle] = findCycles(flows);
		expect(cycle!.members).toHaveLength(20);
		expect(cycle!.members.length).toBeGreaterThan(MAX_DRAWN_MEMBERS);
		expect(cycle!.flows).toEqual([flow('hub', 'r1'), flow('r1', 'r2'), flow('r2', 'hub', 50)]);
	});

	it('draws no loop longer than a reader can follow', () => {
		const ring = (n: number) => Array.from({ length: n }, (_, i) => flow(`s${i}`, `s${(i + 1) % n}`));
		expect(findCycles(ring(MAX_DRAWN_LOOP))[0]!.flows).toHaveLength(MAX_DRAWN_LOOP);
		expect(findCycles(ring(MAX_DRAWN_LOOP + 1))[0]!.flows).toEqual([]);
	});

	it('stays bounded: a chain of 50,000 nodes closed into one loop, and a limit on how many are listed', () => {
		const n = 50_000;
		const ring = Array.from({ length: n }, (_, i) => flow(`s${i}`, `s${(i + 1) % n}`));
		const [cycle] = findCycles(ring);
		expect(cycle!.members).toHaveLength(n);
		expect(cycle!.flows).toEqual([]);
		const pairs = Array.from({ length: 30 }, (_, i) => [flow(`p${i}a`, `p${i}b`), flow(`p${i}b`, `p${i}a`)]).flat();
		expect(members(pairs, 10)).toHaveLength(10);
	});
});

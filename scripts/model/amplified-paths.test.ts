import { describe, expect, it } from 'vitest';
import { amplifiedPaths } from './amplified-paths.ts';

const flow = (from: string, to: string, calls: number) => ({ from, to, calls });

describe('amplifiedPaths', () => {
	it('multiplies calls per call received from an entry point to a leaf, largest first, only where calls multiply', () => {
		const flows = [
			flow('web', 'checkout', 100),
			flow('checkout', 'inventory', 300),
			flow('inventory', 'inventory-db', 1400),
			flow('checkout', 'payments', 100),
			flow('web', 'search', 50),
			flow('search', 'index', 25),
		];
		const paths = amplifiedPaths(flows);
		expect(paths.map((p) => [p.path.join('>'), p.amplification])).toEqual([
			// 3 calls to inventory per checkout call, 1400/300 to the database per inventory call: 14.
			['web>checkout>inventory>inventory-db', 14],
		]);
		expect(paths[0]!.hops).toEqual([
			{ from: 'web', to: 'checkout', calls: 100, amplification: null },
			{ from: 'checkout', to: 'inventory', calls: 300, amplification: 3 },
			{ from: 'inventory', to: 'inventory-db', calls: 1400, amplification: 4.6667 },
		]);
	});

	it('follows simple paths through a loop, and keeps only the best few', () => {
		const loop = [flow('gw', 'a', 10), flow('a', 'b', 40), flow('b', 'a', 20), flow('b', 'leaf', 80)];
		// a received 10 + 20; b received 40.
		expect(amplifiedPaths(loop).map((p) => [p.path.join('>'), p.amplification])).toEqual([['gw>a>b>leaf', 2.6667]]);
		const fan = Array.from({ length: 50 }, (_, i) => [flow('gw', `s${i}`, 1), flow(`s${i}`, `db${i}`, i + 2)]).flat();
		const best = amplifiedPaths(fan, 5);
		expect(best.map((p) => p.amplification)).toEqual([51, 50, 49, 48, 47]);
	});
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { busiestNode, clusterGraph, type Cluster } from './cluster-graph.ts';
import { realData } from '../../fixtures/real-data.ts';

const JAEGER = realData('graphs/jaeger-dependencies/jaeger-ui_sample_large.json');

const clique = (prefix: string, size: number) =>
	Array.from({ length: size }, (_, i) => Array.from({ length: size - i - 1 }, (_, j) => [`${prefix}${i + 1}`, `${prefix}${i + j + 2}`] as const)).flat();

// Every node in exactly one cluster, none over the cap.
function expectPartition(clusters: Cluster[], nodes: Iterable<string>, cap: number) {
	const all = clusters.flatMap((c) => c.nodes);
	expect(new Set(all).size).toBe(all.length);
	expect(new Set(all)).toEqual(new Set(nodes));
	for (const cluster of clusters) {
		expect(cluster.nodes.length).toBeGreaterThan(0);
		expect(cluster.nodes.length).toBeLessThanOrEqual(cap);
		expect(cluster.nodes).toContain(cluster.hub);
	}
}

// A small deterministic generator, so the property tests below see the same graphs every run.
function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function shuffled<T>(items: T[], next: () => number): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

describe('clusterGraph', () => {
	it('keeps a component that fits whole, named after its busiest node', () => {
		const clusters = clusterGraph(['cart', 'checkout', 'payments', 'stock'], [['checkout', 'cart'], ['checkout', 'payments'], ['cart', 'stock']], 4);
		expect(clusters).toEqual([{ nodes: ['cart', 'checkout', 'payments', 'stock'], kind: 'cluster', hub: 'cart', spilledFrom: [], components: 1 }]);
	});

	it('splits a star bigger than the cap: the hub with the first leaves, the rest beside it', () => {
		const leaves = Array.from({ length: 10 }, (_, i) => `l${String(i + 1).padStart(2, '0')}`);
		const clusters = clusterGraph(['h', ...leaves], leaves.map((l) => ['h', l] as const), 4);
		expect(clusters.map((c) => [c.kind, c.nodes, c.spilledFrom])).toEqual([
			['cluster', ['h', 'l01', 'l02', 'l03'], []],
			['overflow', ['l04', 'l05', 'l06', 'l07'], ['h']],
			['overflow', ['l08', 'l09', 'l10'], ['h']],
		]);
	});

	it('cuts two cliques at the bridge between them', () => {
		const clusters = clusterGraph(['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'b4'], [...clique('a', 4), ...clique('b', 4), ['a1', 'b1']], 4);
		expect(clusters.map((c) => c.nodes)).toEqual([
			['a1', 'a2', 'a3', 'a4'],
			['b1', 'b2', 'b3', 'b4'],
		]);
	});

	it('packs small components into one picture rather than one each', () => {
		const clusters = clusterGraph(['w', 'x1', 'x2', 'y1', 'y2', 'z1', 'z2'], [['x1', 'x2'], ['y1', 'y2'], ['z2', 'z1']], 12);
		expect(clusters).toEqual([{ nodes: ['w', 'x1', 'x2', 'y1', 'y2', 'z1', 'z2'], kind: 'islands', hub: 'x1', spilledFrom: [], components: 4 }]);
		// One lone node is a cluster of its own, not islands.
		expect(clusterGraph(['solo'], [], 30)).toEqual([{ nodes: ['solo'], kind: 'cluster', hub: 'solo', spilledFrom: [], components: 1 }]);
	});

	it('ignores self-calls, repeated links and links to nodes outside the set', () => {
		const clusters = clusterGraph(['a', 'b'], [['a', 'a'], ['a', 'b'], ['b', 'a'], ['a', 'elsewhere']], 30);
		expect(clusters.map((c) => c.nodes)).toEqual([['a', 'b']]);
		expect(clusterGraph([], [], 30)).toEqual([]);
		expect(() => clusterGraph(['a'], [], 0)).toThrow(/positive integer/);
	});

	it('places every node exactly once within the cap, the same whatever the input order', () => {
		for (const seed of [1, 2, 3, 4, 5, 6]) {
			const next = random(seed);
			const nodes = Array.from({ length: 60 + Math.floor(next() * 200) }, (_, i) => `s${i}`);
			// Preferential attachment: a few hubs and many leaves, like real call graphs.
			const links: [string, string][] = [];
			for (const [i, node] of nodes.entries()) {
				if (i === 0 || next() < 0.05) continue;
				const calls = 1 + Math.floor(next() * 3);
				for (let k = 0; k < calls; k++) links.push([node, nodes[Math.floor(next() ** 3 * i)]!]);
			}
			for (const cap of [3, 10, 30]) {
				const clusters = clusterGraph(nodes, links, cap);
				expectPartition(clusters, nodes, cap);
				expect(clusterGraph(shuffled(nodes, next), shuffled(links, next).map(([a, b]) => (next() < 0.5 ? [a, b] : [b, a])), cap)).toEqual(clusters);
			}
		}
	});

	it('splits the real 1,238-service Jaeger graph into a few dozen pictures of at most 30', () => {
		const raw = JSON.parse(readFileSync(JAEGER, 'utf8')) as { parent: string; child: string }[];
		const links = raw.map((l) => [l.parent, l.child] as const);
		const nodes = new Set(links.flat());
		const clusters = clusterGraph(nodes, links, 30);
		expectPartition(clusters, nodes, 30);
		// 1,238 / 30 is 42 at best; a hub with 233 neighbours cannot share one picture with them all.
		expect(clusters.length).toBeGreaterThanOrEqual(42);
		expect(clusters.length).toBeLessThanOrEqual(60);
		// The busiest service of the whole graph names the first cluster.
		expect(clusters[0]!.hub).toBe(busiestNode([...nodes], links));
		expect(clusterGraph([...nodes].reverse(), [...links].reverse(), 30)).toEqual(clusters);
	});
});

describe('busiestNode', () => {
	it('counts neighbours among the nodes first, then anywhere, then takes the first by name', () => {
		const links = [['a', 'x'], ['a', 'y'], ['b', 'c'], ['c', 'd']] as const;
		expect(busiestNode(['a', 'b', 'c'], links)).toBe('c');
		expect(busiestNode(['a', 'b'], links)).toBe('a');
		expect(busiestNode(['d', 'b'], links)).toBe('b');
	});
});

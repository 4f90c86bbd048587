import { compare } from '../lib/compare.ts';

/** One piece of a clustered graph, at most the cap in size. */
export interface Cluster {
	/** Its nodes, sorted. */
	nodes: string[];
	/**
	 * How it formed: `cluster`, a connected piece grown around its hub; `overflow`, nodes whose
	 * neighbours had all been taken, pooled beside the full clusters they link to most (see
	 * `spilledFrom`); `islands`, several small components packed into one picture.
	 */
	kind: 'cluster' | 'overflow' | 'islands';
	/** Its busiest node: most neighbours inside it, then in the whole graph, then first by name. */
	hub: string;
	/** For an overflow, the hubs of the clusters it spilled from, the one most of its nodes link to first. */
	spilledFrom: string[];
	/** How many connected components of the whole graph it holds pieces of. */
	components: number;
}

/**
 * Splits a graph into clusters of at most `cap` nodes, every node in exactly one, the same
 * output for the same input whatever its order. Connected components that fit stay whole;
 * bigger ones are grown cluster by cluster from their best-connected unclaimed node, each time
 * taking the neighbour with most links into the cluster and fewest elsewhere (a leaf stays with
 * its hub), but never a node with enough unclaimed neighbours to grow a cluster of its own; nodes
 * left over, and pieces too small to stand alone, join the cluster they link to most, or pool
 * beside it when it is full. Small components are packed together. Links are undirected here,
 * and links to nodes outside `nodes` are ignored.
 */
export function clusterGraph(nodes: Iterable<string>, links: Iterable<readonly [string, string]>, cap: number): Cluster[] {
	if (!Number.isInteger(cap) || cap < 1) throw new Error(`Cluster cap must be a positive integer, not ${cap}.`);
	const adjacency = new Map<string, Set<string>>();
	for (const node of nodes) adjacency.set(node, new Set());
	for (const [from, to] of links) {
		if (from === to || !adjacency.has(from) || !adjacency.has(to)) continue;
		adjacency.get(from)!.add(to);
		adjacency.get(to)!.add(from);
	}
	const graph: Graph = { adjacency, cap, minCluster: Math.max(2, Math.floor(cap / 4)) };
	const out: Cluster[] = [];
	const small: string[][] = [];
	for (const component of components(graph)) {
		if (component.length > cap) out.push(...split(graph, component));
		else if (component.length >= graph.minCluster) out.push(cluster(graph, component, 'cluster', 1));
		else small.push(component);
	}
	// Many small components drawn one per picture would be dozens of near-empty pictures.
	for (const bin of pack(small.sort(bySizeThenFirst), cap)) {
		const members = bin.flat();
		out.push(cluster(graph, members, bin.length === 1 ? 'cluster' : 'islands', bin.length));
	}
	return out;
}

interface Graph {
	adjacency: Map<string, Set<string>>;
	cap: number;
	// Pieces of a split component smaller than this join a neighbour rather than stand alone.
	minCluster: number;
}

function components(graph: Graph): string[][] {
	const seen = new Set<string>();
	const out: string[][] = [];
	for (const start of [...graph.adjacency.keys()].sort(compare)) {
		if (seen.has(start)) continue;
		seen.add(start);
		const members = [start];
		for (let i = 0; i < members.length; i++) {
			for (const next of graph.adjacency.get(members[i]!)!) {
				if (seen.has(next)) continue;
				seen.add(next);
				members.push(next);
			}
		}
		out.push(members.sort(compare));
	}
	return out;
}

// Splits one connected component bigger than the cap.
function split(graph: Graph, component: string[]): Cluster[] {
	const { adjacency, cap, minCluster } = graph;
	const degree = (node: string) => adjacency.get(node)!.size;
	const owner = new Map<string, number>();
	// How many of each node's neighbours are already in some cluster: the rest are where else it could go.
	const claimed = new Map<string, number>();
	const free = (node: string) => degree(node) - (claimed.get(node) ?? 0);
	const grown: string[][] = [];
	const leftovers: string[] = [];
	const order = [...component].sort((a, b) => degree(b) - degree(a) || compare(a, b));
	for (const seed of order) {
		if (owner.has(seed)) continue;
		if (free(seed) === 0) {
			leftovers.push(seed);
			continue;
		}
		const index = grown.length;
		const members: string[] = [];
		// Unclaimed neighbours of the cluster, with how many links each has into it.
		const frontier = new Map<string, number>();
		const take = (node: string) => {
			frontier.delete(node);
			owner.set(node, index);
			members.push(node);
			for (const next of adjacency.get(node)!) {
				claimed.set(next, (claimed.get(next) ?? 0) + 1);
				if (!owner.has(next)) frontier.set(next, (frontier.get(next) ?? 0) + 1);
			}
		};
		take(seed);
		while (members.length < cap) {
			let best: string | undefined;
			let bestIn = 0;
			let bestOut = 0;
			for (const [node, linksIn] of frontier) {
				const out = free(node);
				// A node with enough unclaimed neighbours of its own to make a cluster is left to grow one.
				if (out > linksIn && out >= minCluster) continue;
				// Most links in; then fewest elsewhere, so a leaf stays with its hub; then by name.
				if (best === undefined || linksIn > bestIn || (linksIn === bestIn && (out < bestOut || (out === bestOut && compare(node, best) < 0)))) {
					best = node;
					bestIn = linksIn;
					bestOut = out;
				}
			}
			if (best === undefined) break;
			take(best);
		}
		grown.push(members);
	}

	// Clusters big enough to stand alone keep their place; the rest, and the leftovers, are units to place.
	const kept: string[][] = [];
	const units: string[][] = leftovers.map((node) => [node]);
	for (const members of grown) (members.length >= minCluster ? kept : units).push(members);
	const home = new Map<string, number>();
	for (const [index, members] of kept.entries()) for (const node of members) home.set(node, index);
	const pools = new Map<number, string[][]>();
	for (const unit of units.map((u) => u.sort(compare)).sort(bySizeThenFirst)) {
		const linksTo = new Map<number, number>();
		for (const node of unit) {
			for (const next of adjacency.get(node)!) {
				const at = home.get(next);
				if (at !== undefined) linksTo.set(at, (linksTo.get(at) ?? 0) + 1);
			}
		}
		// The cluster it links to most; ties go to the one grown first, around the bigger hub.
		let anchor = -1;
		let most = 0;
		for (const [at, count] of linksTo) {
			if (count > most || (count === most && at < anchor)) {
				anchor = at;
				most = count;
			}
		}
		if (anchor >= 0 && kept[anchor]!.length + unit.length <= cap) {
			kept[anchor]!.push(...unit);
			for (const node of unit) home.set(node, anchor);
			continue;
		}
		const pool = pools.get(anchor) ?? [];
		pool.push(unit);
		pools.set(anchor, pool);
	}

	const out = kept.map((members) => cluster(graph, members, 'cluster', 1));
	const hubs = out.map((c) => c.hub);
	const anchorOf = new Map<string, number>();
	const remainders: string[][] = [];
	for (const anchor of [...pools.keys()].sort((a, b) => (a < 0 ? 1 : b < 0 ? -1 : a - b))) {
		for (const bin of pack(pools.get(anchor)!, cap)) {
			for (const unit of bin) for (const node of unit) anchorOf.set(node, anchor);
			// A handful of nodes beside each of several hubs make one picture, not several near-empty ones.
			if (bin.reduce((n, unit) => n + unit.length, 0) < minCluster) remainders.push(...bin);
			else out.push(overflow(graph, bin.flat(), anchorOf, hubs));
		}
	}
	for (const bin of pack(remainders, cap)) out.push(overflow(graph, bin.flat(), anchorOf, hubs));
	return out;
}

// Overflow nodes, named after the clusters they spilled from, the one most of them link to first.
function overflow(graph: Graph, members: string[], anchorOf: Map<string, number>, hubs: string[]): Cluster {
	const counts = new Map<number, number>();
	for (const node of members) counts.set(anchorOf.get(node)!, (counts.get(anchorOf.get(node)!) ?? 0) + 1);
	const anchors = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([at]) => at);
	const own = cluster(graph, members, 'overflow', 1);
	// Units that link to no kept cluster have no hub to name; they are named after their own.
	const spilledFrom = anchors.filter((at) => at >= 0).map((at) => hubs[at]!);
	return spilledFrom.length > 0 ? { ...own, spilledFrom } : { ...own, kind: 'cluster' };
}

// First fit, in the order given: the same units always land in the same bins.
function pack(units: string[][], cap: number): string[][][] {
	const bins: { size: number; units: string[][] }[] = [];
	for (const unit of units) {
		const bin = bins.find((b) => b.size + unit.length <= cap);
		if (bin) {
			bin.units.push(unit);
			bin.size += unit.length;
		} else bins.push({ size: unit.length, units: [unit] });
	}
	return bins.map((b) => b.units);
}

function cluster(graph: Graph, members: string[], kind: Cluster['kind'], count: number): Cluster {
	const nodes = [...members].sort(compare);
	return { nodes, kind, hub: busiest(nodes, graph.adjacency), spilledFrom: [], components: count };
}

/** The busiest of some nodes, by the rule that names clusters: most neighbours among them, then anywhere, then first by name. */
export function busiestNode(nodes: readonly string[], links: Iterable<readonly [string, string]>): string {
	const adjacency = new Map<string, Set<string>>();
	for (const [from, to] of links) {
		if (from === to) continue;
		adjacency.set(from, (adjacency.get(from) ?? new Set()).add(to));
		adjacency.set(to, (adjacency.get(to) ?? new Set()).add(from));
	}
	return busiest([...nodes].sort(compare), adjacency);
}

// `nodes` sorted, so a tie goes to the first by name.
function busiest(nodes: readonly string[], adjacency: Map<string, Set<string>>): string {
	const inside = new Set(nodes);
	let hub = nodes[0]!;
	let best = [-1, -1];
	for (const node of nodes) {
		const next = adjacency.get(node) ?? new Set<string>();
		let within = 0;
		for (const n of next) if (inside.has(n)) within++;
		if (within > best[0]! || (within === best[0] && next.size > best[1]!)) {
			hub = node;
			best = [within, next.size];
		}
	}
	return hub;
}

function bySizeThenFirst(a: string[], b: string[]): number {
	return b.length - a.length || compare(a[0]!, b[0]!);
}

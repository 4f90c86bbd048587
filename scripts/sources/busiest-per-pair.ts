import type { ObservedEdge } from './snapshot.ts';

/**
 * Of several views of the same traffic (the sources of a build, or the files of one source), the
 * edges of the busiest view for each caller → callee pair: the same calls seen twice are kept
 * once, never added. A view's edges of one pair (several `via`) count together; a tie goes to
 * the earlier view. Edges come back in view order, unsorted.
 */
export function busiestPerPair<E extends Pick<ObservedEdge, 'from' | 'to' | 'calls'>>(views: readonly (readonly E[])[]): E[] {
	const kept = new Map<string, { edges: E[]; calls: number }>();
	for (const view of views) {
		const pairs = new Map<string, { edges: E[]; calls: number }>();
		for (const edge of view) {
			const key = JSON.stringify([edge.from, edge.to]);
			const pair = pairs.get(key);
			if (pair) {
				pair.edges.push(edge);
				pair.calls += edge.calls;
			} else pairs.set(key, { edges: [edge], calls: edge.calls });
		}
		for (const [key, candidate] of pairs) {
			const best = kept.get(key);
			if (!best || candidate.calls > best.calls) kept.set(key, candidate);
		}
	}
	return [...kept.values()].flatMap((pair) => pair.edges);
}

import type { ModelEdge } from './model-schema.ts';

/**
 * The nodes every observed call to which was made in a trace holding a failure: called only when
 * something failed (a fallback, a compensation, a dead-letter queue). A node nobody was seen
 * calling is not one.
 */
export function errorOnlyCallees(edges: readonly Pick<ModelEdge, 'to' | 'observed' | 'calls' | 'errorTraceCalls'>[]): Set<string> {
	const incoming = new Map<string, { calls: number; errorTraceCalls: number }>();
	for (const edge of edges) {
		if (!edge.observed || edge.calls === 0) continue;
		const tally = incoming.get(edge.to) ?? { calls: 0, errorTraceCalls: 0 };
		tally.calls += edge.calls;
		tally.errorTraceCalls += edge.errorTraceCalls;
		incoming.set(edge.to, tally);
	}
	return new Set([...incoming].filter(([, tally]) => tally.errorTraceCalls >= tally.calls).map(([name]) => name));
}

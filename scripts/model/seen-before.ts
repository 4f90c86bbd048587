import type { Model, ModelEdge } from './model-schema.ts';

/** The previous build's edges by caller and callee, for `seenBefore`. */
export type PreviousEdges = { model: Model; edges: ReadonlyMap<string, ModelEdge> };

/** Indexes the previous build's edges once, or null on a first build. */
export function previousEdges(previous: Model | null | undefined): PreviousEdges | null {
	return previous ? { model: previous, edges: new Map(previous.edges.map((e) => [`${e.from}\u0000${e.to}`, e])) } : null;
}

/**
 * When an earlier build last saw an edge this window did not observe, carried forward from the
 * previous build's model (which carried it from the one before), so no build reads more than one
 * earlier model. A dependency used once a month is then "last seen 23 days ago, 3 builds back",
 * not merely not seen. Null when this window saw it, or no build did.
 */
export function seenBefore(edge: Pick<ModelEdge, 'from' | 'to'>, observed: boolean, previous: PreviousEdges | null): ModelEdge['seenBefore'] {
	const old = previous?.edges.get(`${edge.from}\u0000${edge.to}`);
	if (observed || !previous || !old) return null;
	// A source of totals gives no times: the previous build's clock stands for when it was seen.
	if (old.observed) return { lastSeen: old.lastSeen ?? previous.model.build.now, build: previous.model.build.id, buildsAgo: 1 };
	return old.seenBefore ? { ...old.seenBefore, buildsAgo: old.seenBefore.buildsAgo + 1 } : null;
}

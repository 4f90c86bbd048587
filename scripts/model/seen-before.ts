import type { Model, ModelEdge } from './model-schema.ts';

/**
 * The model with `seenBefore` set on each edge this window did not observe: when an earlier build
 * last saw it, carried forward from the previous build's model (which carried it from the one
 * before), so no build reads more than one earlier model. A dependency used once a month is then
 * "last seen 23 days ago, 3 builds back", not merely not seen.
 */
export function withSeenBefore(model: Model, previous: Model | null): Model {
	if (!previous) return model;
	const before = new Map(previous.edges.map((e) => [`${e.from}\u0000${e.to}`, e]));
	return { ...model, edges: model.edges.map((edge) => ({ ...edge, seenBefore: seenBefore(edge, before.get(`${edge.from}\u0000${edge.to}`), previous) })) };
}

function seenBefore(edge: ModelEdge, old: ModelEdge | undefined, previous: Model): ModelEdge['seenBefore'] {
	if (edge.observed || !old) return null;
	// A source of totals gives no times: the previous build's clock stands for when it was seen.
	if (old.observed) return { lastSeen: old.lastSeen ?? previous.build.now, build: previous.build.id, buildsAgo: 1 };
	return old.seenBefore ? { ...old.seenBefore, buildsAgo: old.seenBefore.buildsAgo + 1 } : null;
}

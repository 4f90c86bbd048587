import type { Model, ModelEdge, ModelService } from './model-schema.ts';

/** A model's services by name and each service's edges, built once per model object. */
export interface ModelLookup {
	/** Every service by its name. */
	byName: ReadonlyMap<string, ModelService>;
	/** The edges a service is at either end of, in the model's order. */
	touching(name: string): readonly ModelEdge[];
}

// Keyed by the model object: the site and the diagrams ask about each of a thousand services, and
// scanning every service and edge per question made those pages cost the square of the model.
const lookups = new WeakMap<Model, ModelLookup>();

/** The lookup of a model, built on first use; the model is read-only once merged, so it never goes stale. */
export function modelLookup(model: Model): ModelLookup {
	let lookup = lookups.get(model);
	if (!lookup) {
		lookup = buildLookup(model);
		lookups.set(model, lookup);
	}
	return lookup;
}

function buildLookup(model: Model): ModelLookup {
	const byName = new Map(model.services.map((s) => [s.name, s]));
	const edges = new Map<string, ModelEdge[]>();
	const add = (name: string, edge: ModelEdge) => {
		const list = edges.get(name);
		if (list) list.push(edge);
		else edges.set(name, [edge]);
	};
	for (const edge of model.edges) {
		add(edge.from, edge);
		// A service calling itself is one edge touching it, not two.
		if (edge.to !== edge.from) add(edge.to, edge);
	}
	return { byName, touching: (name) => edges.get(name) ?? [] };
}

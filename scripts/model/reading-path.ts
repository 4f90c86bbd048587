import { compare } from '../lib/compare.ts';
import { groupBy } from '../lib/group-by.ts';
import type { Model, ModelService } from './model-schema.ts';

/** A flow through the system: an entry point and the busiest chain of calls from it. */
export interface Flow {
	entry: string;
	path: string[];
	/** Calls on the first hop, to order flows by how much they carry. */
	calls: number;
}

/** What someone new should read, in order. */
export interface ReadingPath {
	/** The main flows, busiest first. */
	flows: Flow[];
	/** The services that matter most (most depended on), in reading order: callers before callees. */
	services: ModelService[];
}

/**
 * Plans a first week's reading: the main flows (from each service nothing calls, follow the
 * busiest observed call until it ends or loops), then the services most others depend on,
 * ordered by how far they sit from an entry point, so a reader meets a caller before its callees.
 */
export function readingPath(model: Model, options: { flows?: number; services?: number } = {}): ReadingPath {
	const apps = new Map(model.services.filter((s) => s.kind === 'service').map((s) => [s.name, s]));
	const out = groupBy(model.edges, (edge) => edge.from);
	const called = new Set(model.edges.filter((edge) => edge.observed).map((edge) => edge.to));
	const busiest = (name: string) =>
		(out.get(name) ?? []).filter((e) => e.observed && apps.has(e.to)).sort((a, b) => b.calls - a.calls || compare(a.to, b.to))[0];

	const entries = [...apps.keys()].filter((name) => !called.has(name) && busiest(name));
	const flows = entries
		.map((entry): Flow => {
			const path = [entry];
			for (let edge = busiest(entry); edge && !path.includes(edge.to); edge = busiest(edge.to)) path.push(edge.to);
			return { entry, path, calls: busiest(entry)!.calls };
		})
		.sort((a, b) => b.calls - a.calls || compare(a.entry, b.entry))
		.slice(0, options.flows ?? 5);

	// Breadth-first distance from the entry points, over observed calls between services.
	const depth = new Map<string, number>(entries.map((e) => [e, 0]));
	const queue = [...entries];
	while (queue.length > 0) {
		const name = queue.shift()!;
		for (const edge of out.get(name) ?? []) {
			if (!apps.has(edge.to) || depth.has(edge.to)) continue;
			depth.set(edge.to, depth.get(name)! + 1);
			queue.push(edge.to);
		}
	}
	const services = [...apps.values()]
		.filter((s) => s.dependents > 0)
		.sort((a, b) => b.dependents - a.dependents || compare(a.name, b.name))
		.slice(0, options.services ?? 10)
		.sort((a, b) => (depth.get(a.name) ?? Infinity) - (depth.get(b.name) ?? Infinity) || b.dependents - a.dependents || compare(a.name, b.name));
	return { flows, services };
}

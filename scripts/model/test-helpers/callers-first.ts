import type { Model } from '../model-schema.ts';

/**
 * The pairs of a reading order that break "callers first": a service listed after one it calls,
 * directly or through others, when that one does not call it back (a loop can be read either way).
 * Written apart from the code under test, as a plain search over the model's edges.
 */
export function callerAfterCallee(model: Model, order: readonly string[]): string[] {
	const out = new Map<string, string[]>();
	for (const e of model.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
	const reaches = (from: string, to: string) => {
		const seen = new Set<string>();
		const queue = [from];
		while (queue.length > 0) for (const next of out.get(queue.shift()!) ?? []) if (!seen.has(next)) (seen.add(next), queue.push(next));
		return seen.has(to);
	};
	return order.flatMap((later, i) => order.slice(0, i).filter((earlier) => reaches(later, earlier) && !reaches(earlier, later)).map((earlier) => `${later} calls ${earlier}, listed after it`));
}

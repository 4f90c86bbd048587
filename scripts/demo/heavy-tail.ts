import type { Rng } from './prng.ts';

/**
 * A whole number of at least `min` from a discrete Pareto law with tail exponent `alpha`, capped at
 * `max`: most draws sit at `min` or just above, and a few are many times larger, as service degrees are.
 */
export function paretoInt(rng: Rng, min: number, alpha: number, max: number): number {
	// Inverse transform: P(X >= x) = (x / min) ** -alpha; 1 - next() keeps the power finite.
	const x = Math.floor(min * (1 - rng.next()) ** (-1 / alpha));
	return Math.min(max, x);
}

/** Draws items with probability proportional to fixed weights, in O(log n) a draw. */
export interface WeightedPicker<T> {
	/** One item; the list must not be empty. */
	pick(rng: Rng): T;
	/** Number of items it draws from. */
	readonly size: number;
}

/** A picker over `items` with the given positive weights, by binary search over cumulative sums. */
export function weightedPicker<T>(items: readonly T[], weight: (item: T) => number): WeightedPicker<T> {
	const sums = new Float64Array(items.length);
	let total = 0;
	items.forEach((item, i) => {
		total += weight(item);
		sums[i] = total;
	});
	return {
		size: items.length,
		pick(rng) {
			if (items.length === 0) throw new Error('weightedPicker: nothing to pick from');
			const x = rng.next() * total;
			let lo = 0;
			let hi = items.length - 1;
			while (lo < hi) {
				const mid = (lo + hi) >>> 1;
				if ((sums[mid] as number) > x) hi = mid;
				else lo = mid + 1;
			}
			return items[lo] as T;
		},
	};
}

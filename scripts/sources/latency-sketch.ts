/**
 * A mergeable quantile sketch for durations, after DDSketch (Masson, Rim and Lee, VLDB 2019):
 * values fall into logarithmic buckets whose width guarantees a relative error bound, so
 * memory depends on the range of durations, not on how many were seen, and two sketches
 * merge by adding bucket counts.
 *
 * With the default 1% accuracy, everything between 1 ns and one year fits in under 2,000 buckets.
 */
export class LatencySketch {
	/** The guaranteed relative error of `quantile` (0.01 means within 1% of a real value). */
	readonly relativeAccuracy: number;
	readonly #gamma: number;
	readonly #logGamma: number;
	/** Bucket index → count; bucket i holds values in (gamma^(i-1), gamma^i]. */
	readonly #bins = new Map<number, number>();
	/** Values too small to bucket (below 1 ns); they read back as 0. */
	#zeroCount = 0;
	#count = 0;
	#min = Number.POSITIVE_INFINITY;
	#max = Number.NEGATIVE_INFINITY;

	/** Values below this (in ms, so 1 ns) are counted as zero. */
	static readonly MIN_VALUE = 1e-6;

	constructor(relativeAccuracy = 0.01) {
		if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
			throw new RangeError(`relativeAccuracy must be in (0, 1), got ${relativeAccuracy}`);
		}
		this.relativeAccuracy = relativeAccuracy;
		this.#gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
		this.#logGamma = Math.log(this.#gamma);
	}

	/** How many values were added (directly or through merges). */
	get count(): number {
		return this.#count;
	}

	/** How many buckets are in use; the sketch's memory is proportional to this. */
	get bucketCount(): number {
		return this.#bins.size + (this.#zeroCount > 0 ? 1 : 0);
	}

	/** Adds one non-negative, finite duration in milliseconds. */
	add(ms: number): void {
		if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`Cannot add ${ms} to a latency sketch`);
		if (ms < LatencySketch.MIN_VALUE) {
			this.#zeroCount++;
		} else {
			const index = Math.ceil(Math.log(ms) / this.#logGamma);
			this.#bins.set(index, (this.#bins.get(index) ?? 0) + 1);
		}
		this.#count++;
		if (ms < this.#min) this.#min = ms;
		if (ms > this.#max) this.#max = ms;
	}

	/** Adds every value of `other` to this sketch; both must have the same accuracy. */
	merge(other: LatencySketch): void {
		if (other.relativeAccuracy !== this.relativeAccuracy) {
			throw new RangeError('Cannot merge latency sketches with different accuracies');
		}
		for (const [index, count] of other.#bins) this.#bins.set(index, (this.#bins.get(index) ?? 0) + count);
		this.#zeroCount += other.#zeroCount;
		this.#count += other.#count;
		if (other.#min < this.#min) this.#min = other.#min;
		if (other.#max > this.#max) this.#max = other.#max;
	}

	/**
	 * Estimates the q-quantile (0 ≤ q ≤ 1) by nearest rank: within `relativeAccuracy` of the
	 * smallest value that at least q of all values are less than or equal to (the value at 0-based
	 * rank ⌈q·count⌉−1 in sorted order; so p99 of fewer than 100 values is the largest).
	 * Throws when the sketch is empty.
	 */
	quantile(q: number): number {
		if (!(q >= 0 && q <= 1)) throw new RangeError(`Quantile must be in [0, 1], got ${q}`);
		if (this.#count === 0) throw new RangeError('Cannot take a quantile of an empty latency sketch');
		const rank = Math.max(0, Math.ceil(q * this.#count) - 1);
		let seen = this.#zeroCount;
		if (seen > rank) return this.#clamp(0);
		const indexes = [...this.#bins.keys()].sort((a, b) => a - b);
		for (const index of indexes) {
			seen += this.#bins.get(index) ?? 0;
			if (seen > rank) return this.#clamp((2 * this.#gamma ** index) / (this.#gamma + 1));
		}
		return this.#max;
	}

	// The exact extremes are known, so an estimate outside them is never better than they are.
	#clamp(value: number): number {
		return Math.min(this.#max, Math.max(this.#min, value));
	}
}

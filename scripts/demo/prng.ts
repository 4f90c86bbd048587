/** A seeded pseudo-random source; every demo generator draws from one so its output is reproducible. */
export interface Rng {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both inclusive. */
	int(min: number, max: number): number;
	/** True with probability `p`. */
	chance(p: number): boolean;
	/** One element of a non-empty list, uniformly. */
	pick<T>(items: readonly T[]): T;
	/** One element of a non-empty list, with probability proportional to its weight. */
	weighted<T>(items: readonly T[], weight: (item: T) => number): T;
	/** A log-normally distributed value with the given median and spread (sigma of the underlying normal). */
	logNormal(median: number, sigma: number): number;
	/** `length` lowercase hex digits, never all zero (OTLP treats all-zero ids as invalid). */
	hex(length: number): string;
	/** The list shuffled into a new array (Fisher-Yates). */
	shuffle<T>(items: readonly T[]): T[];
}

/** Creates a deterministic generator (sfc32) seeded from a 32-bit integer. */
export function createRng(seed: number): Rng {
	// sfc32 passes PractRand and, unlike Math.random, is the same on every engine.
	let a = 0x9e3779b9 ^ seed;
	let b = 0x243f6a88 ^ Math.imul(seed, 0x85ebca6b);
	let c = 0xb7e15162 ^ Math.imul(seed, 0xc2b2ae35);
	let d = 1;
	const raw = (): number => {
		a |= 0;
		b |= 0;
		c |= 0;
		d |= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
	// The first outputs of a freshly seeded sfc32 are correlated with the seed.
	for (let i = 0; i < 15; i++) raw();

	const rng: Rng = {
		next: raw,
		int: (min, max) => min + Math.floor(raw() * (max - min + 1)),
		chance: (p) => raw() < p,
		pick: (items) => items[Math.floor(raw() * items.length)] as (typeof items)[number],
		weighted(items, weight) {
			let total = 0;
			for (const item of items) total += weight(item);
			let x = raw() * total;
			for (const item of items) {
				x -= weight(item);
				if (x < 0) return item;
			}
			return items[items.length - 1] as (typeof items)[number];
		},
		logNormal(median, sigma) {
			// Box-Muller; 1 - raw() keeps the logarithm finite.
			const z = Math.sqrt(-2 * Math.log(1 - raw())) * Math.cos(2 * Math.PI * raw());
			return median * Math.exp(sigma * z);
		},
		hex(length) {
			let out = '';
			while (out.length < length) out += Math.floor(raw() * 4294967296).toString(16).padStart(8, '0');
			out = out.slice(0, length);
			return /^0+$/.test(out) ? `${out.slice(0, -1)}1` : out;
		},
		shuffle(items) {
			const out = items.slice();
			for (let i = out.length - 1; i > 0; i--) {
				const j = Math.floor(raw() * (i + 1));
				[out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
			}
			return out;
		},
	};
	return rng;
}

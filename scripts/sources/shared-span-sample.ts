/** The most span keys the sample holds at once: a few megabytes, whatever the inputs' size. */
export const SAMPLE_CAP = 1 << 17;
/** Two inputs repeat each other when at least this share of the smaller one's sampled spans is in the other too. */
export const REPEAT_SHARE = 0.1;

const TWO_32 = 2 ** 32;

/**
 * A bounded, deterministic sample of the spans each input held, by trace and span id, to tell
 * whether two inputs repeat each other's spans (two exports of the same traffic) or hold
 * different traffic (files rotated out of one stream, two clusters). A span is kept when a hash
 * of its ids falls under a threshold that is the same for every input, so a span two inputs
 * hold is kept for both; the threshold halves whenever the sample outgrows `SAMPLE_CAP`.
 */
export class SharedSpanSample {
	#threshold = TWO_32;
	/** Sampled span key → the input holding it, or every input holding it. */
	readonly #holders = new Map<number, number | number[]>();

	/** Span keys held now: at most `SAMPLE_CAP`. */
	get size(): number {
		return this.#holders.size;
	}

	/** Notes that input number `input` holds this span. */
	observe(input: number, traceId: string, spanId: string): void {
		const key = spanKey(traceId, spanId);
		if (key % TWO_32 >= this.#threshold) return;
		const holders = this.#holders.get(key);
		if (holders === undefined) {
			this.#holders.set(key, input);
			if (this.#holders.size > SAMPLE_CAP) this.#halve();
		} else if (typeof holders === 'number') {
			if (holders !== input) this.#holders.set(key, [holders, input]);
		} else if (!holders.includes(input)) holders.push(input);
	}

	/** Whether two inputs repeat each other's spans: at least `REPEAT_SHARE` of the smaller one's sample is shared. */
	repeats(): (a: number, b: number) => boolean {
		const sampled = new Map<number, number>();
		const shared = new Map<string, number>();
		for (const holders of this.#holders.values()) {
			const list = typeof holders === 'number' ? [holders] : holders;
			for (const input of list) sampled.set(input, (sampled.get(input) ?? 0) + 1);
			for (let i = 0; i < list.length; i++) {
				for (let j = i + 1; j < list.length; j++) {
					const pair = pairKey(list[i] as number, list[j] as number);
					shared.set(pair, (shared.get(pair) ?? 0) + 1);
				}
			}
		}
		return (a, b) => {
			const both = shared.get(pairKey(a, b)) ?? 0;
			return both > 0 && both >= REPEAT_SHARE * Math.min(sampled.get(a) ?? 0, sampled.get(b) ?? 0);
		};
	}

	#halve(): void {
		while (this.#holders.size > SAMPLE_CAP) {
			this.#threshold /= 2;
			for (const key of this.#holders.keys()) if (key % TWO_32 >= this.#threshold) this.#holders.delete(key);
		}
	}
}

function pairKey(a: number, b: number): string {
	return a < b ? `${a},${b}` : `${b},${a}`;
}

/**
 * A 53-bit hash of a span's trace and span id: two FNV-1a lanes with different seeds and orders,
 * each finished with MurmurHash3's mixer, so the low 32 bits are uniform enough to sample by.
 */
function spanKey(traceId: string, spanId: string): number {
	const low = mix(fnv(fnv(0x811c9dc5, traceId), spanId));
	const high = mix(fnv(fnv(0x050c5d1f, spanId), traceId)) & 0x1fffff;
	return high * TWO_32 + low;
}

function fnv(seed: number, text: string): number {
	let hash = seed;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
	return hash;
}

function mix(value: number): number {
	let h = value ^ (value >>> 16);
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	return (h ^ (h >>> 16)) >>> 0;
}

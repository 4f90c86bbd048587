/** The most span keys the sample holds at once: a few megabytes, whatever the inputs' size, and plenty to judge a tenth by. */
export const SAMPLE_CAP = 1 << 16;
/** Two inputs repeat each other when at least this share of the smaller one's sampled spans is in the other too. */
export const REPEAT_SHARE = 0.1;

const TWO_32 = 2 ** 32;

// An open-addressing table twice the cap, probed linearly from a key's low bits: no object per span.
const SLOTS = SAMPLE_CAP * 2;
const MASK = SLOTS - 1;

/**
 * A bounded, deterministic sample of the spans each input held, by trace and span id, to tell
 * whether two inputs repeat each other's spans (two exports of the same traffic) or hold
 * different traffic (files rotated out of one stream, two clusters). A span is kept when a hash
 * of its ids falls under a threshold that is the same for every input, so a span two inputs
 * hold is kept for both; the threshold halves whenever the sample outgrows `SAMPLE_CAP`.
 */
export class SharedSpanSample {
	#threshold = TWO_32;
	#size = 0;
	// Per slot: the key's low 32 bits, its high 21 bits plus one (0: the slot is empty), the first input holding it.
	#lows = new Uint32Array(SLOTS);
	#highs = new Uint32Array(SLOTS);
	#holders = new Int32Array(SLOTS);
	/** Key → the further inputs holding it, for the spans more than one input holds. */
	#more = new Map<number, number[]>();

	/** Span keys held now: at most `SAMPLE_CAP`. */
	get size(): number {
		return this.#size;
	}

	/** Notes that input number `input` holds this span. */
	observe(input: number, traceId: string, spanId: string): void {
		// Most spans are not sampled: decide on the low half before computing the rest.
		const low = lowHash(traceId, spanId);
		if (low >= this.#threshold) return;
		this.#add(low, highHash(traceId, spanId) + 1, input);
		if (this.#size > SAMPLE_CAP) this.#halve();
	}

	/** Whether two inputs repeat each other's spans: at least `REPEAT_SHARE` of the smaller one's sample is shared. */
	repeats(): (a: number, b: number) => boolean {
		const sampled = new Map<number, number>();
		const shared = new Map<string, number>();
		for (let slot = 0; slot < SLOTS; slot++) {
			if (this.#highs[slot] === 0) continue;
			const first = this.#holders[slot] as number;
			const list = [first, ...(this.#more.get(keyOf(this.#lows[slot] as number, this.#highs[slot] as number)) ?? [])];
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

	#add(low: number, high: number, input: number): void {
		for (let slot = low & MASK; ; slot = (slot + 1) & MASK) {
			const held = this.#highs[slot];
			if (held === 0) {
				this.#lows[slot] = low;
				this.#highs[slot] = high;
				this.#holders[slot] = input;
				this.#size++;
				return;
			}
			if (held !== high || this.#lows[slot] !== low) continue;
			if (this.#holders[slot] === input) return;
			const key = keyOf(low, high);
			const more = this.#more.get(key);
			if (!more) this.#more.set(key, [input]);
			else if (!more.includes(input)) more.push(input);
			return;
		}
	}

	// Halves the threshold until the sample fits, keeping the keys under it: a rebuild, as open addressing needs.
	#halve(): void {
		const lows = this.#lows;
		const highs = this.#highs;
		const holders = this.#holders;
		while (this.#size > SAMPLE_CAP) {
			this.#threshold /= 2;
			this.#lows = new Uint32Array(SLOTS);
			this.#highs = new Uint32Array(SLOTS);
			this.#holders = new Int32Array(SLOTS);
			this.#size = 0;
			for (let slot = 0; slot < SLOTS; slot++) {
				const high = highs[slot] as number;
				const low = lows[slot] as number;
				if (high !== 0 && low < this.#threshold) this.#add(low, high, holders[slot] as number);
			}
		}
		for (const key of this.#more.keys()) if (key % TWO_32 >= this.#threshold) this.#more.delete(key);
	}
}

// The whole key, for the few spans several inputs hold.
function keyOf(low: number, high: number): number {
	return high * TWO_32 + low;
}

function pairKey(a: number, b: number): string {
	return a < b ? `${a},${b}` : `${b},${a}`;
}

/**
 * The low 32 bits of a span's 53-bit key, from the last 8 hex digits of its span and trace ids
 * (ids arrive as lowercase hex; span ids are random in practice), read as numbers and mixed with
 * MurmurHash3's finalizer, so they are uniform enough to sample by even for ids that count up.
 * Reading digits, not hashing characters, keeps it cheap per span.
 */
function lowHash(traceId: string, spanId: string): number {
	return mix(hex32(spanId, spanId.length - 8) ^ mix(hex32(traceId, traceId.length - 8) ^ 0x9e3779b9));
}

/** The high 21 bits of a span's key, from the 8 hex digits before those `lowHash` reads. */
function highHash(traceId: string, spanId: string): number {
	return mix(hex32(spanId, spanId.length - 16) ^ mix(hex32(traceId, traceId.length - 16) ^ 0x7f4a7c15)) & 0x1fffff;
}

// Per character code: its hex digit's value (0 for anything else, which normalized ids never hold).
const HEX_VALUE = new Uint8Array(128);
for (let digit = 0; digit < 16; digit++) HEX_VALUE['0123456789abcdef'.charCodeAt(digit)] = digit;

// The 8 hex digits of `text` from `start` (digits before the text's start read as 0) as a 32-bit number.
function hex32(text: string, start: number): number {
	let value = 0;
	for (let i = start; i < start + 8; i++) {
		const code = i >= 0 ? text.charCodeAt(i) : 48;
		value = (value << 4) | (code < 128 ? (HEX_VALUE[code] as number) : 0);
	}
	return value;
}

function mix(value: number): number {
	let h = value ^ (value >>> 16);
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	return (h ^ (h >>> 16)) >>> 0;
}

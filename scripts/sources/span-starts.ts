import { MAX_DATE_MS } from './span-input.ts';

/** The earliest and latest span start of an input, in the window or not, to say where its spans are when none is in it. */
export class SpanStarts {
	#first = Infinity;
	#last = -Infinity;

	/** Notes one span's start, in ms since the epoch; a start no Date can hold is left out. */
	add(startMs: number): void {
		if (!(Math.abs(startMs) <= MAX_DATE_MS)) return;
		if (startMs < this.#first) this.#first = startMs;
		if (startMs > this.#last) this.#last = startMs;
	}

	/** `{ spanStarts }` as a snapshot's input records it, or nothing when no span was noted. */
	range(): { spanStarts?: { first: string; last: string } } {
		if (this.#first > this.#last) return {};
		return { spanStarts: { first: new Date(this.#first).toISOString(), last: new Date(this.#last).toISOString() } };
	}
}

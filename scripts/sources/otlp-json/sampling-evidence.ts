import type { Counting } from '../snapshot.ts';

/** Span attributes `spanSampling` reads; the span parser keeps only these (and the callee ones). */
export const SAMPLING_ATTRIBUTES: ReadonlySet<string> = new Set([
	'SampleRate',
	'sample_rate',
	'sampling.rate',
	'_sample_rate',
	'sampler.type',
	'sampler.param',
	'sampling.priority',
]);

/** What one span says about how it was sampled. */
export interface SpanSampling {
	/** Probability the span was kept, 0 < ratio <= 1, or null when the evidence names no ratio. */
	ratio: number | null;
	/** Where it was read from, such as `tracestate ot=th` or `attribute SampleRate`. */
	evidence: string;
}

const TWO_TO_56 = 2n ** 56n;

/**
 * Reads one span's sampling evidence, strongest first:
 * 1. W3C `traceState` with OpenTelemetry's threshold, `ot=th:<hex>`: the rejection threshold is the
 *    hex padded with trailing zeros to 14 digits (56 bits), and the ratio is 1 - th / 2^56
 *    (`th:0` keeps all, `th:8` half, `th:c` a quarter).
 * 2. A rate attribute: `SampleRate`, `sample_rate`, `sampling.rate` or `_sample_rate`. A value above 1
 *    is Honeycomb's and Datadog's "1 in N" (ratio 1/N); a value in (0, 1] is the ratio itself.
 * 3. Jaeger's sampler tags: `sampler.type` `probabilistic` with `sampler.param` p (ratio p), or
 *    `const` with param 1 (ratio 1). Other sampler types (rate limiting, adaptive) name no ratio.
 * 4. `sampling.priority` (OpenTracing, Datadog): a sampler decided, at a ratio not recorded.
 * Returns undefined when the span carries none of these, or only unreadable values.
 */
export function spanSampling(attributes: ReadonlyMap<string, string>, traceState: unknown): SpanSampling | undefined {
	if (typeof traceState === 'string' && traceState.includes('ot=')) {
		const ratio = cachedThresholdRatio(traceState);
		if (ratio !== undefined) return { ratio, evidence: 'tracestate ot=th' };
	}
	for (const key of ['SampleRate', 'sample_rate', 'sampling.rate', '_sample_rate']) {
		const value = attributes.get(key);
		if (value === undefined) continue;
		const rate = Number(value);
		if (!Number.isFinite(rate) || rate <= 0) continue;
		return { ratio: rate > 1 ? 1 / rate : rate, evidence: `attribute ${key}` };
	}
	const samplerType = attributes.get('sampler.type');
	if (samplerType !== undefined) {
		const param = Number(attributes.get('sampler.param'));
		if (samplerType === 'probabilistic' && param > 0 && param <= 1) return { ratio: param, evidence: 'attribute sampler.type=probabilistic' };
		if (samplerType === 'const' && param === 1) return { ratio: 1, evidence: 'attribute sampler.type=const' };
		return { ratio: null, evidence: `attribute sampler.type=${samplerType.slice(0, 40)}` };
	}
	if (attributes.has('sampling.priority')) return { ratio: null, evidence: 'attribute sampling.priority' };
	return undefined;
}

// Every span of a trace, and usually of a whole service, carries the same tracestate.
const ratioCache = new Map<string, number | undefined>();

function cachedThresholdRatio(traceState: string): number | undefined {
	if (ratioCache.has(traceState)) return ratioCache.get(traceState);
	const ratio = thresholdRatio(traceState);
	if (ratioCache.size >= 1024) ratioCache.clear();
	ratioCache.set(traceState, ratio);
	return ratio;
}

/** The sampling ratio an `ot=th:<hex>` entry of a W3C tracestate gives, or undefined when there is none or it is invalid. */
export function thresholdRatio(traceState: string): number | undefined {
	for (const member of traceState.split(',')) {
		const [key, value] = splitOnce(member.trim(), '=');
		if (key !== 'ot' || value === undefined) continue;
		for (const field of value.split(';')) {
			const [name, hex] = splitOnce(field, ':');
			if (name !== 'th' || hex === undefined || !/^[0-9a-f]{1,14}$/.test(hex)) continue;
			const threshold = BigInt(`0x${hex.padEnd(14, '0')}`);
			return Number(TWO_TO_56 - threshold) / Number(TWO_TO_56);
		}
	}
	return undefined;
}

/** Collects per-span sampling evidence over a read and sums it up as the snapshot's `counting`. */
export class SamplingTally {
	#withRatio = 0;
	#inverseSum = 0;
	#ratioBelowOne = false;
	#withoutRatio = 0;
	readonly #evidence = new Map<string, number>();

	/** Records one span's evidence. */
	observe(sampling: SpanSampling): void {
		this.#evidence.set(sampling.evidence, (this.#evidence.get(sampling.evidence) ?? 0) + 1);
		if (sampling.ratio === null) {
			this.#withoutRatio++;
			return;
		}
		this.#withRatio++;
		this.#inverseSum += 1 / sampling.ratio;
		if (sampling.ratio < 1) this.#ratioBelowOne = true;
	}

	/** Adds another tally's evidence to this one (one file's to the whole pull's). */
	merge(other: SamplingTally): void {
		this.#withRatio += other.#withRatio;
		this.#inverseSum += other.#inverseSum;
		this.#ratioBelowOne ||= other.#ratioBelowOne;
		this.#withoutRatio += other.#withoutRatio;
		for (const [evidence, count] of other.#evidence) this.#evidence.set(evidence, (this.#evidence.get(evidence) ?? 0) + count);
	}

	/**
	 * The counting basis for `totalSpans` spans read. `unknown` without evidence. With ratios, the
	 * ratio is the spans that had one divided by the calls they stand for (the sum of 1/ratio), so
	 * mixed rates weigh right; `complete` when every ratio is 1 and no span only had a priority;
	 * `sampled` with a null ratio when no span below 1 gives a ratio but some say a sampler decided.
	 */
	counting(totalSpans: number): Counting {
		if (this.#evidence.size === 0) return { basis: 'unknown', ratio: null, evidence: null };
		const evidence = [...this.#evidence]
			.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
			.map(([what, count]) => `${what} on ${count} of ${totalSpans} spans`)
			.join('; ');
		if (!this.#ratioBelowOne) {
			// Ratios of 1 only: complete, unless some spans only say a sampler decided, at a ratio not given.
			return this.#withoutRatio === 0 ? { basis: 'complete', ratio: 1, evidence } : { basis: 'sampled', ratio: null, evidence };
		}
		const ratio = Math.round((this.#withRatio / this.#inverseSum) * 1e6) / 1e6;
		return { basis: 'sampled', ratio, evidence };
	}
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
	const at = text.indexOf(separator);
	return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

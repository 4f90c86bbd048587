import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotSchema } from '../snapshot.ts';
import { otlpJsonSource } from './otlp-json-source.ts';
import { SamplingTally, spanSampling, thresholdRatio } from './sampling-evidence.ts';

const attrs = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('thresholdRatio', () => {
	it('reads ot=th as a 56-bit rejection threshold padded with trailing zeros', () => {
		expect(thresholdRatio('ot=th:0')).toBe(1);
		expect(thresholdRatio('ot=th:8')).toBe(0.5);
		expect(thresholdRatio('ot=th:c')).toBe(0.25);
		// 0xfd0000... rejects 253/256 of the space.
		expect(thresholdRatio('ot=th:fd')).toBeCloseTo(3 / 256, 12);
		// All 14 digits: keeps exactly one value in 2^56.
		expect(thresholdRatio('ot=th:ffffffffffffff')).toBe(2 ** -56);
		expect(thresholdRatio('congo=t61rcWkgMzE,ot=rv:abcdef12345678;th:e')).toBe(0.125);
	});

	it('ignores other members, bad hex and thresholds longer than 56 bits', () => {
		expect(thresholdRatio('vendor=th:8')).toBeUndefined();
		expect(thresholdRatio('ot=p:8;r:62')).toBeUndefined();
		expect(thresholdRatio('ot=th:G')).toBeUndefined();
		expect(thresholdRatio('ot=th:C')).toBeUndefined();
		expect(thresholdRatio('ot=th:100000000000000')).toBeUndefined();
	});
});

describe('spanSampling', () => {
	it('prefers the tracestate threshold over attributes', () => {
		expect(spanSampling(attrs({ SampleRate: '10' }), 'ot=th:8')).toEqual({ ratio: 0.5, evidence: 'tracestate ot=th' });
	});

	it('reads 1-in-N rates above 1 and ratios at or below 1', () => {
		expect(spanSampling(attrs({ SampleRate: '20' }), undefined)).toEqual({ ratio: 0.05, evidence: 'attribute SampleRate' });
		expect(spanSampling(attrs({ 'sampling.rate': '0.1' }), '')).toEqual({ ratio: 0.1, evidence: 'attribute sampling.rate' });
		expect(spanSampling(attrs({ sample_rate: '1' }), undefined)).toEqual({ ratio: 1, evidence: 'attribute sample_rate' });
		expect(spanSampling(attrs({ SampleRate: 'often' }), undefined)).toBeUndefined();
	});

	it('reads Jaeger sampler tags and a bare sampling.priority', () => {
		expect(spanSampling(attrs({ 'sampler.type': 'probabilistic', 'sampler.param': '0.001' }), undefined)?.ratio).toBe(0.001);
		expect(spanSampling(attrs({ 'sampler.type': 'const', 'sampler.param': '1' }), undefined)?.ratio).toBe(1);
		expect(spanSampling(attrs({ 'sampler.type': 'ratelimiting', 'sampler.param': '2' }), undefined)?.ratio).toBeNull();
		expect(spanSampling(attrs({ 'sampling.priority': '1' }), undefined)).toEqual({ ratio: null, evidence: 'attribute sampling.priority' });
		expect(spanSampling(attrs({}), undefined)).toBeUndefined();
	});
});

describe('SamplingTally', () => {
	it('weighs mixed ratios by the calls they stand for', () => {
		const tally = new SamplingTally();
		// One span kept at 1/2 and one at 1/8 stand for 2 + 8 = 10 calls: 2 of 10 kept.
		tally.observe({ ratio: 0.5, evidence: 'tracestate ot=th' });
		tally.observe({ ratio: 0.125, evidence: 'tracestate ot=th' });
		expect(tally.counting(2)).toEqual({ basis: 'sampled', ratio: 0.2, evidence: 'tracestate ot=th on 2 of 2 spans' });
	});

	it('says complete when every ratio is 1, unknown without evidence, and sampled without a ratio for priorities', () => {
		const all = new SamplingTally();
		all.observe({ ratio: 1, evidence: 'tracestate ot=th' });
		expect(all.counting(1).basis).toBe('complete');
		expect(new SamplingTally().counting(10)).toEqual({ basis: 'unknown', ratio: null, evidence: null });
		const priority = new SamplingTally();
		priority.observe({ ratio: null, evidence: 'attribute sampling.priority' });
		expect(priority.counting(3)).toEqual({ basis: 'sampled', ratio: null, evidence: 'attribute sampling.priority on 1 of 3 spans' });
		all.merge(priority);
		expect(all.counting(4)).toMatchObject({ basis: 'sampled', ratio: null });
	});
});

describe('otlp-json source sampling', () => {
	it('reports a sampled basis from tracestate and SampleRate in a file', async () => {
		const snapshot = await otlpJsonSource().load({
			contentDir: path.join(import.meta.dirname, 'fixtures/sampling'),
			now: new Date('2026-01-03T00:00:00Z'),
			window: { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-02T00:00:00Z') },
			logger: { info() {}, warn() {} },
		});
		expect(snapshotSchema.parse(snapshot).stats.counting).toEqual({
			basis: 'sampled',
			ratio: 0.25,
			evidence: 'tracestate ot=th on 3 of 5 spans; attribute SampleRate on 1 of 5 spans',
		});
		expect(snapshot.stats.spans).toBe(5);
	});
});

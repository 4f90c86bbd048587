import { describe, expect, it } from 'vitest';
import { describeObserved } from './describe-observed.ts';

describe('describeObserved', () => {
	it('counts spans and traces when the source has spans', () => {
		expect(describeObserved({ spans: 957, traces: 1, calls: 400 })).toBe('957 spans in 1 trace');
		expect(describeObserved({ spans: 1, traces: 1, calls: 0 })).toBe('1 span in 1 trace');
	});

	it('counts calls when the source keeps only totals', () => {
		expect(describeObserved({ spans: 0, traces: 0, calls: 12000, format: (n) => n.toLocaleString('en-US') })).toBe(
			'12,000 calls counted between services (the source keeps totals, no spans)',
		);
	});

	it('says nothing was seen when nothing was', () => {
		expect(describeObserved({ spans: 0, traces: 0, calls: 0 })).toBe('0 spans in 0 traces');
	});
});

import { describe, expect, it } from 'vitest';
import { mergeModel } from '../../scripts/model/merge-model.ts';
import { call, content, note, seen, snapshot, team } from '../../scripts/model/test-helpers/model-inputs.ts';
import { sourceLimits } from './source-limits.ts';

const now = new Date('2026-11-23T00:00:00Z');
const t0 = '2026-11-20T10:00:00.000Z';
const notes = [note('cart', 'shop', '2026-11-01', ['pricing']), note('pricing', 'shop', '2026-11-01'), note('ledger', 'shop', '2026-11-01')];
const beliefs = () => content(notes, [team('shop')]);

describe('sourceLimits', () => {
	it('names the window, sampling, broken traces and the described services no span came from', () => {
		const telemetry = snapshot(now, [seen('cart', t0, t0), seen('pricing', t0, t0)], [call('cart', 'pricing', t0, t0)]);
		telemetry.stats.counting = { basis: 'sampled', ratio: 0.1, evidence: null };
		const text = sourceLimits(mergeModel(beliefs(), telemetry, { buildId: 'b', now, staleAfterDays: 90 }));
		expect(text).toContain('2026-11-16 to 2026-11-23 only');
		expect(text).toContain('a sample of about 10.0% of calls');
		expect(text).toContain('1 span had no parent');
		// ledger has a note and no span.
		expect(text).toContain('1 described service emitted no span');
	});

	it('does not blame instrumentation when the source keeps call totals only, and says when there is no telemetry', () => {
		const telemetry = snapshot(now, [seen('cart', t0, t0, { spans: 0 }), seen('pricing', t0, t0, { spans: 0 })], [call('cart', 'pricing', t0, t0, { via: 'link' })]);
		const totals = sourceLimits(mergeModel(beliefs(), telemetry, { buildId: 'b', now, staleAfterDays: 90 }));
		expect(totals).toContain('call totals, not spans');
		expect(totals).not.toContain('emitted no span');
		expect(sourceLimits(mergeModel(beliefs(), null, { buildId: 'b', now, staleAfterDays: 90 }))).toMatch(/^No telemetry was pulled/);
	});
});

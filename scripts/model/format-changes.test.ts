import { describe, expect, it } from 'vitest';
import { noChanges, type BuildChanges } from './diff-models.ts';
import { formatChanges } from './format-changes.ts';

const none: BuildChanges = { ...noChanges('a'), systemConfidence: { before: 0.5, after: 0.5 } };

describe('formatChanges', () => {
	it('prints one section per kind of change, and leaves empty ones out', () => {
		const text = formatChanges(
			{
				...none,
				edgesChanged: [{ from: 'checkout', to: 'loyalty', before: 'confirmed', after: 'phantom' }],
				ownersChanged: [{ service: 'search', before: 'discovery', after: null }],
				sectionsNewlyStale: [{ service: 'payments', section: 'Incidents' }],
				confidenceChanged: [
					{ service: 'cart', before: 0.9, after: 0.8 },
					{ service: 'sms-sender', before: 0.35, after: 0.99 },
				],
				systemConfidence: { before: 0.6527, after: 0.663 },
			},
			'20261109T000000Z',
			'20261116T000000Z',
		);
		expect(text).toBe(
			[
				'Changes from 20261109T000000Z to 20261116T000000Z',
				'Understanding of the system: 65% → 66%',
				'',
				'Dependencies changed (1)',
				'  checkout → loyalty: confirmed → phantom',
				'',
				'Owners changed (1)',
				'  search: discovery → nobody',
				'',
				'Sections turned stale (1)',
				'  payments: Incidents',
				'',
				'Confidence lost (1)',
				'  cart: 90% → 80%',
				'',
				'Confidence regained (1)',
				'  sms-sender: 35% → 99%',
				'',
			].join('\n'),
		);
	});

	it('says so when nothing changed, and names the first build', () => {
		expect(formatChanges({ ...none, previous: null, systemConfidence: { before: null, after: 0.7 } }, null, 'b')).toBe(
			'Changes from (nothing) to b\nUnderstanding of the system: none → 70%\n\nNothing else changed.\n',
		);
	});
	it('lists shifted edges, and apart from them the changes too few calls stand behind', () => {
		const base = { errorShareBefore: 0.004, errorShareAfter: 0.755, p95Before: 12, p95After: 12.5, tooFewCalls: [] };
		const text = formatChanges(
			{
				...none,
				edgesShifted: [
					{ from: 'notifications', to: 'push-sender', calls: 400, retries: 0, previousCalls: 380, shifted: ['errors'], ...base },
					{ from: 'orders', to: 'fcm', calls: 60, retries: 42, previousCalls: 14, shifted: ['calls'], ...base },
				],
				edgesTooFewCalls: [{ from: 'cart', to: 'redis', calls: 3, retries: 0, previousCalls: 4, shifted: [], ...base, p95Before: 2, p95After: 300, tooFewCalls: ['latency'] }],
			},
			'a',
			'b',
		);
		expect(text).toContain('Dependencies shifted (2)\n  notifications → push-sender: errors 0.4% → 76% (380 calls before, 400 now)');
		// More calls that are mostly retries are the same requests sent again: the line says so.
		expect(text).toContain('  orders → fcm: calls 14 → 60 (14 calls before, 60 now, 42 of them retries)');
		expect(text).toContain('Too few calls to tell (1)\n  cart → redis: p95 2.0 ms → 300 ms (4 calls before, 3 now)');
	});
});

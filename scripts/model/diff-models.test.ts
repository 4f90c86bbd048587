import { describe, expect, it } from 'vitest';
import { buildChangesSchema, countChanges, diffModels, noChanges } from './diff-models.ts';
import { mergeModel } from './merge-model.ts';
import { DEFAULT_SHIFT_OPTIONS } from '../config/shift-options.ts';
import { formatChanges } from './format-changes.ts';
import { call, content, note, seen, snapshot, team } from './test-helpers/model-inputs.ts';

const teams = [team('commerce'), team('discovery'), team('ops')];
const lastWeek = new Date('2026-11-16T00:00:00Z');
const thisWeek = new Date('2026-11-23T00:00:00Z');
const at = (day: string) => `2026-11-${day}T10:00:00.000Z`;

// Week one: checkout's note is 88 days old (fresh), it declares payments (not seen yet) and legacy.
const previous = mergeModel(
	content(
		[
			note('checkout', 'commerce', '2026-08-20', ['cart', 'payments', 'legacy']),
			note('cart', 'commerce', '2026-10-01'),
			note('legacy', 'ops', '2026-10-01'),
			note('search', 'discovery', '2026-10-01'),
		],
		teams,
	),
	snapshot(lastWeek, [seen('checkout', at('10'), at('15')), seen('cart', at('10'), at('15')), seen('search', at('10'), at('15'))], [
		call('checkout', 'cart', at('10'), at('15')),
	]),
	{ buildId: '20261116T000000Z', now: lastWeek, staleAfterDays: 90 },
);

// Week two: checkout's note is 95 days old (stale); it no longer declares legacy, whose note is gone;
// payments shows up in telemetry with a note that was already stale; cart went quiet but was
// reviewed again; fraud appears; search moved to commerce.
const current = mergeModel(
	content(
		[
			note('checkout', 'commerce', '2026-08-20', ['cart', 'payments']),
			note('cart', 'commerce', '2026-11-20'),
			note('payments', 'commerce', '2026-01-05'),
			note('search', 'commerce', '2026-10-01'),
		],
		teams,
	),
	snapshot(
		thisWeek,
		[seen('checkout', at('17'), at('22')), seen('payments', at('17'), at('22')), seen('search', at('17'), at('22')), seen('fraud', at('17'), at('22'))],
		[call('checkout', 'payments', at('17'), at('22')), call('checkout', 'fraud', at('17'), at('22'))],
	),
	{ buildId: '20261123T000000Z', now: thisWeek, staleAfterDays: 90 },
);

describe('diffModels', () => {
	it('reports every kind of change between two builds', () => {
		const changes = diffModels(previous, current);
		expect(changes).toEqual({
			previous: '20261116T000000Z',
			servicesAdded: ['fraud'],
			servicesRemoved: ['legacy'],
			edgesAdded: [{ from: 'checkout', to: 'fraud', status: 'hidden' }],
			edgesRemoved: [{ from: 'checkout', to: 'legacy', status: 'phantom' }],
			edgesChanged: [
				{ from: 'checkout', to: 'cart', before: 'confirmed', after: 'phantom' },
				{ from: 'checkout', to: 'payments', before: 'phantom', after: 'confirmed' },
			],
			ownersChanged: [
				{ service: 'payments', before: null, after: 'commerce' },
				{ service: 'search', before: 'discovery', after: 'commerce' },
			],
			notesReviewed: ['cart'],
			// payments' note arrived stale: it did not cross from fresh to stale, so it is not here.
			newlyStale: ['checkout'],
			// checkout's note dropped a dependency and search's changed owner; cart's was only reviewed, which is not an edit.
			notesEdited: ['checkout', 'search'],
			sectionsNewlyStale: [],
			confidenceChanged: expect.any(Array),
			edgesShifted: [],
			edgesTooFewCalls: [],
			instancesChanged: [],
			lessonsChanged: [],
			couplingAdded: [],
			couplingRemoved: [],
			externalHostsAdded: [],
			externalHostsRemoved: [],
			entryPointsAdded: [],
			entryPointsRemoved: [],
			systemConfidence: { before: previous.summary.confidence, after: current.summary.confidence },
		});
		// cart was reviewed again (but went quiet); search has a new owner; checkout lost a phantom and aged.
		expect(Object.fromEntries(changes.confidenceChanged.map((c) => [c.service, c.after > c.before ? 'regained' : 'lost']))).toMatchObject({ cart: 'regained' });
		for (const c of changes.confidenceChanged) expect(Math.abs(c.after - c.before)).toBeGreaterThanOrEqual(0.05);
		expect(buildChangesSchema.parse(changes)).toEqual(changes);
		expect(countChanges(changes)).toBe(12 + changes.confidenceChanged.length);
	});

	it('reports nothing between a model and itself', () => {
		const changes = diffModels(current, current);
		expect(changes).toEqual({
			...noChanges('20261123T000000Z'),
			systemConfidence: { before: current.summary.confidence, after: current.summary.confidence },
		});
		expect(countChanges(changes)).toBe(0);
	});

	it('makes everything new on the first build', () => {
		const changes = diffModels(null, previous);
		expect(changes.previous).toBeNull();
		expect(changes.servicesAdded).toEqual(['cart', 'checkout', 'legacy', 'payments', 'search']);
		expect(changes.edgesAdded).toEqual([
			{ from: 'checkout', to: 'cart', status: 'confirmed' },
			{ from: 'checkout', to: 'legacy', status: 'phantom' },
			{ from: 'checkout', to: 'payments', status: 'phantom' },
		]);
		expect(changes).toMatchObject({ servicesRemoved: [], edgesRemoved: [], edgesChanged: [], ownersChanged: [], notesReviewed: [], newlyStale: [] });
		expect(countChanges(changes)).toBe(previous.services.length + previous.edges.length);
	});

	it('reports a note that goes stale on an existing service, and only once', () => {
		const staleAfterDays = 90;
		const at = (now: string) =>
			mergeModel(content([note('cart', 'commerce', '2026-08-20')], teams), null, { buildId: now, now: new Date(now), staleAfterDays });
		const fresh = at('2026-11-18T00:00:00Z'); // 90 days
		const stale = at('2026-11-19T00:00:00Z'); // 91 days
		const staler = at('2026-11-26T00:00:00Z');
		expect(diffModels(fresh, stale).newlyStale).toEqual(['cart']);
		expect(diffModels(stale, staler).newlyStale).toEqual([]);
		expect(countChanges(diffModels(stale, staler))).toBe(0);
	});
});

describe('instance counts', () => {
	const withInstances = (model: typeof current, counts: Record<string, number | null>) => ({
		...model,
		services: model.services.map((s) => (s.name in counts ? { ...s, instances: counts[s.name]! } : s)),
	});

	it('lists a service scaled out or in past the thresholds, and not small moves or counts one build lacks', () => {
		const before = withInstances(previous, { checkout: 3, search: 2, cart: 4 });
		const after = withInstances(current, { checkout: 12, search: 3, cart: null });
		expect(diffModels(before, after).instancesChanged).toEqual([{ service: 'checkout', before: 3, after: 12 }]);
		const back = diffModels(withInstances(current, { checkout: 12 }), withInstances(current, { checkout: 4 }));
		expect(back.instancesChanged).toEqual([{ service: 'checkout', before: 12, after: 4 }]);
		expect(countChanges(back)).toBeGreaterThanOrEqual(1);
		// Stricter options: the same move no longer counts.
		expect(diffModels(before, after, { ...DEFAULT_SHIFT_OPTIONS, minInstancesChange: 10 }).instancesChanged).toEqual([]);
	});
});

describe('incident lessons', () => {
	const lesson = (confidence: number) => ({ incident: 'INC-9', slug: 'inc-9', date: '2026-01-01', what: 'critical' as const, note: null, confidence });
	const withLesson = (model: typeof current, confidence: number) => ({
		...model,
		edges: model.edges.map((e) => (e.from === 'checkout' && e.to === 'payments' ? { ...e, learnedIn: [lesson(confidence)] } : e)),
	});

	it('lists a lesson whose confidence moved by a step, fading or confirmed again, and not a small drift', () => {
		const faded = diffModels(withLesson(previous, 0.9), withLesson(current, 0.01));
		expect(faded.lessonsChanged).toEqual([{ incident: 'INC-9', from: 'checkout', to: 'payments', before: 0.9, after: 0.01 }]);
		expect(formatChanges(faded, 'a', 'b')).toContain('Lessons fading (1)\n  INC-9, checkout → payments: 90% → 1%');
		expect(diffModels(withLesson(previous, 0.4), withLesson(current, 0.8)).lessonsChanged).toHaveLength(1);
		expect(diffModels(withLesson(previous, 0.9), withLesson(current, 0.88)).lessonsChanged).toEqual([]);
		// A lesson new in this build has nothing to move from.
		expect(diffModels(previous, withLesson(current, 0.9)).lessonsChanged).toEqual([]);
	});
});

describe('the outside world and shared resources', () => {
	const week = (now: Date, host: string, refundsWrites: boolean, entry: string) =>
		mergeModel(
			content([note('orders', 'commerce', '2026-11-01', ['postgresql:orders']), note('refunds', 'ops', '2026-11-01')], teams),
			snapshot(
				now,
				[
					seen(entry, at('10'), at('15'), { rootSpans: 9 }),
					seen('orders', at('10'), at('15')),
					seen('refunds', at('10'), at('15')),
					seen('postgresql:orders', at('10'), at('15'), { kind: 'database', spans: 0 }),
					seen(host, at('10'), at('15'), { kind: 'external', spans: 0 }),
				],
				[
					call(entry, 'orders', at('10'), at('15')),
					call('orders', 'postgresql:orders', at('10'), at('15'), { writes: 1 }),
					...(refundsWrites ? [call('refunds', 'postgresql:orders', at('10'), at('15'), { writes: 1 })] : []),
					call('refunds', host, at('10'), at('15')),
				],
			),
			{ buildId: now.toISOString(), now, staleAfterDays: 90 },
		);

	it('reports sharing, external hosts and entry points that came or went, and prints them', () => {
		const before = week(lastWeek, 'api.sendgrid.com', false, 'web');
		const after = week(thisWeek, 'eu.api.sendgrid.com', true, 'mobile-bff');
		const changes = diffModels(before, after);
		expect(changes.couplingAdded).toEqual([{ resource: 'postgresql:orders', services: ['orders', 'refunds'] }]);
		expect(changes.externalHostsAdded).toEqual([{ host: 'eu.api.sendgrid.com', callers: ['refunds'] }]);
		expect(changes.externalHostsRemoved).toEqual([{ host: 'api.sendgrid.com', callers: ['refunds'] }]);
		expect(changes.entryPointsAdded).toEqual(['mobile-bff']);
		expect(changes.entryPointsRemoved).toEqual(['web']);
		expect(diffModels(after, before).couplingRemoved).toEqual([{ resource: 'postgresql:orders', services: ['orders', 'refunds'] }]);
		const text = formatChanges(changes, 'a', 'b');
		expect(text).toContain('Sharing appeared (1)\n  postgresql:orders: orders, refunds');
		expect(text).toContain('External services appeared (1)\n  eu.api.sendgrid.com (called by refunds)');
		expect(text).toContain('External services vanished (1)\n  api.sendgrid.com (was called by refunds)');
		expect(text).toContain('Entry points appeared (1)\n  mobile-bff');
		// The first build has nothing to compare against: no host or entry point is news.
		expect(diffModels(null, after)).toMatchObject({ externalHostsAdded: [], entryPointsAdded: [], couplingAdded: [] });
		expect(diffModels(after, after).externalHostsAdded).toEqual([]);
	});
});

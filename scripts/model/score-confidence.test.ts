import { describe, expect, it } from 'vitest';
import { confidenceOptionsSchema } from '../config/confidence-options.ts';
import { mergeModel } from './merge-model.ts';
import type { Model } from './model-schema.ts';
import { call, content, note, seen, snapshot, team } from './test-helpers/model-inputs.ts';

const now = new Date('2026-11-23T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const date = (days: number) => daysAgo(days).slice(0, 10);
// One half-life for every kind makes the arithmetic readable: 100 days old is worth 0.5.
const confidence = confidenceOptionsSchema.parse({ halfLifeDays: { owner: 100, description: 100, note: 100, section: 100, dependency: 100 } });
const base = { buildId: '20261123T000000Z', now, staleAfterDays: 90, confidence };

function claimsOf(model: Model, name: string) {
	return Object.fromEntries(model.services.find((s) => s.name === name)!.confidence!.claims.map((c) => [`${c.kind} ${c.subject}`, c.confidence]));
}

describe('scoreConfidence', () => {
	const checkout = note('checkout', 'commerce', date(100), ['cart', 'loyalty'], 'Takes the order.');
	const telemetry = (callerSpans: number) =>
		snapshot(now, [seen('checkout', daysAgo(3), daysAgo(1), { spans: callerSpans }), seen('cart', daysAgo(3), daysAgo(1)), seen('fraud', daysAgo(3), daysAgo(1))], [
			call('checkout', 'cart', daysAgo(3), daysAgo(1), { calls: 12 }),
			call('checkout', 'fraud', daysAgo(3), daysAgo(1), { calls: 3 }),
		]);

	it('halves a claim every half-life, raises what telemetry confirms, lowers what it does not see, and counts the undeclared as 0', () => {
		// 69 spans of checkout without a call to loyalty: 1 − (1 − minCallShare 0.05)^69 = 97% chance a call would have shown.
		const model = mergeModel(content([checkout], [team('commerce')]), telemetry(69), base);
		expect(claimsOf(model, 'checkout')).toEqual({
			'owner commerce': 0.5,
			'description description': 0.5,
			'note the note': 0.5,
			'dependency cart': 0.99, // 0.5 + (1 − 0.5) × seenWeight 0.98
			'dependency loyalty': 0.3058, // 0.5 × (1 − (1 − absentFloor 0.6) × 0.971)
			'undeclared fraud': 0,
		});
		const service = model.services.find((s) => s.name === 'checkout')!;
		// Prose (note, description) 0.5, ownership 0.5, dependencies (0.99 + 0.3058 + 0) / 3 = 0.4319: the weakest is the headline.
		expect(service.confidence).toMatchObject({
			confidence: 0.4319,
			weakest: 'dependencies',
			parts: { prose: { confidence: 0.5, claims: 2 }, ownership: { confidence: 0.5, claims: 1 }, dependencies: { confidence: 0.4319, claims: 3 } },
		});
		const loyalty = model.edges.find((e) => e.to === 'loyalty')!;
		expect(loyalty).toMatchObject({ status: 'phantom', confidence: 0.3058, absence: { certainty: 0.971, evidenceSpans: 69, interval: null } });
		expect(loyalty.absence!.basis).toBe('Not seen in 69 spans of checkout: were it still called in 5% of them, it would have shown 97% of the time.');
		expect(model.edges.find((e) => e.to === 'fraud')).toMatchObject({ status: 'hidden', confidence: 0 });
		expect(service.confidence!.claims.find((c) => c.subject === 'cart')!.evidence).toBe(
			`the note notes/checkout.md, confirmed ${date(100)} (100 days ago); half-life 100 days: 0.5. Telemetry saw 12 calls in this window: 0.5 + (1 − 0.5) × 0.98 = 0.99.`,
		);
	});

	it('says "cannot tell" about a dependency of a caller that sent too little, or was not seen at all', () => {
		// At a minCallShare of 1%, the caller's own 15 observed calls (standing in for spans) give 1 − 0.99^15 = 14%.
		const rarely = { ...base, confidence: { ...confidence, minCallShare: 0.01 } };
		const quiet = mergeModel(content([checkout], [team('commerce')]), telemetry(0), rarely).edges.find((e) => e.to === 'loyalty')!;
		expect(quiet.absence).toEqual({ certainty: 0.1399, evidenceSpans: 15, interval: null, basis: 'Not seen in 15 spans of checkout: too little traffic to tell (were it still called in 1% of them, it would have shown 14% of the time).' });
		const unseen = mergeModel(content([checkout], [team('commerce')]), snapshot(now, [seen('cart', daysAgo(3), daysAgo(1))], []), base);
		expect(unseen.edges.find((e) => e.to === 'loyalty')!.absence).toEqual({
			certainty: 0,
			evidenceSpans: 0,
			interval: null,
			basis: 'Not seen, but checkout itself was not seen either: cannot tell.',
		});
		// Without telemetry nothing is judged absent: the claim only decays.
		expect(claimsOf(mergeModel(content([checkout], [team('commerce')]), null, base), 'checkout')['dependency loyalty']).toBe(0.5);
	});

	it('recovers after a review, and loses a little with every deploy since', () => {
		const reviewed = mergeModel(content([{ ...checkout, reviewed: date(0) }], [team('commerce')]), null, base);
		expect(claimsOf(reviewed, 'checkout')['note the note']).toBe(1);
		const deploys = [
			{ service: 'checkout', version: '3.15.0', time: daysAgo(50), file: 'deploys/d.jsonl' },
			{ service: 'checkout', version: '3.16.0', time: daysAgo(10), file: 'deploys/d.jsonl' },
			{ service: 'checkout', version: '3.14.0', time: daysAgo(200), file: 'deploys/d.jsonl' },
			{ service: 'checkout', version: '4.0.0', time: daysAgo(-5), file: 'deploys/d.jsonl' },
		].sort((a, b) => a.time.localeCompare(b.time));
		const deployed = mergeModel(content([checkout], [team('commerce')]), null, { ...base, deploys });
		const service = deployed.services.find((s) => s.name === 'checkout')!;
		// Two deploys after the review (not the one before it, nor the one after the build).
		expect(service.deploys).toEqual({ sinceReview: 2, latest: { version: '3.16.0', time: daysAgo(10) } });
		expect(claimsOf(deployed, 'checkout')['note the note']).toBe(0.4513); // 0.5 × 0.95²
		expect(claimsOf(deployed, 'checkout')['owner commerce']).toBe(0.5);
	});

	it('takes a review dated after the build for no review: of unknown age, every deploy since, and says why', () => {
		const ahead = { ...checkout, reviewed: date(-23), sections: [{ heading: 'Runbook', depth: 2, line: 9, reviewed: date(-1) }] };
		const deploys = [
			{ service: 'checkout', version: '3.14.0', time: daysAgo(200), file: 'deploys/d.jsonl' },
			{ service: 'checkout', version: '3.16.0', time: daysAgo(10), file: 'deploys/d.jsonl' },
		];
		const model = mergeModel(content([ahead], [team('commerce')]), null, { ...base, deploys });
		const service = model.services.find((s) => s.name === 'checkout')!;
		// Not 1, as a review today would be: a date after the clock places the review nowhere in time.
		expect(claimsOf(model, 'checkout')).toMatchObject({ 'owner commerce': 0.5, 'note the note': 0.4513, 'section Runbook': 0.5 }); // 0.5 × 0.95²
		expect(service.deploys.sinceReview).toBe(2);
		const claim = service.confidence!.claims.find((c) => c.kind === 'note')!;
		expect(claim).toMatchObject({ since: null, ageDays: null, halfLifeDays: 100 });
		expect(claim.evidence).toBe(
			`the note notes/checkout.md, dated ${date(-23)}, 3 weeks after this build: a date after the build confirms nothing, so it counts as of unknown age (one half-life old); half-life 100 days: 0.5; 2 deploys since, ×0.9.`,
		);
		expect(service.confidence!.claims.find((c) => c.kind === 'section')!.evidence).toContain(`section "Runbook", dated ${date(-1)}, 1 day after this build: `);
		// The day of the build itself is no later than the build.
		const today = mergeModel(content([{ ...checkout, reviewed: date(0) }], [team('commerce')]), null, base);
		expect(today.services.find((s) => s.name === 'checkout')!.confidence!.claims.find((c) => c.kind === 'note')).toMatchObject({ confidence: 1, since: date(0), ageDays: 0 });
	});

	it('takes a note\'s own half-life, scores sections by their own dates, and rolls up to teams and the system', () => {
		const fast = { ...checkout, halfLife: 50, sections: [{ heading: 'Runbook', depth: 2, line: 9, reviewed: date(50) }] };
		const model = mergeModel(content([fast, note('cart', 'commerce', date(0))], [team('commerce'), team('idle')]), null, base);
		expect(claimsOf(model, 'checkout')).toMatchObject({ 'note the note': 0.25, 'section Runbook': 0.5, 'owner commerce': 0.25 });
		const scores = Object.fromEntries(model.services.map((s) => [s.name, s.confidence?.confidence ?? null]));
		expect(model.teams.find((t) => t.id === 'commerce')!.confidence).toBe(Math.round(((scores['checkout']! + scores['cart']!) / 2) * 1e4) / 1e4);
		expect(model.teams.find((t) => t.id === 'idle')!.confidence).toBeNull();
		// The system counts every service, loyalty too: named in a note, described nowhere, so 0.
		expect(scores['loyalty']).toBe(0);
		expect(model.summary.confidence).toBe(Math.round(((scores['checkout']! + scores['cart']! + 0) / 3) * 1e4) / 1e4);
	});

	it('gives a running service nobody documented 0, and leaves undescribed infrastructure unscored', () => {
		const model = mergeModel(
			content([], []),
			snapshot(now, [seen('ghost', daysAgo(3), daysAgo(1)), seen('postgresql:x', daysAgo(3), daysAgo(1), { kind: 'database', spans: 0 })], [
				call('ghost', 'postgresql:x', daysAgo(3), daysAgo(1), { via: 'database' }),
			]),
			base,
		);
		expect(model.services.find((s) => s.name === 'ghost')!.confidence).toMatchObject({ confidence: 0 });
		expect(model.services.find((s) => s.name === 'postgresql:x')!.confidence).toBeNull();
	});
});

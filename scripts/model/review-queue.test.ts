import { describe, expect, it } from 'vitest';
import type { Model } from './model-schema.ts';
import { queueKey, reviewQueues } from './review-queue.ts';
import { queueBuild as build } from './test-helpers/queue-builds.ts';

const queueOf = (model: Model, id: string) => model.teams.find((t) => t.id === id)!.queue;
const keys = (model: Model, id: string) => queueOf(model, id).map((item) => item.key);

describe('reviewQueues', () => {
	it('lists every open unknown a team owns, each opening in the build that first finds it', () => {
		const first = build(0, null);
		expect(new Set(keys(first, 'commerce'))).toEqual(
			new Set([
				queueKey('hidden', 'checkout', 'cart'),
				queueKey('hidden', 'checkout', 'mystery'),
				queueKey('phantom', 'checkout', 'loyalty'),
				queueKey('stale-note', 'cart', ''),
				queueKey('stale-section', 'cart', 'Runbook'),
				queueKey('undocumented', 'mystery', ''),
			]),
		);
		// legacy belongs to a person who left: the team whose service calls it is the one that must ask.
		expect(new Set(keys(first, 'payments'))).toEqual(new Set([queueKey('hidden', 'pay', 'legacy'), queueKey('owner-departed', 'legacy', 'user:jdoe')]));
		for (const item of [...queueOf(first, 'commerce'), ...queueOf(first, 'payments')]) {
			expect(item.openSince).toEqual({ build: 'b0', date: '2026-11-02' });
			expect(item.buildsOpen).toBe(1);
			expect(item.risk).toBe(first.services.find((s) => s.name === item.service)!.risk!.score);
		}
	});

	it('carries how long an item has been open, drops what was closed, and opens what is new', () => {
		const second = build(1, build(0, null));
		// cart's note was reviewed; its Runbook section was not.
		expect(keys(second, 'commerce')).not.toContain(queueKey('stale-note', 'cart', ''));
		const runbook = queueOf(second, 'commerce').find((item) => item.kind === 'stale-section')!;
		expect(runbook).toMatchObject({ openSince: { build: 'b0', date: '2026-11-02' }, buildsOpen: 2 });

		const third = build(2, second);
		const tax = queueOf(third, 'commerce').find((item) => item.key === queueKey('hidden', 'checkout', 'tax'))!;
		expect(tax).toMatchObject({ openSince: { build: 'b2', date: '2026-11-16' }, buildsOpen: 1 });
		expect(queueOf(third, 'commerce').find((item) => item.kind === 'stale-section')!.buildsOpen).toBe(3);
	});

	it('puts the longest open first, then the riskiest, then orders by key', () => {
		const queue = queueOf(build(2, build(1, build(0, null))), 'commerce');
		expect(queue.at(-1)!.key).toBe(queueKey('hidden', 'checkout', 'tax'));
		for (let i = 1; i < queue.length; i++) {
			const [a, b] = [queue[i - 1]!, queue[i]!];
			expect(a.buildsOpen > b.buildsOpen || (a.buildsOpen === b.buildsOpen && (a.risk > b.risk || (a.risk === b.risk && a.key < b.key))), `${a.key} before ${b.key}`).toBe(true);
		}
		// Risk tells items open equally long apart: mystery (undocumented, confidence 0) outranks cart.
		const risks = queue.filter((item) => item.buildsOpen === 3).map((item) => item.risk);
		expect(new Set(risks).size).toBeGreaterThan(1);
	});

	it('gives nothing to a team for a service no team owns, and starts afresh without a previous queue', () => {
		const first = build(0, null);
		const all = [...reviewQueues(first, null).values()].flat();
		// mystery and legacy appear only as what they are, never as a team's dependency or note.
		expect(all.filter((item) => item.service === 'mystery' || item.service === 'legacy').map((item) => item.kind).sort()).toEqual(['owner-departed', 'undocumented']);
		// An older model without queues carries nothing.
		const older = { ...first, teams: first.teams.map((t) => ({ ...t, queue: [] })) };
		expect(reviewQueues(build(1, older), older).get('commerce')!.every((item) => item.buildsOpen === 1 && item.openSince.build === 'b1')).toBe(true);
	});
});

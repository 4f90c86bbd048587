import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyCatalog } from '../catalogs/empty-catalog.ts';
import { loadContent } from '../notes/load-content.ts';
import { describeServices } from './describe-services.ts';
import { mergeModel } from './merge-model.ts';

// Notes written from the OpenTelemetry demo's architecture page (see the folder's README).
const folder = path.resolve(import.meta.dirname, '../../fixtures/otel-demo-notes');
const now = new Date('2026-11-23T12:00:00Z');

describe('the OpenTelemetry demo, as its notes declare it, with no telemetry', async () => {
	const content = await loadContent(folder, { now, git: null });
	const model = mergeModel(describeServices(content, emptyCatalog(), null), null, { buildId: '20261123T120000Z', now, staleAfterDays: 90 });
	const edge = (from: string, to: string) => model.edges.find((e) => e.from === from && e.to === to);

	it('reads every note without a problem', () => {
		expect(content.problems).toEqual([]);
		expect(content.notes.map((n) => n.service)).toEqual(['accounting', 'cart', 'checkout', 'fraud-detection']);
	});

	it('shares kafka:orders between the service that publishes and the two that consume, each declared and none observed', () => {
		const orders = model.couplings.find((c) => c.resource === 'kafka:orders');
		expect(orders).toMatchObject({ kind: 'queue', writers: 1, documented: true, indirectPairs: 3 });
		expect(orders!.users.map((u) => [u.service, u.uses, u.status])).toEqual([
			['accounting', ['consumes'], 'phantom'],
			['checkout', ['publishes'], 'phantom'],
			['fraud-detection', ['consumes'], 'phantom'],
		]);
		expect(edge('checkout', 'kafka:orders')).toMatchObject({ declaredBy: ['note'], declaredUses: ['publishes'], observed: false, calls: 0 });
	});

	it('keeps what a note leaves unsaid unsaid, and a store named as read and written as both', () => {
		expect(edge('accounting', 'postgresql:astronomy_db')).toMatchObject({ status: 'phantom', declaredUses: [], uses: [] });
		expect(edge('cart', 'redis:valkey-cart')).toMatchObject({ status: 'phantom', declaredUses: ['reads', 'writes'], uses: ['reads', 'writes'] });
		expect(model.services.find((s) => s.name === 'postgresql:astronomy_db')?.kind).toBe('database');
		// A store one service uses is shared with nobody.
		expect(model.couplings.map((c) => c.resource)).toEqual(['kafka:orders']);
	});
});

import { describe, expect, it } from 'vitest';
import { mergeModel } from './merge-model.ts';
import { edgeUses } from './infrastructure-usage.ts';
import { call, content, note, seen, snapshot, team } from './test-helpers/model-inputs.ts';

const now = new Date('2026-11-23T00:00:00Z');
const t = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const merge = (notes: Parameters<typeof content>[0], services: ReturnType<typeof seen>[], edges: ReturnType<typeof call>[]) =>
	mergeModel(content(notes, [team('commerce', 'Commerce'), team('money', 'Money'), team('data', 'Data')]), snapshot(now, services, edges), { buildId: 'x', now, staleAfterDays: 90 });

describe('edgeUses', () => {
	const edge = { calls: 10, reads: 0, writes: 0, consumes: 0, declaredUses: [] };
	it('says how a store or a queue is used by what telemetry saw, and calls for the rest', () => {
		expect(edgeUses({ ...edge, reads: 6, writes: 4 }, 'database')).toEqual(['reads', 'writes']);
		expect(edgeUses({ ...edge, reads: 6 }, 'database')).toEqual(['reads', 'calls']);
		expect(edgeUses({ ...edge, consumes: 10 }, 'queue')).toEqual(['consumes']);
		expect(edgeUses({ ...edge, consumes: 4 }, 'queue')).toEqual(['publishes', 'consumes']);
		expect(edgeUses(edge, 'external')).toEqual(['calls']);
		expect(edgeUses(edge, 'service')).toEqual(['calls']);
	});
	it('falls back on what is declared when nothing was seen, or when the store calls named no operation', () => {
		expect(edgeUses({ ...edge, calls: 0, declaredUses: ['writes', 'reads'] }, 'database')).toEqual(['reads', 'writes']);
		expect(edgeUses({ ...edge, declaredUses: ['writes'] }, 'database')).toEqual(['writes']);
		expect(edgeUses({ ...edge, calls: 0 }, 'database')).toEqual([]);
	});
});

describe('couplings, entry points and egress in the merged model', () => {
	const services = [
		seen('web', t(5), t(1), { rootSpans: 40 }),
		seen('orders', t(5), t(1)),
		seen('refunds', t(5), t(1)),
		seen('reporting', t(5), t(1), { rootSpans: 3 }),
		seen('postgresql:orders', t(5), t(1), { kind: 'database', spans: 0 }),
		seen('kafka:orders', t(5), t(1), { kind: 'queue', spans: 0 }),
		seen('api.stripe.com', t(5), t(1), { kind: 'external', spans: 0 }),
	];
	const edges = [
		call('web', 'orders', t(5), t(1), { calls: 40 }),
		call('web', 'refunds', t(5), t(1), { calls: 5 }),
		call('orders', 'postgresql:orders', t(5), t(1), { calls: 80, reads: 50, writes: 30 }),
		call('refunds', 'postgresql:orders', t(5), t(1), { calls: 5, writes: 5 }),
		call('reporting', 'postgresql:orders', t(5), t(1), { calls: 3, reads: 3 }),
		call('orders', 'kafka:orders', t(5), t(1), { calls: 40 }),
		call('refunds', 'kafka:orders', t(5), t(1), { calls: 40, consumerCalls: 40 }),
		call('refunds', 'api.stripe.com', t(5), t(1), { calls: 5 }),
	];
	const notes = [
		note('orders', 'commerce', '2026-11-01', ['postgresql:orders', 'kafka:orders']),
		note('refunds', 'money', '2026-11-01', ['kafka:orders', 'api.stripe.com']),
		note('reporting', 'data', '2026-11-01', ['postgresql:orders']),
		note('web', 'commerce', '2026-11-01', ['orders', 'refunds']),
	];

	it('finds each shared store, who reads and who writes it, and whether every use is written down', () => {
		const model = merge(notes, services, edges);
		const db = model.couplings.find((c) => c.resource === 'postgresql:orders')!;
		expect(db.users.map((u) => [u.service, u.uses, u.status])).toEqual([
			['orders', ['reads', 'writes'], 'confirmed'],
			['refunds', ['writes'], 'hidden'],
			['reporting', ['reads'], 'confirmed'],
		]);
		expect(db).toMatchObject({ kind: 'database', teams: 3, writers: 2, documented: false, indirectPairs: 3 });
		expect(model.summary.undocumentedCoupling).toBe(1);
		// The queue: orders publishes, refunds consumes, and they do not call each other.
		expect(model.couplings.find((c) => c.resource === 'kafka:orders')).toMatchObject({
			users: [expect.objectContaining({ service: 'orders', uses: ['publishes'] }), expect.objectContaining({ service: 'refunds', uses: ['consumes'] })],
			documented: true,
			indirectPairs: 1,
		});
		// The most users first.
		expect(model.couplings.map((c) => c.resource)).toEqual(['postgresql:orders', 'kafka:orders']);
	});

	it('is no coupling when every user calls the others: the call graph already shows it', () => {
		const model = merge(notes, services, [...edges, call('orders', 'refunds', t(5), t(1)), call('reporting', 'orders', t(5), t(1)), call('reporting', 'refunds', t(5), t(1))]);
		expect(model.couplings).toEqual([]);
	});

	it('lists where traffic enters, the external hosts called, and what stands between the entries and the data', () => {
		const model = merge(notes, services, edges);
		expect(model.entryPoints).toEqual([
			{ service: 'web', rootSpans: 40, basis: 'root-spans' },
			{ service: 'reporting', rootSpans: 3, basis: 'root-spans' },
		]);
		expect(model.egress).toEqual([{ host: 'api.stripe.com', callers: ['refunds'], calls: 5, observed: true, firstSeen: t(5), lastSeen: t(1) }]);
		expect(model.betweenEntryAndData).toEqual(['orders', 'refunds', 'reporting', 'web']);
	});

	it('judges entry points by callers when the source keeps call totals and no spans', () => {
		const totals = mergeModel(
			content([], []),
			{ ...snapshot(now, services.map((s) => ({ ...s, spans: 0, rootSpans: 0 })), edges), stats: { spans: 0, traces: 0, spansOutsideWindow: 0, orphanSpans: 0, counting: { basis: 'complete', ratio: null, evidence: null } } },
			{ buildId: 'x', now, staleAfterDays: 90 },
		);
		expect(totals.entryPoints).toEqual([
			{ service: 'reporting', rootSpans: null, basis: 'no-callers' },
			{ service: 'web', rootSpans: null, basis: 'no-callers' },
		]);
	});
});

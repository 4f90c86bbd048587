import { describe, expect, it } from 'vitest';
import { combineSnapshots } from './combine-snapshots.ts';
import { snapshotSchema, type TelemetrySnapshot } from './snapshot.ts';

const window = { start: '2026-11-16T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z' };

function snapshot(name: string, part: Partial<TelemetrySnapshot>): TelemetrySnapshot {
	return {
		schemaVersion: 1,
		source: { name, inputs: [{ path: `${name}-input`, spans: part.stats?.spans ?? 0 }] },
		pulledAt: window.end,
		window,
		stats: { spans: 0, traces: 0, spansOutsideWindow: 0, orphanSpans: 0, counting: { basis: 'unknown', ratio: null, evidence: null } },
		services: [],
		edges: [],
		...part,
	};
}

const service = (name: string, extra: Partial<TelemetrySnapshot['services'][number]> = {}) => ({
	name,
	rawNames: [],
	kind: 'service' as const,
	spans: 0,
	firstSeen: null,
	lastSeen: null,
	versions: [],
	instances: 0,
	rootSpans: 0,
	...extra,
});

describe('combineSnapshots', () => {
	it('keeps the busiest source per edge instead of adding the same calls twice', () => {
		const traces = snapshot('files', {
			stats: { spans: 40, traces: 4, spansOutsideWindow: 1, orphanSpans: 2, counting: { basis: 'sampled', ratio: 0.1, evidence: 'tracestate' } },
			services: [service('web', { spans: 40, rootSpans: 4, firstSeen: '2026-11-17T00:00:00.000Z', lastSeen: '2026-11-18T00:00:00.000Z', versions: ['2'] })],
			edges: [
				{ from: 'web', to: 'cart', via: 'parent-child', calls: 12, errors: 1, errorTraceCalls: 0, retries: 0, consumerCalls: 0, reads: 0, writes: 0, latencyMs: null, firstSeen: '2026-11-17T00:00:00.000Z', lastSeen: '2026-11-18T00:00:00.000Z' },
			],
		});
		const metrics = snapshot('prometheus', {
			stats: { spans: 0, traces: 0, spansOutsideWindow: 0, orphanSpans: 0, counting: { basis: 'complete', ratio: null, evidence: 'metrics' } },
			// A second view of the same traffic (say, a second export) naming some of the same trace starts.
			services: [service('web', { versions: ['1'], rootSpans: 3 }), service('cart'), service('postgresql:carts', { kind: 'database' })],
			edges: [
				{ from: 'web', to: 'cart', via: 'metrics', calls: 120, errors: 3, errorTraceCalls: 0, retries: 0, consumerCalls: 0, reads: 0, writes: 0, latencyMs: null, firstSeen: null, lastSeen: null },
				{ from: 'cart', to: 'postgresql:carts', via: 'metrics', calls: 90, errors: 0, errorTraceCalls: 0, retries: 0, consumerCalls: 0, reads: 0, writes: 0, latencyMs: null, firstSeen: null, lastSeen: null },
			],
		});
		const combined = snapshotSchema.parse(combineSnapshots([traces, metrics]));
		expect(combined.source.name).toBe('files+prometheus');
		expect(combined.stats).toEqual({
			spans: 40,
			traces: 4,
			spansOutsideWindow: 1,
			orphanSpans: 2,
			counting: { basis: 'sampled', ratio: 0.1, evidence: 'tracestate' },
		});
		// The same traffic seen twice starts the same traces: the larger count stands, not the sum.
		expect(combined.services.map((s) => [s.name, s.kind, s.spans, s.rootSpans, s.versions, s.lastSeen])).toEqual([
			['cart', 'service', 0, 0, [], null],
			['postgresql:carts', 'database', 0, 0, [], null],
			['web', 'service', 40, 4, ['1', '2'], '2026-11-18T00:00:00.000Z'],
		]);
		// The metrics saw every web → cart call, the traces a sample of them: one count, not both.
		expect(combined.edges.map((e) => [e.from, e.to, e.via, e.calls])).toEqual([
			['cart', 'postgresql:carts', 'metrics', 90],
			['web', 'cart', 'metrics', 120],
		]);
	});

	it('returns a single snapshot as it is', () => {
		const only = snapshot('files', {});
		expect(combineSnapshots([only])).toBe(only);
	});
});

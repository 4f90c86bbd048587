import { compare } from '../lib/compare.ts';
import { busiestPerPair } from './busiest-per-pair.ts';
import type { Counting, ObservedService, TelemetrySnapshot } from './snapshot.ts';

const KIND_RANK: Record<ObservedService['kind'], number> = { service: 0, database: 1, queue: 2, external: 3 };
const COUNTING_RANK: Record<Counting['basis'], number> = { sampled: 0, unknown: 1, complete: 2 };

/**
 * Combines the snapshots of several sources for one window into one. Sources watch the same
 * system, so the same call seen by two of them (traces and service-graph metrics, say) is one
 * call seen twice: for each caller and callee, the edges of the source that saw the most calls
 * between them are kept, and the other sources' are dropped, never added. Nodes are the union;
 * times widen; the counting basis is the weakest claim.
 */
export function combineSnapshots(snapshots: TelemetrySnapshot[]): TelemetrySnapshot {
	if (snapshots.length === 1) return snapshots[0]!;
	const [first] = snapshots;
	if (!first) throw new Error('combineSnapshots needs at least one snapshot');

	const services = new Map<string, ObservedService>();
	for (const service of snapshots.flatMap((s) => s.services)) {
		const seen = services.get(service.name);
		if (!seen) {
			services.set(service.name, { ...service, rawNames: [...service.rawNames], versions: [...service.versions] });
			continue;
		}
		if (KIND_RANK[service.kind] < KIND_RANK[seen.kind]) seen.kind = service.kind;
		seen.spans += service.spans;
		// Both sources watched the same instances; counts cannot be unioned, so the larger stands.
		seen.instances = Math.max(seen.instances, service.instances);
		// The same traffic seen twice starts the same traces.
		seen.rootSpans = Math.max(seen.rootSpans, service.rootSpans);
		seen.firstSeen = earliest(seen.firstSeen, service.firstSeen);
		seen.lastSeen = latest(seen.lastSeen, service.lastSeen);
		seen.rawNames = [...new Set([...seen.rawNames, ...service.rawNames])].sort();
		seen.versions = [...new Set([...seen.versions, ...service.versions])].sort();
	}

	// The same call seen by two sources is one call: the busiest source wins each caller → callee pair.
	const edges = busiestPerPair(snapshots.map((s) => s.edges));

	const counting = snapshots
		.map((s) => s.stats.counting)
		.reduce((weakest, c) => (COUNTING_RANK[c.basis] < COUNTING_RANK[weakest.basis] ? c : weakest));

	return {
		schemaVersion: first.schemaVersion,
		source: {
			name: snapshots.map((s) => s.source.name).join('+'),
			inputs: snapshots.flatMap((s) => s.source.inputs),
		},
		pulledAt: first.pulledAt,
		window: first.window,
		stats: {
			spans: sum(snapshots, (s) => s.stats.spans),
			traces: sum(snapshots, (s) => s.stats.traces),
			spansOutsideWindow: sum(snapshots, (s) => s.stats.spansOutsideWindow),
			orphanSpans: sum(snapshots, (s) => s.stats.orphanSpans),
			counting,
		},
		services: [...services.values()].sort((a, b) => compare(a.name, b.name)),
		edges: edges.sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.via, b.via)),
	};
}

function earliest(a: string | null, b: string | null): string | null {
	return a === null ? b : b === null ? a : a < b ? a : b;
}

function latest(a: string | null, b: string | null): string | null {
	return a === null ? b : b === null ? a : a > b ? a : b;
}

function sum<T>(items: T[], value: (item: T) => number): number {
	return items.reduce((total, item) => total + value(item), 0);
}

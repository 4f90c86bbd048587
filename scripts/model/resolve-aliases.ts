import { compare } from '../lib/compare.ts';
import type { ObservedService, TelemetrySnapshot } from '../sources/snapshot.ts';

/**
 * Renames telemetry's names to the services whose notes claim them as aliases, folding the
 * statistics of every name one service has into one. The names telemetry used are kept as the
 * service's raw names, so its page still says what telemetry called it.
 */
export function resolveAliases(snapshot: TelemetrySnapshot, aliases: ReadonlyMap<string, string>): TelemetrySnapshot {
	if (aliases.size === 0) return snapshot;
	const resolve = (name: string) => aliases.get(name) ?? name;
	const services = new Map<string, ObservedService>();
	const seenAs = new Map<string, Set<string>>();
	for (const service of snapshot.services) {
		const name = resolve(service.name);
		const names = seenAs.get(name) ?? new Set();
		seenAs.set(name, names);
		for (const raw of service.rawNames.length > 0 ? service.rawNames : [service.name]) names.add(raw);
		const known = services.get(name);
		// An alias and its service both seen: one service, running under two names.
		services.set(
			name,
			known
				? {
						...known,
						kind: known.kind === 'service' || service.kind === 'service' ? 'service' : known.kind,
						spans: known.spans + service.spans,
						// Two names are two deployments of one service: their instances add up.
						instances: known.instances + service.instances,
						rootSpans: known.rootSpans + service.rootSpans,
						firstSeen: earliest(known.firstSeen, service.firstSeen),
						lastSeen: latest(known.lastSeen, service.lastSeen),
						versions: [...new Set([...known.versions, ...service.versions])].sort(compare),
					}
				: { ...service, name },
		);
	}
	for (const [name, service] of services) {
		const names = [...seenAs.get(name)!].sort(compare);
		service.rawNames = names.length === 1 && names[0] === name ? [] : names;
	}
	const selfCalls = new Set(snapshot.edges.filter((e) => e.from === e.to).map((e) => e.from));
	const edges = snapshot.edges
		.map((edge) => ({ ...edge, from: resolve(edge.from), to: resolve(edge.to) }))
		// Two names of one service calling each other is the service calling itself, which says nothing new.
		.filter((edge) => edge.from !== edge.to || selfCalls.has(edge.from))
		.sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
	return { ...snapshot, services: [...services.values()].sort((a, b) => compare(a.name, b.name)), edges };
}

function earliest(a: string | null, b: string | null): string | null {
	if (a === null || b === null) return a ?? b;
	return a < b ? a : b;
}

function latest(a: string | null, b: string | null): string | null {
	if (a === null || b === null) return a ?? b;
	return a > b ? a : b;
}

import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import { compare } from '../lib/compare.ts';
import { stronglyConnected } from '../lib/strongly-connected.ts';
import { nearestName } from '../notes/nearest-name.ts';
import type { Beliefs, DescribedDependency } from './describe-services.ts';
import type { TelemetrySnapshot } from '../sources/snapshot.ts';
import { guessKind } from './guess-kind.ts';

/**
 * Flags declared dependencies worth a second look: a service name nothing else knows (likely a
 * typo, or a service nobody documented and telemetry has not seen), a store, queue or host in a
 * note's `stores:` or `uses:` that no other note, catalog or telemetry names, and cycles among
 * declared dependencies, which make a failure in one service a failure of all of them.
 */
export function checkDependencies(beliefs: Beliefs, observed: ReadonlySet<string>): Problem[] {
	const problems: Problem[] = [];
	const known = new Set([...beliefs.services.map((s) => s.name), ...beliefs.aliases.keys(), ...observed]);
	const shared = namedTwice(beliefs);
	for (const service of beliefs.services) {
		for (const dependency of service.dependsOn) {
			if (dependency.usesAt) {
				// A store or queue two services name is known to both teams; one only one note names may be a typo.
				if (!known.has(dependency.name) && !shared.has(dependency.name)) problems.push(unknownUse(service.name, dependency.name, dependency.usesAt, [...known, ...shared]));
				continue;
			}
			// Databases, queues and hosts are named by convention and rarely get notes of their own.
			if (known.has(dependency.name) || guessKind(dependency.name) !== 'service') continue;
			const near = nearestName(dependency.name, known);
			problems.push({
				severity: 'warning',
				error: new HalflifeError('DependencyUnknown', {
					location: dependency.at,
					params: {
						service: service.name,
						dependency: dependency.name,
						fix: near
							? `Did you mean \`${near}\`?`
							: `Check the name against telemetry (\`service.name\`), or write a note for \`${dependency.name}\`.`,
					},
				}),
			});
		}
	}
	for (const cycle of findCycles(beliefs)) {
		const first = beliefs.services.find((s) => s.name === cycle[0])!;
		const edge = first.dependsOn.find((d) => d.name === cycle[1 % cycle.length])!;
		problems.push({
			severity: 'warning',
			error: new HalflifeError('DependencyCycle', {
				location: edge.at,
				params: { cycle: [...cycle, cycle[0]].map((name) => `\`${name}\``).join(' → ') },
			}),
		});
	}
	return problems;
}

// A `stores:` or `uses:` entry naming nothing known, with the nearest known name when there is one.
function unknownUse(service: string, name: string, usesAt: NonNullable<DescribedDependency['usesAt']>, known: readonly string[]): Problem {
	const near = nearestName(name, known);
	return {
		severity: 'warning',
		error: new HalflifeError('DeclaredUseUnknown', {
			location: usesAt.at,
			params: {
				service,
				dependency: name,
				field: usesAt.field,
				fix: near
					? `Did you mean \`${near}\`?`
					: 'Check the name against telemetry (a database as `<db.system>:<db.name>`, a queue as `<messaging.system>:<destination>`), or describe it in a catalog.',
			},
		}),
	};
}

// Names two or more services declare depending on.
function namedTwice(beliefs: Beliefs): Set<string> {
	const seen = new Set<string>();
	const twice = new Set<string>();
	for (const service of beliefs.services) for (const { name } of service.dependsOn) (seen.has(name) ? twice : seen).add(name);
	return twice;
}

/** Every name telemetry used in a snapshot, folded and raw, for `checkDependencies`. */
export function observedNames(snapshot: Pick<TelemetrySnapshot, 'services'> | null): Set<string> {
	return new Set((snapshot?.services ?? []).flatMap((s) => [s.name, ...s.rawNames]));
}

/**
 * One cycle per strongly connected group of declared dependencies (a group of one only when it
 * depends on itself), each starting at its smallest name.
 */
export function findCycles(beliefs: Beliefs): string[][] {
	const next = new Map(beliefs.services.map((s) => [s.name, s.dependsOn.map((d) => d.name)]));
	const groups = stronglyConnected(next).filter((group) => group.length > 1 || next.get(group[0]!)!.includes(group[0]!));
	return groups.map((group) => cycleThrough(group, next)).sort((a, b) => compare(a[0]!, b[0]!));
}

// A path around the group from its smallest name back to it, found by breadth-first search inside the group.
function cycleThrough(group: string[], next: Map<string, string[]>): string[] {
	const members = new Set(group);
	const start = [...group].sort(compare)[0]!;
	const previous = new Map<string, string>();
	const queue = [start];
	while (queue.length > 0) {
		const node = queue.shift()!;
		for (const target of [...(next.get(node) ?? [])].sort(compare)) {
			if (!members.has(target)) continue;
			if (target === start) {
				const path = [node];
				while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
				return path;
			}
			if (!previous.has(target)) {
				previous.set(target, node);
				queue.push(target);
			}
		}
	}
	return [start];
}

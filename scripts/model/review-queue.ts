import { compare } from '../lib/compare.ts';
import type { Model, QueueItem, QueueKind } from './model-schema.ts';
import { SURELY_GONE } from './next-actions.ts';

// An item as this build finds it, before history is carried onto it.
type Found = Pick<QueueItem, 'kind' | 'service' | 'subject'>;

/**
 * Each team's review queue by team id: every open unknown the team owns, with how long it has been
 * open (carried from the previous build's queue by key), the longest open first, then the riskiest.
 * A dependency is its caller's owner's; a note, its service's owner's. An undocumented service, or
 * one whose owner has left, is nobody's to answer for, so it goes to every team whose services call
 * it or are called by it. A service owned by no team (nobody, or a person) gives no team anything.
 */
export function reviewQueues(model: Model, previous: Model | null): Map<string, QueueItem[]> {
	const ownerOf = new Map(model.teams.flatMap((team) => team.services.map((name) => [name, team.id] as const)));
	const before = new Map((previous?.teams ?? []).flatMap((team) => team.queue.map((item) => [`${team.id}\u0000${item.key}`, item] as const)));
	const risk = new Map(model.services.map((s) => [s.name, s.risk?.score ?? 0]));
	const opened = { build: model.build.id, date: model.build.now.slice(0, 10) };
	const queues = new Map(model.teams.map((team) => [team.id, new Map<string, QueueItem>()]));
	const add = (team: string | undefined, found: Found) => {
		const queue = team === undefined ? undefined : queues.get(team);
		const key = queueKey(found.kind, found.service, found.subject);
		if (!queue || queue.has(key)) return;
		const old = before.get(`${team}\u0000${key}`);
		queue.set(key, { key, ...found, openSince: old?.openSince ?? opened, buildsOpen: (old?.buildsOpen ?? 0) + 1, risk: risk.get(found.service) ?? 0 });
	};
	for (const edge of model.edges) {
		if (edge.status === 'hidden' || edge.status === 'phantom') add(ownerOf.get(edge.from), { kind: edge.status, service: edge.from, subject: edge.to });
		// A dependency seen before is not a gap while it may still come back; once its absence is sure, the note is wrong.
		else if (edge.status === 'dormant' && (edge.absence?.certainty ?? 0) >= SURELY_GONE) add(ownerOf.get(edge.from), { kind: 'gone', service: edge.from, subject: edge.to });
	}
	for (const service of model.services) {
		const owner = ownerOf.get(service.name);
		if (service.note?.stale) add(owner, { kind: 'stale-note', service: service.name, subject: '' });
		for (const section of service.note?.sections ?? []) if (section.stale) add(owner, { kind: 'stale-section', service: service.name, subject: section.heading });
	}
	for (const [found, teams] of orphans(model, ownerOf)) for (const team of teams) add(team, found);
	return new Map([...queues].map(([team, items]) => [team, [...items.values()].sort(queueOrder)]));
}

/** The model with each team's `queue` set from `reviewQueues`. */
export function withReviewQueues(model: Model, previous: Model | null): Model {
	const queues = reviewQueues(model, previous);
	return { ...model, teams: model.teams.map((team) => ({ ...team, queue: queues.get(team.id) ?? [] })) };
}

/** A queue item's stable identity: its kind, service and subject, unambiguous whatever the names hold. */
export function queueKey(kind: QueueKind, service: string, subject: string): string {
	return JSON.stringify([kind, service, subject]);
}

/** Queue order: the most builds open first, then the riskiest, then by key. */
export function queueOrder(a: QueueItem, b: QueueItem): number {
	return b.buildsOpen - a.buildsOpen || b.risk - a.risk || compare(a.key, b.key);
}

// Undocumented services and services whose owner left, each with the teams whose services it calls or is called by.
function orphans(model: Model, ownerOf: ReadonlyMap<string, string>): [Found, Set<string>][] {
	const found = new Map<string, Found>();
	for (const service of model.services) {
		if (service.kind !== 'service') continue;
		const departed = service.problems.some((p) => p.name === 'OwnerDeparted');
		if (service.sources.length === 0) found.set(service.name, { kind: 'undocumented', service: service.name, subject: '' });
		else if (departed) found.set(service.name, { kind: 'owner-departed', service: service.name, subject: service.owner ?? '' });
	}
	// A team that owns the service itself (an owner check may one day flag a team's service) keeps it too.
	const teams = new Map([...found.keys()].map((name) => [name, new Set([ownerOf.get(name)].filter((team) => team !== undefined))]));
	for (const edge of model.edges) {
		const from = ownerOf.get(edge.from);
		const to = ownerOf.get(edge.to);
		if (to !== undefined) teams.get(edge.from)?.add(to);
		if (from !== undefined) teams.get(edge.to)?.add(from);
	}
	return [...found].map(([name, item]) => [item, teams.get(name)!]);
}

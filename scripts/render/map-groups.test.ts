import { describe, expect, it } from 'vitest';
import { mergeModel } from '../model/merge-model.ts';
import type { Model } from '../model/model-schema.ts';
import { call, content, note, seen, snapshot, team } from '../model/test-helpers/model-inputs.ts';
import { MAX_GROUP_SERVICES } from './diagram-graphs.ts';
import { mapGroups } from './map-groups.ts';

const now = new Date('2026-11-23T00:00:00Z');
const t = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

// A model from notes (name, owner) and observed calls; every name is seen in telemetry.
function build(notes: [string, string][], teams: string[], calls: [string, string][], extra: string[] = []): Model {
	const names = [...new Set([...notes.map(([n]) => n), ...calls.flat(), ...extra])];
	return mergeModel(
		content(notes.map(([name, owner]) => note(name, owner, '2026-11-01')), teams.map((id) => team(id, id.toUpperCase()))),
		snapshot(now, names.map((n) => seen(n, t(5), t(1), n.includes(':') ? { kind: 'database' } : {})), calls.map(([from, to]) => call(from, to, t(5), t(1)))),
		{ buildId: 'x', now, staleAfterDays: 90 },
	);
}

// Every service (not infrastructure) in exactly one group, no group over the cap.
function expectEveryServiceOnce(model: Model) {
	const groups = mapGroups(model);
	const placed = groups.flatMap((g) => g.services);
	expect(new Set(placed).size).toBe(placed.length);
	for (const s of model.services.filter((s) => s.kind === 'service')) expect(placed).toContain(s.name);
	for (const g of groups) expect(g.services.length).toBeLessThanOrEqual(MAX_GROUP_SERVICES);
	expect(new Set(groups.map((g) => g.slug)).size).toBe(groups.length);
	for (const g of groups) expect(g.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
	return groups;
}

describe('mapGroups', () => {
	it('draws a team as one group, and clusters the unowned by the calls between them', () => {
		const ring = Array.from({ length: 8 }, (_, i) => `u${i + 1}`);
		const model = build(
			[['checkout', 'shop'], ['cart', 'shop']],
			['shop'],
			[['checkout', 'cart'], ['ghost', 'cart'], ['ghost', 'relay'], ['lone', 'checkout'], ...ring.map((u, i) => [u, ring[(i + 1) % 8]!] as [string, string]), ['u3', 'u8']],
		);
		const groups = expectEveryServiceOnce(model);
		expect(groups.map((g) => [g.slug, g.name, g.kind, g.services, g.busiest, g.diagramId, g.page, g.href])).toEqual([
			['shop', 'SHOP', 'team', ['cart', 'checkout'], 'cart', 'map-team-shop', '/map/shop/', '/teams/shop/'],
			['around-u3', 'around u3', 'cluster', ring, 'u3', 'map-group-around-u3', '/map/around-u3/', '/map/around-u3/'],
			// ghost and relay call each other, lone calls only an owned service: two components too small to draw alone.
			['islands-ghost', 'ghost and 1 more small cluster', 'cluster', ['ghost', 'lone', 'relay'], 'ghost', 'map-group-islands-ghost', '/map/islands-ghost/', '/map/islands-ghost/'],
		]);
	});

	it("groups unowned services by their catalog system before the calls, and a person's services with the unowned", () => {
		const model = build(
			[['ledger', 'user:ana'], ['invoices', 'nobody']],
			[],
			[['ledger', 'invoices'], ['invoices', 'tax'], ['tax', 'rates'], ['ledger', 'postgresql:ledger']],
		);
		for (const s of model.services) if (s.name === 'invoices' || s.name === 'tax') s.system = 'Billing & Tax';
		expect(model.teams.map((t) => t.id)).toEqual(['nobody']);
		const groups = expectEveryServiceOnce(model);
		expect(groups.map((g) => [g.slug, g.name, g.kind, g.services])).toEqual([
			['nobody', 'nobody', 'team', ['invoices']],
			// tax calls rates and is called by invoices, but its system says where it belongs.
			['system-billing-tax', 'Billing & Tax', 'system', ['tax']],
			// Infrastructure belongs to no group: each picture draws the databases it uses.
			['islands-ledger', 'ledger and 1 more small cluster', 'cluster', ['ledger', 'rates']],
		]);
	});

	it('splits a team or system too big for one picture, each part named after the team and its hub', () => {
		// Two teams' worth of services in one team: a 25-service star and a 20-service star, linked by their hubs.
		const a = Array.from({ length: 24 }, (_, i) => `a${String(i).padStart(2, '0')}`);
		const b = Array.from({ length: 19 }, (_, i) => `b${String(i).padStart(2, '0')}`);
		const model = build(
			[['hub-a', 'big'], ['hub-b', 'big'], ...a.map((n) => [n, 'big'] as [string, string]), ...b.map((n) => [n, 'big'] as [string, string])],
			['big'],
			[['hub-a', 'hub-b'], ...a.map((n) => ['hub-a', n] as [string, string]), ...b.map((n) => [n, 'hub-b'] as [string, string])],
		);
		const groups = expectEveryServiceOnce(model);
		expect(groups.map((g) => [g.slug, g.name, g.part, g.services.length, g.href])).toEqual([
			['big-around-hub-a', 'BIG: around hub-a', true, 25, '/map/big-around-hub-a/'],
			['big-around-hub-b', 'BIG: around hub-b', true, 20, '/map/big-around-hub-b/'],
		]);
		expect(groups.every((g) => g.team?.id === 'big' && g.kind === 'team')).toBe(true);
		// The same services in one catalog system nobody owns split the same way.
		const system = build([], [], [['hub-a', 'hub-b'], ...a.map((n) => ['hub-a', n] as [string, string]), ...b.map((n) => [n, 'hub-b'] as [string, string])]);
		for (const s of system.services) s.system = 'Big';
		expect(expectEveryServiceOnce(system).map((g) => [g.slug, g.name, g.kind, g.services.length])).toEqual([
			['system-big-around-hub-a', 'Big: around hub-a', 'system', 25],
			['system-big-around-hub-b', 'Big: around hub-b', 'system', 20],
		]);
	});

	it('gives every group a unique name and slug, whatever the names telemetry reports', () => {
		const leaves = Array.from({ length: 70 }, (_, i) => `leaf-${i}`);
		const calls: [string, string][] = [...leaves.map((n) => ['"><script>alert(1)</script>', n] as [string, string]), ['around x', 'y']];
		const model = build([], [], calls);
		const groups = expectEveryServiceOnce(model);
		// One hub calling 70 services: the hub and 29 of them, then two more pictures beside it.
		expect(groups.map((g) => [g.name, g.services.length])).toEqual([
			['around "><script>alert(1)</script>', 30],
			['more around "><script>alert(1)</script>', 30],
			['more around "><script>alert(1)</script> (2)', 11],
			['around around x', 2],
		]);
		expect(groups.map((g) => g.slug)).toEqual(['around-script-alert-1-script', 'more-around-script-alert-1-script', 'more-around-script-alert-1-script-2', 'around-around-x']);
		// The same model, built again, gives the same groups.
		expect(mapGroups(build([], [], [...calls].reverse()))).toEqual(groups);
	});
});

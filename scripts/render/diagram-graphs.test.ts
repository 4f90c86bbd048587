import { describe, expect, it } from 'vitest';
import { mergeModel } from '../model/merge-model.ts';
import { call, content, note, seen, snapshot, team } from '../model/test-helpers/model-inputs.ts';
import { diagramSource } from './diagram-source.ts';
import { cycleDiagram, dataFlowDiagram, drawnFlows, groupDiagram, groupOverviewDiagram, MAX_MAP_NODES, MAX_PICTURE_LINES, serviceDiagram } from './diagram-graphs.ts';
import { mapGroups } from './map-groups.ts';

const now = new Date('2026-11-23T00:00:00Z');
const t = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

function shop() {
	return mergeModel(
		content(
			[
				note('checkout', 'commerce', '2026-11-01', ['cart', 'payments', 'postgresql:orders']),
				note('cart', 'commerce', '2026-11-01'),
				note('payments', 'money', '2026-11-01'),
				note('refunds', 'money', '2026-11-01'),
			],
			[team('commerce', 'Commerce'), team('money', 'Money')],
		),
		snapshot(now, ['checkout', 'cart', 'payments', 'refunds', 'ghost'].map((n) => seen(n, t(5), t(1))), [
			call('checkout', 'cart', t(5), t(1)),
			call('checkout', 'payments', t(5), t(1)),
			call('checkout', 'refunds', t(5), t(1)),
			call('ghost', 'cart', t(5), t(1)),
		]),
		{ buildId: 'x', now, staleAfterDays: 90 },
	);
}

describe('serviceDiagram', () => {
	it('says on a failing line how many calls failed, and leaves a healthy or thinly observed one plain', () => {
		const model = mergeModel(
			content([note('notifications', 'team', '2026-11-01', ['push-sender', 'email', 'sms'])], [team('team', 'Team')]),
			snapshot(now, ['notifications', 'push-sender', 'email', 'sms'].map((n) => seen(n, t(5), t(1))), [
				call('notifications', 'push-sender', t(5), t(1), { calls: 400, errors: 302 }),
				call('notifications', 'email', t(5), t(1), { calls: 400, errors: 2 }),
				call('notifications', 'sms', t(5), t(1), { calls: 4, errors: 3 }),
			]),
			{ buildId: 'x', now, staleAfterDays: 90 },
		);
		const notifications = model.services.find((s) => s.name === 'notifications')!;
		const labels = Object.fromEntries(serviceDiagram(model, notifications, 12).edges.map((e) => [e.to, e.label]));
		const id = (name: string) => serviceDiagram(model, notifications, 12).nodes.find((n) => n.label === name)!.id;
		expect(labels[id('push-sender')]).toBe('76% failed');
		expect(labels[id('email')]).toBeUndefined();
		expect(labels[id('sms')]).toBeUndefined();
	});

	it('says on a line only failure takes that it does, in place of its failed share', () => {
		const model = mergeModel(
			content([note('payments', 'team', '2026-11-01', ['stripe'])], [team('team', 'Team')]),
			snapshot(now, ['checkout', 'payments', 'stripe', 'adyen'].map((n) => seen(n, t(5), t(1))), [
				call('checkout', 'payments', t(5), t(1), { calls: 40, errorTraceCalls: 8 }),
				call('payments', 'stripe', t(5), t(1), { calls: 40, errors: 8, errorTraceCalls: 8 }),
				call('payments', 'adyen', t(5), t(1), { calls: 8, errorTraceCalls: 8 }),
			]),
			{ buildId: 'x', now, staleAfterDays: 90 },
		);
		const payments = model.services.find((s) => s.name === 'payments')!;
		const diagram = serviceDiagram(model, payments, 12);
		const labels = Object.fromEntries(diagram.edges.map((e) => [diagram.nodes.find((n) => n.id === e.to)!.label, e.label]));
		expect(labels).toMatchObject({ adyen: 'only on failure', stripe: '20% failed' });
		expect(model.services.find((s) => s.name === 'adyen')!.errorOnlyCallee).toBe(true);
	});

	it('keeps the drift when a service has more neighbours than its picture holds: hidden, then phantom, then the busiest confirmed', () => {
		// Ten busy callers the notes declare, one quiet caller nobody declared, one declared callee never seen.
		const callers = Array.from({ length: 10 }, (_, i) => `caller-${i}`);
		const model = mergeModel(
			content(
				[note('hub', 'team', '2026-11-01', ['gone']), ...callers.map((name) => note(name, 'team', '2026-11-01', ['hub'])), note('quiet', 'team', '2026-11-01')],
				[team('team', 'Team')],
			),
			snapshot(now, ['hub', 'quiet', ...callers].map((n) => seen(n, t(5), t(1))), [
				...callers.map((name, i) => call(name, 'hub', t(5), t(1), { calls: 100 + i })),
				call('quiet', 'hub', t(5), t(1), { calls: 1 }),
			]),
			{ buildId: 'x', now, staleAfterDays: 90 },
		);
		const graph = serviceDiagram(model, model.services.find((s) => s.name === 'hub')!, 4);
		expect(graph.nodes.map((n) => n.label)).toEqual(['hub', 'caller-8', 'caller-9', 'gone', 'quiet']);
		expect(graph.omitted).toBe(8);
	});

	it('labels a line an incident taught with the incident and its date, through the diagram source escaping', () => {
		const base = shop();
		const incident = {
			id: 'INC-142',
			title: 'Refunds stalled',
			started: '2026-09-03T09:12:00.000Z',
			resolved: '2026-09-03T11:00:00.000Z',
			severity: 'SEV2',
			services: ['checkout'],
			owner: 'commerce',
			links: [],
			learned: { dependencies: [{ from: 'checkout', to: 'refunds', what: 'undeclared' as const }], services: [] },
			file: 'incidents/inc-142.md',
			format: 'md' as const,
			body: '',
			bodyLine: 10,
			positions: { owner: { line: 1, column: 1 }, services: [], dependencies: [], learnedServices: [] },
		};
		const model = mergeModel(
			content([note('checkout', 'commerce', '2026-11-01', ['cart', 'payments', 'postgresql:orders'])], [team('commerce', 'Commerce')]),
			snapshot(now, ['checkout', 'refunds'].map((n) => seen(n, t(5), t(1))), [call('checkout', 'refunds', t(5), t(1))]),
			{ buildId: 'x', now, staleAfterDays: 90, incidents: [incident] },
		);
		const graph = serviceDiagram(model, model.services.find((s) => s.name === 'checkout')!, 8);
		const line = graph.edges.find((e) => e.to === 'service:refunds')!;
		expect(line).toEqual({ from: 'service:checkout', to: 'service:refunds', status: 'learned', label: 'learned in INC-142, 2026-09-03' });
		// Without the incident the same call is hidden and unlabelled.
		const plain = serviceDiagram(base, base.services.find((s) => s.name === 'checkout')!, 8).edges.find((e) => e.to === 'service:refunds')!;
		expect(plain).toEqual({ from: 'service:checkout', to: 'service:refunds', status: 'hidden' });
	});

	it('keeps a third of the picture for the busiest confirmed calls when the drift alone would fill it', () => {
		const hidden = Array.from({ length: 8 }, (_, i) => `hidden-${i}`);
		const callers = ['busy', 'busier', 'busiest'];
		const model = mergeModel(
			content([note('hub', 'team', '2026-11-01'), ...callers.map((name) => note(name, 'team', '2026-11-01', ['hub']))], [team('team', 'Team')]),
			snapshot(now, ['hub', ...hidden, ...callers].map((n) => seen(n, t(5), t(1))), [
				...hidden.map((name) => call(name, 'hub', t(5), t(1), { calls: 5 })),
				...callers.map((name, i) => call(name, 'hub', t(5), t(1), { calls: 100 * (i + 1) })),
			]),
			{ buildId: 'x', now, staleAfterDays: 90 },
		);
		const graph = serviceDiagram(model, model.services.find((s) => s.name === 'hub')!, 6);
		expect(graph.nodes.map((n) => n.label)).toEqual(['hub', 'busier', 'busiest', 'hidden-0', 'hidden-1', 'hidden-2', 'hidden-3']);
	});
});

describe('groupDiagram', () => {
	it("draws a group's services and infrastructure, and folds every other group into one node that links to it", () => {
		const model = shop();
		const groups = mapGroups(model);
		const graph = groupDiagram(model, groups, groups.find((g) => g.slug === 'commerce')!);
		expect(graph.nodes.map((n) => [n.id, n.label, n.href ?? null, n.documented ?? true])).toEqual([
			['service:cart', 'cart', '/services/cart/', true],
			['service:checkout', 'checkout', '/services/checkout/', true],
			['group:money', 'Money', '/teams/money/', true],
			// A database nobody describes is no gap: drawn plain, told by its shape.
			['service:postgresql:orders', 'postgresql:orders', '/services/postgresql-orders/', true],
			// ghost has no owner: it is its own little cluster, drawn plain (its own box on its page is marked), linked to its page on the map.
			['group:around-ghost', 'around ghost', '/map/around-ghost/', true],
		]);
		expect(graph.edges).toEqual([
			{ from: 'group:around-ghost', to: 'service:cart', status: 'hidden' },
			// payments (declared, seen) and refunds (seen, not declared): one line, hidden because of refunds, saying both.
			{ from: 'service:checkout', to: 'group:money', status: 'hidden', label: '1 confirmed, 1 hidden' },
			{ from: 'service:checkout', to: 'service:cart', status: 'confirmed' },
			{ from: 'service:checkout', to: 'service:postgresql:orders', status: 'phantom' },
		]);
		expect(graph.omitted).toBe(0);
	});

	it("draws another team's database as itself, and that team once, in the picture of services nobody owns", () => {
		// A team owns a service and a database; two services owned by a person use them. Once, the
		// database was drawn as its team's node under another id, so a line ended nowhere, or the
		// team's node was drawn twice.
		const model = mergeModel(
			content(
				[
					note('checkout', 'alpha', '2026-11-01', ['cart']),
					note('artists-db', 'alpha', '2026-11-01'),
					note('payments', 'user:jdoe', '2026-11-01', ['artists-db', 'checkout']),
					note('cart', 'user:jdoe', '2026-11-01', ['payments']),
				],
				[team('alpha', 'Alpha')],
			),
			snapshot(now, [seen('artists-db', t(5), t(1), { kind: 'database', spans: 0 })], []),
			{ buildId: 'x', now, staleAfterDays: 90 },
		);
		const groups = mapGroups(model);
		const unowned = groups.find((g) => g.services.includes('payments'))!;
		const graph = groupDiagram(model, groups, unowned);
		expect(graph.nodes.map((n) => [n.id, n.kind])).toEqual([
			['service:cart', 'service'],
			['service:payments', 'service'],
			['group:alpha', 'service'],
			['service:artists-db', 'database'],
		]);
		expect(graph.edges.map((e) => `${e.from} > ${e.to}`)).toEqual(['group:alpha > service:cart', 'service:cart > service:payments', 'service:payments > group:alpha', 'service:payments > service:artists-db']);
		for (const group of groups) {
			const { nodes, edges } = groupDiagram(model, groups, group);
			const ids = nodes.map((n) => n.id);
			expect(new Set(ids).size).toBe(ids.length);
			for (const e of edges) expect([ids.includes(e.from), ids.includes(e.to)], `${group.slug}: ${e.from} > ${e.to}`).toEqual([true, true]);
		}
	});

	it('draws at most MAX_PICTURE_LINES lines, the busiest, and never leaves a node without one', () => {
		// Twelve services that all call each other, each with a different volume: 132 lines.
		const names = Array.from({ length: 12 }, (_, i) => `m${String(i).padStart(2, '0')}`);
		const calls = names.flatMap((from, i) => names.filter((to) => to !== from).map((to, j) => call(from, to, t(5), t(1), { calls: (i + 1) * 100 + j })));
		const model = mergeModel(content(names.map((n) => note(n, 'mesh', '2026-11-01')), [team('mesh')]), snapshot(now, names.map((n) => seen(n, t(5), t(1))), calls), {
			buildId: 'x',
			now,
			staleAfterDays: 90,
		});
		const groups = mapGroups(model);
		const graph = groupDiagram(model, groups, groups[0]!);
		expect(graph.edges).toHaveLength(MAX_PICTURE_LINES);
		expect(graph.omitted).toBe(132 - MAX_PICTURE_LINES);
		for (const name of names) expect(graph.edges.some((e) => e.from === `service:${name}` || e.to === `service:${name}`), name).toBe(true);
		// Past the lines that keep every node joined, the busiest: m11 calls the most.
		expect(graph.edges.filter((e) => e.from === 'service:m11')).toHaveLength(11);
	});

	it('keeps a picture within MAX_MAP_NODES by folding its quietest neighbours into one node', () => {
		// One team of 30 services calling 15 one-service teams, some of them more than others.
		const others = Array.from({ length: 15 }, (_, i) => `s${String(i).padStart(2, '0')}`);
		const big = Array.from({ length: 30 }, (_, i) => `b${String(i).padStart(2, '0')}`);
		const model = mergeModel(
			content(
				[...big.map((name) => note(name, 'big', '2026-11-01')), ...others.map((name) => note(name, `team-${name}`, '2026-11-01'))],
				[team('big'), ...others.map((name) => team(`team-${name}`))],
			),
			snapshot(now, [...big, ...others].map((n) => seen(n, t(5), t(1))), big.map((name, i) => call(name, others[i % others.length]!, t(5), t(1)))),
			{ buildId: 'x', now, staleAfterDays: 90 },
		);
		const groups = mapGroups(model);
		const graph = groupDiagram(model, groups, groups.find((g) => g.slug === 'big')!);
		expect(graph.nodes).toHaveLength(MAX_MAP_NODES);
		const more = graph.nodes.find((n) => n.id === 'more')!;
		expect(more).toMatchObject({ label: '6 more groups', href: '/map/' });
		expect(graph.nodes.filter((n) => n.id.startsWith('group:'))).toHaveLength(9);
		// Every service is still drawn, and each has its one line, to its callee's team or to the folded node.
		expect(graph.nodes.filter((n) => n.id.startsWith('service:'))).toHaveLength(30);
		expect(graph.edges).toHaveLength(30);
		expect(graph.edges.filter((e) => e.to === 'more')).toHaveLength(12);
	});
});

describe('groupOverviewDiagram', () => {
	it('draws one node per group with its size, and one line per pair of groups that depend on each other', () => {
		const model = shop();
		const graph = groupOverviewDiagram(model, mapGroups(model))!;
		expect(graph.nodes.map((n) => [n.id, n.label, n.href])).toEqual([
			['group:commerce', 'Commerce (2)', '/teams/commerce/'],
			['group:money', 'Money (2)', '/teams/money/'],
			['group:around-ghost', 'around ghost (1)', '/map/around-ghost/'],
		]);
		expect(graph.edges).toEqual([
			{ from: 'group:around-ghost', to: 'group:commerce', status: 'hidden', label: '1 hidden' },
			{ from: 'group:commerce', to: 'group:money', status: 'hidden', label: '1 confirmed, 1 hidden' },
		]);
	});

	it("counts the failing dependencies a line stands for, on the map and in a group's picture", () => {
		const model = shop();
		const failing = { ...model, edges: model.edges.map((e) => (e.to === 'refunds' ? { ...e, calls: 40, errors: 30, failing: true } : e)) };
		const groups = mapGroups(failing);
		expect(groupOverviewDiagram(failing, groups)!.edges).toContainEqual({ from: 'group:commerce', to: 'group:money', status: 'hidden', label: '1 confirmed, 1 hidden, 1 failing' });
		const commerce = groupDiagram(failing, groups, groups.find((g) => g.slug === 'commerce')!);
		expect(commerce.edges).toContainEqual({ from: 'service:checkout', to: 'group:money', status: 'hidden', label: '1 confirmed, 1 hidden, 1 failing' });
		// In the money group's picture the failing call is a line of its own, labelled as on a service page.
		const money = groupDiagram(failing, groups, groups.find((g) => g.slug === 'money')!);
		expect(money.edges.find((e) => e.to === 'service:refunds')).toMatchObject({ status: 'hidden', label: '75% failed' });
	});

	it('gives up past MAX_MAP_NODES groups: the map lists them instead', () => {
		const model = shop();
		const many = Array.from({ length: MAX_MAP_NODES + 1 }, (_, i) => ({ ...mapGroups(model)[0]!, slug: `g${i}`, services: [] }));
		expect(groupOverviewDiagram(model, many)).toBeNull();
		expect(groupOverviewDiagram(model, many.slice(1))).not.toBeNull();
	});
});

describe('cycleDiagram', () => {
	it('draws a loop through a queue the way the work goes, each line styled like its dependency', () => {
		const model = mergeModel(
			content([note('orders', 'team', '2026-11-01', ['kafka:orders']), note('billing', 'team', '2026-11-01', ['kafka:orders'])], [team('team', 'Team')]),
			snapshot(now, [seen('orders', t(5), t(1)), seen('billing', t(5), t(1)), seen('kafka:orders', t(5), t(1), { kind: 'queue' })], [
				call('orders', 'kafka:orders', t(5), t(1), { calls: 40 }),
				call('billing', 'kafka:orders', t(5), t(1), { calls: 40, consumerCalls: 40 }),
				// billing asks orders for the order it was told about: a call back nobody declared, failing.
				call('billing', 'orders', t(5), t(1), { calls: 40, errors: 30 }),
			]),
			{ buildId: 'x', now, staleAfterDays: 90 },
		);
		expect(model.cycles).toHaveLength(1);
		const graph = cycleDiagram(model, model.cycles[0]!)!;
		const label = (id: string) => graph.nodes.find((n) => n.id === id)!.label;
		expect(graph.nodes.map((n) => n.label)).toEqual(['billing', 'kafka:orders', 'orders']);
		expect(graph.edges.map((e) => [label(e.from), label(e.to), e.status, e.label])).toEqual([
			['billing', 'orders', 'hidden', '75% failed'],
			['kafka:orders', 'billing', 'confirmed', undefined],
			['orders', 'kafka:orders', 'confirmed', undefined],
		]);
		expect(diagramSource(graph)).toContain('flowchart LR');
	});

	it('draws nothing for a group whose loop is too long to follow', () => {
		const model = mergeModel(content([], []), snapshot(now, [], []), { buildId: 'x', now, staleAfterDays: 90 });
		expect(cycleDiagram(model, { members: ['a', 'b'], flows: [] })).toBeNull();
	});
});

describe('dataFlowDiagram', () => {
	it('draws writers into a shared store and readers out of it, the undeclared writer hidden and a use with no named operation said so', () => {
		const model = mergeModel(
			content([note('orders', 'commerce', '2026-11-01', ['postgresql:orders']), note('reporting', 'money', '2026-11-01', ['postgresql:orders'])], [team('commerce', 'Commerce'), team('money', 'Money')]),
			snapshot(now, [seen('orders', t(5), t(1)), seen('refunds', t(5), t(1)), seen('reporting', t(5), t(1)), seen('audit', t(5), t(1)), seen('postgresql:orders', t(5), t(1), { kind: 'database' })], [
				call('orders', 'postgresql:orders', t(5), t(1), { calls: 80, reads: 50, writes: 30 }),
				call('refunds', 'postgresql:orders', t(5), t(1), { calls: 5, writes: 5 }),
				call('reporting', 'postgresql:orders', t(5), t(1), { calls: 3, reads: 3 }),
				call('audit', 'postgresql:orders', t(5), t(1), { calls: 2 }),
			]),
			{ buildId: 'x', now, staleAfterDays: 90 },
		);
		expect(drawnFlows(model).map((c) => c.resource)).toEqual(['postgresql:orders']);
		const graph = dataFlowDiagram(model, drawnFlows(model)[0]!);
		const label = (id: string) => graph.nodes.find((n) => n.id === id)!.label;
		expect(graph.nodes.map((n) => [n.label, n.focus])).toEqual([
			['postgresql:orders', true],
			['audit', false],
			['orders', false],
			['refunds', false],
			['reporting', false],
		]);
		expect(graph.edges.map((e) => [label(e.from), label(e.to), e.status, e.label])).toEqual([
			['orders', 'postgresql:orders', 'confirmed', undefined],
			['refunds', 'postgresql:orders', 'hidden', undefined],
			['postgresql:orders', 'orders', 'confirmed', undefined],
			['postgresql:orders', 'reporting', 'confirmed', undefined],
			['postgresql:orders', 'audit', 'hidden', 'use not named'],
		]);
		expect(graph.omitted).toBe(0);
	});
});

import { describe, expect, it } from 'vitest';
import { emptyCatalog } from '../catalogs/empty-catalog.ts';
import type { GitDates } from '../notes/git-dates.ts';
import { checkDependencies, findCycles } from './check-dependencies.ts';
import { checkOwners } from './check-owners.ts';
import { describeServices } from './describe-services.ts';
import { catalogEntity as entity, note, team } from './test-helpers/model-inputs.ts';

const git: GitDates = { repository: true, shallow: false, dates: new Map([['catalogs/checkout.yaml', '2026-08-01']]) };

describe('describeServices', () => {
	it('makes one service of a note and catalog entries: the note wins each field it sets, then Backstage, then Datadog', () => {
		const checkout = { ...note('checkout', 'commerce', '2026-10-01', ['cart'], 'From the note.'), tier: '1' };
		const beliefs = describeServices(
			{ notes: [checkout], teams: [team('commerce')], broken: [], problems: [] },
			{
				...emptyCatalog(),
				entities: [
					entity('checkout', {
						source: 'datadog',
						file: 'catalogs/dd.yaml',
						owner: 'payments',
						description: 'From Datadog.',
						tier: '0',
						oncall: 'https://pd.example/P1',
						lifecycle: 'beta',
						dependsOn: [{ name: 'payments', why: null, line: 9, column: 5 }],
					}),
					entity('checkout', {
						owner: 'commerce',
						ownerLine: 7,
						description: 'From Backstage.',
						lifecycle: 'production',
						links: [{ title: 'Dash', url: 'https://grafana.example/d/1', type: null }],
						dependsOn: [{ name: 'cart', why: null, line: 10, column: 7 }],
					}),
				],
			},
			git,
		);
		const service = beliefs.services.find((s) => s.name === 'checkout')!;
		expect(service.sources.map((s) => s.source)).toEqual(['note', 'backstage', 'datadog']);
		expect(service.fields).toEqual({
			owner: { value: 'commerce', from: 'note' },
			description: { value: 'From the note.', from: 'note' },
			tier: { value: '1', from: 'note' },
			lifecycle: { value: 'production', from: 'backstage' },
			oncall: { value: 'https://pd.example/P1', from: 'datadog' },
		});
		expect(service.dependsOn).toEqual([
			{ name: 'cart', why: null, from: ['note', 'backstage'], at: { file: 'notes/checkout.md', line: 6, column: 3 }, declaredUses: [], usesAt: null, expected: null },
			{ name: 'payments', why: null, from: ['datadog'], at: { file: 'catalogs/dd.yaml', line: 9, column: 5 }, declaredUses: [], usesAt: null, expected: null },
		]);
		expect(service.links).toEqual([{ title: 'Dash', url: 'https://grafana.example/d/1' }]);
		// A catalog has no review date: its last commit stands in, and says so.
		expect(service.sources[1]).toMatchObject({ reviewed: '2026-08-01', reviewedFrom: 'git' });
		expect(service.sources[2]).toMatchObject({ reviewed: null, reviewedFrom: null });
	});

	it('resolves aliases to their service and refuses an alias that already names another service', () => {
		const cart = { ...note('cart', 'commerce', '2026-10-01'), aliases: ['basket', 'checkout'] };
		cart.positions.aliases = [{ line: 5, column: 5 }, { line: 6, column: 5 }];
		const beliefs = describeServices(
			{ notes: [cart, note('checkout', 'commerce', '2026-10-01')], teams: [team('commerce')], broken: [], problems: [] },
			emptyCatalog(),
			null,
		);
		expect([...beliefs.aliases]).toEqual([['basket', 'cart']]);
		expect(beliefs.problems.map((p) => [p.error.name, p.error.location])).toEqual([
			['AliasTaken', { file: 'notes/cart.md', line: 6, column: 5 }],
		]);
	});
});

describe('describeServices, resolving what is written', () => {
	it('resolves every way of writing an owner, in notes and catalogs alike, to one team or person', () => {
		const beliefs = describeServices(
			{
				notes: [note('a', 'group:default/alpha', '2026-10-01'), note('b', 'user:default/jdoe', '2026-10-01')],
				teams: [team('alpha')],
				broken: [],
				problems: [],
			},
			{
				...emptyCatalog(),
				entities: [entity('c', { owner: 'alpha' }), entity('d', { source: 'datadog', owner: 'Group:beta' }), entity('e', { source: 'datadog', owner: 'group:alpha' })],
				teams: [{ id: 'beta', name: 'Beta', description: null, contact: null, file: 'catalogs/org.yaml', line: 4, parent: null }],
			},
			null,
		);
		expect(beliefs.services.map((s) => [s.name, s.fields.owner?.value])).toEqual([
			['a', 'alpha'],
			['b', 'user:jdoe'],
			['c', 'alpha'],
			['d', 'beta'],
			['e', 'alpha'],
		]);
		// Each source still shows the owner as its file writes it.
		expect(beliefs.services[0]!.sources[0]!.fields.owner).toBe('group:default/alpha');
		expect(beliefs.teams.map((t) => t.id)).toEqual(['alpha', 'beta']);
		expect(checkOwners(beliefs, ['user:default/jdoe']).map((p) => [p.error.name, p.error.location?.file])).toEqual([['OwnerDeparted', 'notes/b.md']]);
	});

	it('resolves dependencies written any way to the names they mean: references, APIs, aliases', () => {
		const checkout = { ...note('checkout', 't', '2026-10-01'), aliases: ['checkout-v1'] };
		const beliefs = describeServices(
			{
				notes: [
					checkout,
					note('web', 't', '2026-10-01', ['component:checkout', 'checkout-v1', 'resource:default/artists-db', 'api:search-api', 'api:unknown-api', 'postgresql:orders', 'kafka:events']),
					note('search', 't', '2026-10-01', ['api:search-api']),
				],
				teams: [team('t')],
				broken: [],
				problems: [],
			},
			{
				...emptyCatalog(),
				entities: [entity('mobile', { dependsOn: [{ name: 'checkout-v1', why: null, line: 9, column: 5 }] })],
				apis: [{ name: 'search-api', providers: ['search'], external: false }],
			},
			null,
		);
		const dependsOn = (name: string) => beliefs.services.find((s) => s.name === name)!.dependsOn.map((d) => [d.name, d.why]);
		expect(dependsOn('web')).toEqual([
			['artists-db', null],
			['checkout', null],
			['kafka:events', null],
			['postgresql:orders', null],
			['search', 'consumes API search-api'],
			// An API nobody describes is a name like any other: the dependency check flags it.
			['unknown-api', 'consumes API unknown-api'],
		]);
		expect(dependsOn('mobile')).toEqual([['checkout', null]]);
		// Consuming one's own API is no dependency.
		expect(dependsOn('search')).toEqual([]);
		const unknown = checkDependencies(beliefs, new Set()).map((p) => p.error.message);
		expect(unknown).toEqual([
			'`web` depends on `artists-db`, which no note, catalog or telemetry knows.',
			'`web` depends on `unknown-api`, which no note, catalog or telemetry knows.',
		]);
	});
});

describe('checkOwners', () => {
	it('flags unknown teams, unowned services, departed owners and teams that own nothing', () => {
		const beliefs = describeServices(
			{
				notes: [note('a', 'comerce', '2026-10-01'), note('b', 'user:jane.doe', '2026-10-01'), note('c', 'commerce', '2026-10-01')],
				teams: [team('commerce'), team('ghosts')],
				broken: [],
				problems: [],
			},
			{ ...emptyCatalog(), entities: [entity('d'), entity('e', { owner: 'platform', ownerLine: 8 })] },
			null,
		);
		const problems = checkOwners(beliefs, ['jane.doe']);
		expect(problems.map((p) => [p.severity, p.error.name, p.error.location?.file, p.error.location?.line])).toEqual([
			['error', 'UnknownTeam', 'notes/a.md', 3],
			['warning', 'OwnerDeparted', 'notes/b.md', 3],
			['warning', 'NoOwner', 'catalogs/d.yaml', 4],
			['warning', 'UnknownTeam', 'catalogs/e.yaml', 8],
			['warning', 'TeamWithoutServices', 'teams/ghosts.md', 1],
		]);
		expect(problems[0]!.error.hint).toBe('Did you mean `commerce`?');
	});

	it('checks the owner of a note broken by another field, and does not call the team a typo meant idle', () => {
		const beliefs = describeServices({ notes: [note('a', 'platfrom', '2026-10-01')], teams: [team('platform'), team('search'), team('ghosts')], broken: [], problems: [] }, emptyCatalog(), null);
		const broken = [
			{ file: 'notes/b.md', service: 'b', owner: { name: 'group:default/search', at: { line: 3, column: 8 } } },
			{ file: 'notes/c.md', service: 'c', owner: { name: 'serch', at: { line: 4, column: 8 } } },
			{ file: 'notes/d.md', service: 'd', owner: null },
		];
		expect(checkOwners(beliefs, [], broken).map((p) => [p.severity, p.error.name, p.error.location, p.error.hint])).toEqual([
			['error', 'UnknownTeam', { file: 'notes/a.md', line: 3, column: 1 }, 'Did you mean `platform`?'],
			['error', 'UnknownTeam', { file: 'notes/c.md', line: 4, column: 8 }, 'Did you mean `search`?'],
			['warning', 'TeamWithoutServices', { file: 'teams/ghosts.md', line: 1, column: 1 }, 'Assign its services to it, or remove the team if it no longer exists.'],
		]);
	});
});

describe('checkDependencies', () => {
	it('flags a dependency nothing knows, but not infrastructure or names telemetry has seen', () => {
		const beliefs = describeServices(
			{
				notes: [note('checkout', 'commerce', '2026-10-01', ['cart', 'paymnets', 'postgresql:orders', 'api.stripe.com', 'seen-only']), note('payments', 'commerce', '2026-10-01')],
				teams: [team('commerce')],
				broken: [],
				problems: [],
			},
			emptyCatalog(),
			null,
		);
		const problems = checkDependencies(beliefs, new Set(['cart', 'seen-only']));
		expect(problems.map((p) => [p.error.name, p.error.location?.line, p.error.hint])).toEqual([
			['DependencyUnknown', 7, 'Did you mean `payments`?'],
		]);
	});

	it('reports each cycle once, from its smallest name, at the dependency that starts it', () => {
		const beliefs = describeServices(
			{
				notes: [
					note('a', 't', '2026-10-01', ['b']),
					note('b', 't', '2026-10-01', ['c', 'x']),
					note('c', 't', '2026-10-01', ['a']),
					note('x', 't', '2026-10-01', []),
					note('self', 't', '2026-10-01', ['self']),
				],
				teams: [team('t')],
				broken: [],
				problems: [],
			},
			emptyCatalog(),
			null,
		);
		expect(findCycles(beliefs)).toEqual([['a', 'b', 'c'], ['self']]);
		const problems = checkDependencies(beliefs, new Set());
		expect(problems.map((p) => [p.error.message, p.error.location?.file])).toEqual([
			['The declared dependencies go round: `a` → `b` → `c` → `a`.', 'notes/a.md'],
			['The declared dependencies go round: `self` → `self`.', 'notes/self.md'],
		]);
	});

	it('finds a cycle in a long chain without overflowing the stack', () => {
		const names = Array.from({ length: 20_000 }, (_, i) => `s${String(i).padStart(5, '0')}`);
		const notes = names.map((name, i) => note(name, 't', '2026-10-01', [names[(i + 1) % names.length]!]));
		const beliefs = describeServices({ notes, teams: [team('t')], broken: [], problems: [] }, emptyCatalog(), null);
		const [cycle] = findCycles(beliefs);
		expect(cycle).toHaveLength(20_000);
		expect(cycle![0]).toBe('s00000');
	});
});

import { describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../catalogs/catalog-types.ts';
import { emptyCatalog } from '../catalogs/empty-catalog.ts';
import type { GitDates } from '../notes/git-dates.ts';
import { checkDependencies, findCycles } from './check-dependencies.ts';
import { checkOwners } from './check-owners.ts';
import { describeServices } from './describe-services.ts';
import { note, team } from './test-helpers/model-inputs.ts';

function entity(name: string, more: Partial<CatalogEntity> = {}): CatalogEntity {
	return {
		source: 'backstage',
		file: `catalogs/${name}.yaml`,
		line: 4,
		catalogKind: 'Component',
		kind: 'service',
		name,
		owner: null,
		ownerLine: null,
		description: null,
		tier: null,
		lifecycle: null,
		oncall: null,
		runbook: null,
		repo: null,
		contact: null,
		links: [],
		dependsOn: [],
		system: null,
		partOf: null,
		tags: [],
		...more,
	};
}

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
			{ name: 'cart', why: null, from: ['note', 'backstage'], at: { file: 'notes/checkout.md', line: 6, column: 3 } },
			{ name: 'payments', why: null, from: ['datadog'], at: { file: 'catalogs/dd.yaml', line: 9, column: 5 } },
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

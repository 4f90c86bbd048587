import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError } from '../errors/halflife-error.ts';
import type { Catalog } from './catalog-types.ts';
import { loadCatalogs } from './load-catalogs.ts';
import { realData } from '../../fixtures/real-data.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const repoRoot = path.resolve(import.meta.dirname, '../..');
// Public catalogs nobody here wrote (see PROVENANCE.md): read in place, never copied.
const realCatalogs = realData('catalogs');
const yamlFiles = ['**/*.{yaml,yml}'];

const entity = (catalog: Catalog, name: string) => {
	const found = catalog.entities.find((e) => e.name === name);
	if (!found) throw new Error(`no entity ${name}`);
	return found;
};
const formatted = (catalog: Catalog) => catalog.problems.map((p) => formatError(p.error, p.severity));

// Each fixture folder holds `input/` (catalog files) and `expected.txt` (every problem, formatted
// as `halflife check` prints it). Regenerate with UPDATE_FIXTURES=1.
describe('loadCatalogs problems', async () => {
	for (const name of await readdir(fixtures)) {
		it(name, async () => {
			const catalog = await loadCatalogs(path.join(fixtures, name, 'input'), yamlFiles);
			const actual = formatted(catalog).join('\n\n') + '\n';
			const expectedFile = path.join(fixtures, name, 'expected.txt');
			if (process.env['UPDATE_FIXTURES']) await writeFile(expectedFile, actual);
			expect(actual).toBe(await readFile(expectedFile, 'utf8'));
		});
	}
});

describe('loadCatalogs on the public Backstage and Datadog examples', async () => {
	// Read from outside the content folder (the demo's), as a catalog a build is pointed at elsewhere.
	const catalog = await loadCatalogs(path.join(repoRoot, 'content'), [path.join(realCatalogs, '{backstage,datadog}/**/*.yaml')]);

	it('reads every file without a problem, naming files by their absolute path', () => {
		expect(formatted(catalog)).toEqual([]);
		expect(catalog.files).toHaveLength(22);
		expect(catalog.files.every((f) => f.startsWith(`${realCatalogs}/`))).toBe(true);
	});

	it('turns a consumed API into a dependency on the component that provides it', () => {
		expect(entity(catalog, 'wayback-search').dependsOn).toEqual([{ name: 'wayback-archive', why: 'consumes API wayback-archive', line: 13, column: 7 }]);
		// The API is provided by a component, so it is no entity of its own.
		expect(catalog.entities.filter((e) => e.kind === 'external')).toEqual([]);
	});

	it('reads subcomponents, owners, resource types, systems and tags', () => {
		expect(entity(catalog, 'wayback-archive-storage').partOf).toBe('wayback-archive');
		expect(entity(catalog, 'playback-order')).toMatchObject({ owner: 'user:guest', ownerLine: 12, system: 'audio-playback', tags: ['java', 'playback'] });
		expect(entity(catalog, 'artists-db')).toMatchObject({ kind: 'database', catalogKind: 'Resource', owner: 'team-a' });
		expect(entity(catalog, 'playback-sdk')).toMatchObject({ kind: 'service', owner: 'team-c', file: `${realCatalogs}/backstage/components/playback-lib-component.yaml`, line: 4 });
		expect(catalog.systems.map((s) => s.name)).toEqual(['artist-engagement-portal', 'audio-playback', 'podcast']);
	});

	it('reads groups as teams and users as people, keeping namespaces apart', () => {
		expect(catalog.teams.find((t) => t.id === 'team-a')).toMatchObject({ name: 'team-a', contact: 'team-a@example.com', description: 'Team A', parent: 'backstage' });
		expect(catalog.teams.find((t) => t.id === 'acme-corp')).toMatchObject({ name: 'ACME Corp', contact: 'info@example.com' });
		expect(catalog.people.map((p) => p.id)).toEqual(['user:breanna.davison', 'user:development/guest', 'user:guest', 'user:janelle.dawe', 'user:nigel.manning']);
		expect(catalog.people.find((p) => p.id === 'user:development/guest')!.memberOf).toEqual(['team-a']);
	});

	it('skips Domains and Locations without a word', () => {
		const names = [...catalog.entities, ...catalog.systems].map((e) => e.name);
		expect(names).not.toContain('artists');
		expect(names).not.toContain('example-groups');
	});

	it('reads every document of the Datadog file, v2.1 and v3', () => {
		const datadog = catalog.entities.filter((e) => e.source === 'datadog');
		expect(datadog.map((e) => e.name)).toEqual(['datadog-agent-ci', 'datadog-agent-cluster-worker', 'datadog-agent-nightly', 'datadog-cluster-agent']);
		expect(entity(catalog, 'datadog-agent-cluster-worker')).toMatchObject({
			owner: 'container-platform',
			contact: 'https://dd.slack.com/archives/C0702JHC7G8',
			repo: 'https://github.com/DataDog/datadog-agent',
			// v2.1 has no runbook type in use here: the link titled `Runbook` is it.
			runbook: 'https://datadoghq.atlassian.net/wiki/spaces/agent/pages/986480852/On-Call+Playbooks',
		});
		expect(entity(catalog, 'datadog-agent-nightly').owner).toBe('agent-delivery');
		expect(entity(catalog, 'datadog-agent-ci')).toMatchObject({
			catalogKind: 'service',
			owner: 'agent-supply-chain',
			tier: '0',
			lifecycle: '5 weeks',
			runbook: 'https://app.datadoghq.com/notebook/7981331/datadog-agent-gitlab-ci-high-duration-variance-jobs',
			contact: 'https://dd.enterprise.slack.com/archives/C06PBHLD4DQ',
		});
	});

	it('keeps links and their addresses exactly as written, in file order', async () => {
		expect(entity(catalog, 'artist-lookup').links.map((l) => l.url)).toEqual(
			['user', 'group', 'cloud', 'dashboard', 'help', 'web', 'alert'].map((page) => `https://example.com/${page}`),
		);
		const text = await readFile(path.join(realCatalogs, 'datadog/DataDog_datadog-agent.service.datadog.yaml'), 'utf8');
		const ci = entity(catalog, 'datadog-agent-ci');
		expect(ci.links).toHaveLength(12);
		for (const link of ci.links) expect(text).toContain(`url: ${link.url}\n`);
		expect(ci.links.find((l) => l.title === 'Last failed job executions')!.url).toContain('%22DataDog%2Fdatadog-agent%22');
	});

	it('sorts the same whatever order the patterns find files in', async () => {
		const patterns = ['datadog/*.yaml', 'backstage/groups/*.yaml', 'backstage/**/*.yaml'];
		const forward = await loadCatalogs(realCatalogs, patterns);
		const backward = await loadCatalogs(realCatalogs, patterns.toReversed());
		expect(backward).toEqual(forward);
		expect(forward.entities.map((e) => e.name)).toEqual(catalog.entities.map((e) => e.name));
		expect(forward.entities.map((e) => e.name)).toEqual(forward.entities.map((e) => e.name).sort());
	});
});

describe('loadCatalogs on the fixtures', () => {
	it('reads a Backstage multi-document catalog and Datadog v2.2 and v3 files into one shape', async () => {
		const catalog = await loadCatalogs(path.join(fixtures, 'valid', 'input'), yamlFiles);
		expect(catalog.problems).toEqual([]);
		expect(catalog.files).toEqual(['catalog-info.yaml', 'entities.datadog.yaml', 'service.datadog.yaml']);
		expect(catalog.entities.map((e) => [e.name, e.kind, e.source])).toEqual([
			['cart', 'service', 'backstage'],
			['cart-pricing-rules', 'service', 'backstage'],
			['checkout', 'service', 'backstage'],
			['order-events', 'queue', 'backstage'],
			['orders-db', 'database', 'backstage'],
			['pricing', 'service', 'datadog'],
			['reco-cache', 'database', 'datadog'],
			['reco-events', 'queue', 'datadog'],
			['recommender', 'service', 'datadog'],
		]);
		expect(entity(catalog, 'cart')).toMatchObject({
			owner: 'payments',
			system: 'shop',
			repo: 'https://github.com/acme/cart',
			runbook: 'https://wiki.example.com/cart/runbook',
			dependsOn: [{ name: 'orders-db', why: null }],
		});
		// A Resource's `dependencyOf`, and a Datadog queue's, name the services that depend on it.
		expect(entity(catalog, 'orders-db').dependencyOf).toEqual([
			{ name: 'cart', why: null, line: 105, column: 18 },
			{ name: 'billing', why: null, line: 105, column: 34 },
		]);
		expect(entity(catalog, 'reco-events').dependencyOf).toEqual([{ name: 'pricing', why: null, line: 50, column: 18 }]);
		expect(entity(catalog, 'cart').dependencyOf).toEqual([]);
		expect(entity(catalog, 'cart-pricing-rules')).toMatchObject({ partOf: 'cart', repo: 'https://github.com/acme/cart/tree/main/rules/' });
		expect(entity(catalog, 'checkout')).toMatchObject({
			owner: 'user:jane',
			dependsOn: [
				{ name: 'order-events', why: null },
				{ name: 'cart', why: 'consumes API cart-api' },
			],
		});
		expect(entity(catalog, 'pricing')).toMatchObject({
			owner: 'payments',
			tier: '1',
			system: 'shop',
			oncall: 'https://acme.pagerduty.com/service-directory/PPRICING',
			contact: 'https://acme.slack.com/archives/C0PAYMENTS',
			repo: 'https://github.com/acme/pricing',
			runbook: 'https://wiki.example.com/pricing/runbook',
		});
		expect(entity(catalog, 'recommender')).toMatchObject({
			tier: '2',
			system: 'recommendations',
			oncall: 'https://acme.app.opsgenie.com/service/recommender',
			contact: 'discovery@example.com',
			dependsOn: ['pricing', 'reco-cache', 'reco-events', 'cart'].map((name) => expect.objectContaining({ name })),
		});
		expect(catalog.teams).toEqual([
			{ id: 'payments', name: 'Payments', description: 'Money in and out.', contact: 'payments@example.com', file: 'catalog-info.yaml', line: 20, parent: 'engineering' },
		]);
		expect(catalog.people).toEqual([{ id: 'user:jane', name: 'Jane Doe', file: 'catalog-info.yaml', line: 33, memberOf: ['payments'] }]);
		expect(catalog.systems.map((s) => [s.name, s.owner])).toEqual([
			['recommendations', 'discovery'],
			['shop', 'payments'],
		]);
	});

	it('keeps reading after a broken document, and never keeps a javascript: link', async () => {
		const catalog = await loadCatalogs(path.join(fixtures, 'broken', 'input'), yamlFiles);
		const names = catalog.entities.map((e) => e.name);
		expect(names).toContain('ledger-reader');
		expect(names).not.toContain('ledger');
		expect(entity(catalog, 'wallet').links).toEqual([{ title: 'Runbook', url: 'https://wiki.example.com/wallet', type: null }]);
		expect(JSON.stringify(catalog.entities)).not.toMatch(/javascript:/i);
		// An API that nobody provides stands for itself, so its consumer still shows the dependency.
		expect(entity(catalog, 'fraud-score')).toMatchObject({ kind: 'external', catalogKind: 'API', owner: 'risk' });
		expect(entity(catalog, 'orders').dependsOn).toEqual([{ name: 'fraud-score', why: 'consumes API fraud-score', line: 10, column: 7 }]);
		expect(catalog.entities.filter((e) => e.name === 'checkout')).toHaveLength(1);
	});
});

describe("loadCatalogs on Backstage's own example catalog (the examples/ folder of a Backstage app)", async () => {
	const examples = realData('catalogs', 'backstage-examples');
	const catalog = await loadCatalogs(examples, yamlFiles);

	it('reads it all without an error: Templates are skipped like Domains and Locations', () => {
		expect(catalog.problems.filter((p) => p.severity === 'error').map((p) => formatError(p.error))).toEqual([]);
		expect(formatted(catalog).filter((text) => text.includes('CatalogUnknownFormat'))).toEqual([]);
		expect(catalog.entities.map((e) => [e.name, e.kind, e.owner])).toEqual([
			['artist-lookup', 'service', 'team-a'],
			['example-website', 'service', 'guests'],
			['hello-world', 'external', 'team-c'],
			['www-artist', 'service', 'team-a'],
		]);
		expect(catalog.people.map((p) => p.id)).toContain('user:guest');
		expect(catalog.teams.map((t) => t.id)).toEqual(['acme-corp', 'guests', 'infrastructure', 'team-c']);
	});

	it('reads every dependency as the name it refers to, whatever kind the reference names', () => {
		expect(entity(catalog, 'artist-lookup').dependsOn.map((d) => d.name)).toEqual(['artists-db']);
		// Backstage reads `consumesApis: ['component:artist-lookup']` as a relation to that component.
		expect(entity(catalog, 'www-artist').dependsOn).toEqual([{ name: 'artist-lookup', why: 'consumes the API of artist-lookup', line: 11, column: 18 }]);
		expect(catalog.apis).toEqual([
			{ name: 'example-grpc-api', providers: ['example-website'], external: false },
			{ name: 'hello-world', providers: [], external: true },
		]);
	});
});

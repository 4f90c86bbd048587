import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../lib/logger.ts';
import { loadContent } from '../notes/load-content.ts';
import { otlpJsonSource } from '../sources/otlp-json/otlp-json-source.ts';
import { pullSnapshot } from '../sources/pull.ts';
import { emptyCatalog } from '../catalogs/empty-catalog.ts';
import { describeServices } from './describe-services.ts';
import { mergeModel } from './merge-model.ts';
import { modelSchema, type Model } from './model-schema.ts';
import { call, catalogEntity, content, note, seen, snapshot, team } from './test-helpers/model-inputs.ts';
import { realData } from '../../fixtures/real-data.ts';

// Noon, so whole-day ages are floors of half days and an off-by-one rounding shows.
const now = new Date('2026-11-23T12:00:00Z');
const options = { buildId: '20261123T120000Z', now, staleAfterDays: 90 };
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

const edgeOf = (model: Model, from: string, to: string) => model.edges.find((e) => e.from === from && e.to === to);
const serviceOf = (model: Model, name: string) => model.services.find((s) => s.name === name);

describe('mergeModel', () => {
	it('labels edges confirmed (declared and observed), hidden (observed only) and phantom (declared only)', () => {
		const model = mergeModel(
			content([note('checkout', 'commerce', '2026-11-01', ['cart', 'payments'])], [team('commerce')]),
			snapshot(now, [seen('checkout', daysAgo(3), daysAgo(1)), seen('cart', daysAgo(3), daysAgo(1)), seen('fraud', daysAgo(3), daysAgo(1))], [
				call('checkout', 'cart', daysAgo(3), daysAgo(1), { calls: 40 }),
				call('checkout', 'fraud', daysAgo(2), daysAgo(1), { calls: 7, errors: 2 }),
			]),
			options,
		);
		expect(model.edges.map((e) => [e.from, e.to, e.status, e.declared, e.observed, e.calls, e.errors])).toEqual([
			['checkout', 'cart', 'confirmed', true, true, 40, 0],
			['checkout', 'fraud', 'hidden', false, true, 7, 2],
			['checkout', 'payments', 'phantom', true, false, 0, 0],
		]);
		const phantom = edgeOf(model, 'checkout', 'payments')!;
		expect(phantom).toMatchObject({ latencyMs: null, firstSeen: null, lastSeen: null });
		expect(edgeOf(model, 'checkout', 'fraud')).toMatchObject({ firstSeen: daysAgo(2), lastSeen: daysAgo(1), latencyMs: { p50: 1, p95: 2, p99: 3 } });
		// The merged model is what gets written as halflife-model.json: it must match its own schema.
		expect(modelSchema.parse(model)).toEqual(model);
	});

	it('makes a node of a dependency only a note names, guessing its kind from the name', () => {
		const declared = ['postgresql:orders', 'kafka:order-events', 'api.example.com', 'pricing', 'REDIS:sessions'];
		const model = mergeModel(content([note('checkout', 'commerce', '2026-11-01', declared)], [team('commerce')]), null, options);
		const kinds = Object.fromEntries(declared.map((name) => [name, serviceOf(model, name)?.kind]));
		expect(kinds).toEqual({
			'postgresql:orders': 'database',
			'kafka:order-events': 'queue',
			'api.example.com': 'external',
			pricing: 'service',
			'REDIS:sessions': 'database',
		});
		for (const name of declared) {
			expect(serviceOf(model, name)).toMatchObject({ owner: null, description: null, note: null, telemetry: null, dependsOn: [], dependents: 1 });
		}
		expect(serviceOf(model, 'postgresql:orders')!.slug).toBe('postgresql-orders');
		expect(model.telemetry).toBeNull();
		expect(model.edges.every((e) => e.status === 'phantom')).toBe(true);
	});

	it('takes a node kind from telemetry over a guess from its name', () => {
		const model = mergeModel(
			content([note('checkout', 'commerce', '2026-11-01', ['orders-db'])], [team('commerce')]),
			snapshot(now, [seen('checkout', daysAgo(2), daysAgo(1)), seen('orders-db', daysAgo(2), daysAgo(1), { kind: 'database', spans: 0 })], [
				call('checkout', 'orders-db', daysAgo(2), daysAgo(1), { via: 'database' }),
			]),
			options,
		);
		expect(serviceOf(model, 'orders-db')!.kind).toBe('database');
		expect(edgeOf(model, 'checkout', 'orders-db')!.status).toBe('confirmed');
	});

	it("takes a catalog's kind over telemetry's guess that a name it only saw called is an external host", () => {
		const beliefs = describeServices(
			{ notes: [note('lookup', 'team-a', '2026-11-01', ['resource:artists-db'])], teams: [team('team-a')], broken: [], problems: [] },
			{ ...emptyCatalog(), entities: [catalogEntity('artists-db', { catalogKind: 'Resource', kind: 'database', owner: 'team-a' })] },
			null,
		);
		const model = mergeModel(
			beliefs,
			snapshot(now, [seen('lookup', daysAgo(2), daysAgo(1)), seen('artists-db', daysAgo(2), daysAgo(1), { kind: 'external', spans: 0 })], [
				call('lookup', 'artists-db', daysAgo(2), daysAgo(1), { via: 'peer' }),
			]),
			options,
		);
		expect(serviceOf(model, 'artists-db')).toMatchObject({ kind: 'database', owner: 'team-a' });
		expect(edgeOf(model, 'lookup', 'artists-db')).toMatchObject({ status: 'confirmed', declaredBy: ['note'] });
		expect(model.services.map((s) => s.name)).toEqual(['artists-db', 'lookup']);
	});

	it('gives note ages in whole days at build time, stale only past staleAfterDays', () => {
		const notes = [
			note('today', 'ops', '2026-11-23'), // 0.5 days
			note('limit', 'ops', '2026-08-25'), // 90.5 days: not older than 90 whole days
			note('past', 'ops', '2026-08-24'), // 91.5 days
			note('ancient', 'ops', '2024-11-23'),
		];
		const model = mergeModel(content(notes, [team('ops')]), null, options);
		const ages = Object.fromEntries(model.services.map((s) => [s.name, [s.note?.ageDays, s.note?.stale]]));
		expect(ages).toEqual({ today: [0, false], limit: [90, false], past: [91, true], ancient: [730, true] });
		expect(serviceOf(model, 'past')!.note).toEqual({
			path: 'notes/past.md',
			reviewed: '2026-08-24',
			reviewedFrom: 'frontmatter',
			reviewEveryDays: 90,
			ageDays: 91,
			stale: true,
			sections: [],
			halfLifeDays: null,
			hash: expect.stringMatching(/^[0-9a-f]{16}$/),
			// Without review markers in its body, the text hash is the note's hash; nothing tells its review's kind.
			textHash: serviceOf(model, 'past')!.note!.hash,
			review: { kind: 'unknown', basis: null, commit: null, author: null, byOwningTeam: null, lastFullReview: null },
		});

		// A note's own cadence overrides the site's.
		const weekly = mergeModel(content([{ ...notes[1]!, reviewEvery: 7 }], [team('ops')]), null, options);
		expect(weekly.services[0]!.note).toMatchObject({ reviewEveryDays: 7, ageDays: 90, stale: true });

		const strict = mergeModel(content(notes, [team('ops')]), null, { ...options, staleAfterDays: 30 });
		expect(strict.services.filter((s) => s.note?.stale).map((s) => s.name)).toEqual(['ancient', 'limit', 'past']);
		expect(strict.build.staleAfterDays).toBe(30);
	});

	it('gives telemetry ages in whole days since last seen, never negative', () => {
		const skewed = new Date(now.getTime() + 60_000).toISOString();
		const model = mergeModel(
			content([], []),
			snapshot(
				now,
				[
					seen('recent', daysAgo(6), daysAgo(0.9), { spans: 3, versions: ['1.2.0', '1.3.0'] }),
					seen('quiet', daysAgo(6), daysAgo(3.5)),
					seen('skewed', daysAgo(1), skewed),
				],
				[],
			),
			options,
		);
		expect(serviceOf(model, 'recent')!.telemetry).toEqual({
			firstSeen: daysAgo(6),
			lastSeen: daysAgo(0.9),
			ageDays: 0,
			spans: 3,
			versions: ['1.2.0', '1.3.0'],
			rawNames: [],
		});
		expect(serviceOf(model, 'quiet')!.telemetry!.ageDays).toBe(3);
		// A clock a minute ahead on the service's host must not make its telemetry younger than now.
		expect(serviceOf(model, 'skewed')!.telemetry!.ageDays).toBe(0);
	});

	it('counts dependents as distinct callers, declared or observed', () => {
		const model = mergeModel(
			content(
				[note('web', 'ux', '2026-11-01', ['cart', 'search']), note('api', 'ux', '2026-11-01', ['cart']), note('cart', 'ux', '2026-11-01')],
				[team('ux')],
			),
			snapshot(now, [seen('web', daysAgo(2), daysAgo(1)), seen('cart', daysAgo(2), daysAgo(1)), seen('batch', daysAgo(2), daysAgo(1))], [
				call('web', 'cart', daysAgo(2), daysAgo(1)),
				call('web', 'cart', daysAgo(2), daysAgo(1), { via: 'peer' }),
				call('batch', 'cart', daysAgo(2), daysAgo(1)),
			]),
			options,
		);
		const dependents = Object.fromEntries(model.services.map((s) => [s.name, s.dependents]));
		expect(dependents).toEqual({ api: 0, batch: 0, cart: 3, search: 1, web: 0 });
	});

	it('summarizes services, infrastructure, notes and edge statuses', () => {
		const model = mergeModel(
			content(
				[
					note('checkout', 'commerce', '2026-11-01', ['cart', 'postgresql:orders', 'legacy-billing']),
					note('cart', 'commerce', '2020-01-01', ['redis:cart']),
					note('gone', 'commerce', '2026-11-01'),
				],
				[team('commerce')],
			),
			snapshot(
				now,
				[
					seen('checkout', daysAgo(2), daysAgo(1)),
					seen('cart', daysAgo(2), daysAgo(1)),
					seen('fraud', daysAgo(2), daysAgo(1)),
					seen('postgresql:orders', daysAgo(2), daysAgo(1), { kind: 'database', spans: 0 }),
					seen('stripe.example.com', daysAgo(2), daysAgo(1), { kind: 'external', spans: 0 }),
				],
				[
					call('checkout', 'cart', daysAgo(2), daysAgo(1)),
					call('checkout', 'postgresql:orders', daysAgo(2), daysAgo(1), { via: 'database' }),
					call('checkout', 'fraud', daysAgo(2), daysAgo(1)),
					call('fraud', 'stripe.example.com', daysAgo(2), daysAgo(1), { via: 'peer' }),
				],
			),
			options,
		);
		// Services: checkout, cart, gone (notes), fraud (telemetry), legacy-billing (named only).
		// Infrastructure: postgresql:orders, redis:cart, stripe.example.com.
		expect(model.summary).toEqual({
			services: 5,
			documented: 3,
			undocumented: 1,
			unowned: 0,
			confidence: expect.any(Number),
			notObserved: 1,
			staleNotes: 1,
			infrastructure: 3,
			confirmed: 2,
			learned: 0,
			hidden: 2,
			phantom: 2,
			dormant: 0,
			undocumentedCoupling: 0,
		});
		expect(model.telemetry).toEqual({
			source: 'test',
			pulledAt: now.toISOString(),
			window: { start: daysAgo(7), end: now.toISOString() },
			spans: 30,
			traces: 5,
			orphanSpans: 1,
			counting: { basis: 'unknown', ratio: null, evidence: null },
			spansOutsideWindow: 0,
			spanStarts: null,
			emptyWindow: false,
			skippedRecords: 0,
			skipped: [],
		});
		expect(model.build).toEqual({ id: '20261123T120000Z', now: now.toISOString(), staleAfterDays: 90 });
	});

	it("lists each team's services, sorted, and keeps teams that own nothing", () => {
		const model = mergeModel(
			content(
				[note('search', 'discovery', '2026-11-01'), note('browse', 'discovery', '2026-11-01'), note('cart', 'commerce', '2026-11-01')],
				[team('discovery', 'Discovery'), team('commerce', 'Commerce'), team('idle', 'Idle')],
			),
			snapshot(now, [seen('orphan', daysAgo(2), daysAgo(1))], []),
			options,
		);
		expect(model.teams.map((t) => [t.id, t.slug, t.name, t.services])).toEqual([
			['commerce', 'commerce', 'Commerce', ['cart']],
			['discovery', 'discovery', 'Discovery', ['browse', 'search']],
			['idle', 'idle', 'Idle', []],
		]);
		expect(serviceOf(model, 'orphan')!.owner).toBeNull();
	});

	it('sorts services by name and edges by caller then callee, by code point', () => {
		const model = mergeModel(
			content([note('b', 'ops', '2026-11-01', ['a-z', 'Z']), note('a', 'ops', '2026-11-01', ['b', 'é'])], [team('ops')]),
			snapshot(now, [seen('_x', daysAgo(2), daysAgo(1)), seen('B', daysAgo(2), daysAgo(1))], [
				call('_x', 'b', daysAgo(2), daysAgo(1)),
				call('B', 'a', daysAgo(2), daysAgo(1)),
			]),
			options,
		);
		expect(model.services.map((s) => s.name)).toEqual(['B', 'Z', '_x', 'a', 'a-z', 'b', 'é']);
		expect(model.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['B>a', '_x>b', 'a>b', 'a>é', 'b>Z', 'b>a-z']);
	});

	it('merges two observations of one pair into one edge: calls and errors summed, the busiest latency, the widest span of time', () => {
		const model = mergeModel(
			content([note('checkout', 'commerce', '2026-11-01', ['payments'])], [team('commerce')]),
			snapshot(now, [seen('checkout', daysAgo(5), daysAgo(1)), seen('payments', daysAgo(5), daysAgo(1))], [
				call('checkout', 'payments', daysAgo(4), daysAgo(2), { calls: 5, errors: 1, errorTraceCalls: 2, retries: 1, latencyMs: { p50: 10, p95: 20, p99: 30 } }),
				call('checkout', 'payments', daysAgo(5), daysAgo(1), { via: 'peer', calls: 9, errors: 2, errorTraceCalls: 2, retries: 0, latencyMs: { p50: 11, p95: 21, p99: 31 } }),
			]),
			options,
		);
		expect(model.edges).toEqual([
			{
				from: 'checkout',
				to: 'payments',
				status: 'confirmed',
				declared: true,
				why: null,
				declaredBy: ['note'],
				confidence: expect.any(Number),
				absence: null,
				learnedIn: [],
				// 3 of 14 failed: past the failing share, but on too few calls to mark.
				failing: false,
				change: null,
				observed: true,
				calls: 14,
				errors: 3,
				errorTraceCalls: 4,
				retries: 1,
				errorOnly: false,
				retryShare: 0.0714,
				// Nobody was seen calling checkout: an entry point, whose calls multiply nothing.
				amplification: null,
				reads: 0,
				writes: 0,
				consumes: 0,
				declaredUses: [],
				uses: ['calls'],
				seenBefore: null,
				expected: null,
				latencyMs: { p50: 11, p95: 21, p99: 31 },
				firstSeen: daysAgo(5),
				lastSeen: daysAgo(1),
			},
		]);
		expect(model.summary.confirmed).toBe(1);
		expect(serviceOf(model, 'payments')!.dependents).toBe(1);
	});
});

describe('mergeModel on the real HotROD trace', () => {
	const hotrod = realData('traces/otlp/hotrod_jaeger-v3-getTrace-response.otlp.json');
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'halflife-merge-'));
		await mkdir(path.join(dir, 'telemetry'));
		await mkdir(path.join(dir, 'notes'));
		await mkdir(path.join(dir, 'teams'));
		// Under telemetry/ as a user would put it, so the source's default paths find it.
		await copyFile(hotrod, path.join(dir, 'telemetry', 'hotrod.json'));
		await writeFile(path.join(dir, 'teams', 'rides.md'), '---\nname: Rides\n---\n');
		// What the HotROD team believes: some real edges, one that does not exist, and silence about the rest.
		await writeFile(
			path.join(dir, 'notes', 'frontend.md'),
			'---\nservice: frontend\nowner: rides\nreviewed: 2026-06-01\ndependsOn: [customer, driver, postgresql:bookings]\n---\nThe web UI.\n',
		);
		await writeFile(path.join(dir, 'notes', 'customer.md'), '---\nservice: customer\nowner: rides\nreviewed: 2025-12-01\ndependsOn: [mysql]\n---\n');
		await writeFile(path.join(dir, 'notes', 'driver.md'), '---\nservice: driver\nowner: rides\nreviewed: 2026-06-20\n---\n');
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('confirms the declared edges HotROD really has, finds the undeclared ones, and flags the invented one', async () => {
		const buildNow = new Date('2026-06-22T00:00:00Z');
		const window = { start: new Date('2026-06-15T00:00:00Z'), end: buildNow };
		const logger = memoryLogger();
		const notes = await loadContent(dir, { now: buildNow, git: null });
		expect(notes.problems).toEqual([]);
		const telemetry = await pullSnapshot(otlpJsonSource(), { contentDir: dir, now: buildNow, window, logger });
		expect(telemetry.source.inputs).toMatchObject([{ path: 'telemetry/hotrod.json', format: 'otlp-json', spans: 40 }]);
		// The fixture itself is the ground truth: its span pairs, read independently of the source.
		const raw = JSON.parse(await readFile(hotrod, 'utf8')) as {
			result: { resourceSpans: { resource: { attributes: { key: string; value: { stringValue: string } }[] }; scopeSpans: { spans: { spanId: string; parentSpanId?: string }[] }[] }[] };
		};
		const serviceOfSpan = new Map<string, string>();
		const parents: [string, string | undefined][] = [];
		for (const rs of raw.result.resourceSpans) {
			const name = rs.resource.attributes.find((a) => a.key === 'service.name')!.value.stringValue;
			for (const scope of rs.scopeSpans) {
				for (const span of scope.spans) {
					serviceOfSpan.set(span.spanId, name);
					parents.push([span.spanId, span.parentSpanId]);
				}
			}
		}
		const realPairs = new Set<string>();
		for (const [id, parent] of parents) {
			const from = parent ? serviceOfSpan.get(parent) : undefined;
			const to = serviceOfSpan.get(id)!;
			if (from && from !== to) realPairs.add(`${from}>${to}`);
		}
		expect(realPairs).toContain('frontend>customer');
		expect(realPairs).toContain('customer>mysql');

		const model = mergeModel(describeServices(notes, emptyCatalog(), null), telemetry, { buildId: '20260622T000000Z', now: buildNow, staleAfterDays: 90 });
		const declared = new Set(['frontend>customer', 'frontend>driver', 'frontend>postgresql:bookings', 'customer>mysql']);
		const statuses = Object.fromEntries(model.edges.map((e) => [`${e.from}>${e.to}`, e.status]));
		const expected = Object.fromEntries(
			[...new Set([...realPairs, ...declared])].sort().map((pair) => [pair, realPairs.has(pair) ? (declared.has(pair) ? 'confirmed' : 'hidden') : 'phantom']),
		);
		expect(statuses).toEqual(expected);
		expect(statuses).toMatchObject({
			'frontend>customer': 'confirmed',
			'frontend>driver': 'confirmed',
			'customer>mysql': 'confirmed',
			'driver>redis-manual': 'hidden',
			'frontend>route': 'hidden',
			'frontend>postgresql:bookings': 'phantom',
		});
		for (const edge of model.edges.filter((e) => e.observed)) {
			const observed = telemetry.edges.filter((o) => o.from === edge.from && o.to === edge.to);
			expect(edge.calls).toBe(observed.reduce((n, o) => n + o.calls, 0));
		}
		expect(serviceOf(model, 'postgresql:bookings')).toMatchObject({ kind: 'database', telemetry: null, note: null });
		expect(serviceOf(model, 'customer')!.note).toMatchObject({ ageDays: 203, stale: true });
		expect(serviceOf(model, 'frontend')!.note).toMatchObject({ ageDays: 21, stale: false });
		expect(serviceOf(model, 'route')).toMatchObject({ owner: null, note: null, telemetry: { spans: 10, ageDays: 0 } });
		expect(model.summary).toMatchObject({ documented: 3, undocumented: 3, notObserved: 0, staleNotes: 1, phantom: 1 });
		expect(model.teams).toEqual([
			{ id: 'rides', slug: 'rides', name: 'Rides', description: null, contact: null, source: 'teams', services: ['customer', 'driver', 'frontend'], confidence: expect.any(Number), queue: expect.any(Array) },
		]);
		// Rides' review queue, all new, so the riskiest first: the services around its own that nobody describes,
		// its stale note, and what its services call undeclared or declare unseen.
		expect(model.teams[0]!.queue.map((i) => [i.kind, i.service, i.subject])).toEqual([
			['undocumented', 'redis-manual', ''],
			['undocumented', 'route', ''],
			['hidden', 'driver', 'redis-manual'],
			['undocumented', 'mysql', ''],
			['stale-note', 'customer', ''],
			['hidden', 'frontend', 'route'],
			['phantom', 'frontend', 'postgresql:bookings'],
		]);
	});
});

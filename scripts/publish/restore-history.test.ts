import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HalflifeError } from '../errors/halflife-error.ts';
import { buildIdOf } from '../lib/build-clock.ts';
import { memoryLogger } from '../lib/logger.ts';
import { diffModels } from '../model/diff-models.ts';
import { mergeModel } from '../model/merge-model.ts';
import type { Model } from '../model/model-schema.ts';
import { content, note, team } from '../model/test-helpers/model-inputs.ts';
import { restoreHistory } from './restore-history.ts';
import { serveSite } from './serve-site.ts';
import { readVersionModel, readVersionsIndex, VERSIONS_SCHEMA_VERSION, type VersionsIndex } from './versions-index.ts';

const FROM = 'https://team.github.io/kb/';
const days = ['2026-11-02T06:00:00Z', '2026-11-09T06:00:00Z', '2026-11-16T06:00:00Z'].map((d) => new Date(d));

// A model per build, each with one more reviewed note, so each build's model is its own.
function modelOf(now: Date, notes: number): Model {
	const beliefs = content(
		Array.from({ length: notes }, (_, i) => note(`service-${i}`, 'platform', '2026-10-01')),
		[team('platform')],
	);
	return mergeModel(beliefs, null, { buildId: buildIdOf(now), now, staleAfterDays: 90 });
}

const models = days.map((now, i) => modelOf(now, i + 1));
const ids = models.map((m) => m.build.id);

function indexOf(list: Model[]): VersionsIndex {
	return {
		schemaVersion: VERSIONS_SCHEMA_VERSION,
		latest: list.at(-1)!.build.id,
		versions: list.map((model, i) => ({
			id: model.build.id,
			now: model.build.now,
			path: `/v/${model.build.id}/`,
			summary: model.summary,
			changes: diffModels(list[i - 1] ?? null, model),
			pruned: false,
			bytes: null,
			confidence: { system: null, teams: {}, services: {} },
			calibration: null,
		})),
	};
}

/** A published site as a static host serves it: path (under FROM) to body, or to an HTTP status. */
type Published = Record<string, string | Uint8Array | number>;

function fakeFetch(site: Published, requested: string[] = []): typeof fetch {
	return (async (input: string | URL | Request) => {
		const url = String(input);
		requested.push(url);
		const body = url.startsWith(FROM) ? site[url.slice(FROM.length)] : undefined;
		if (body === undefined) return new Response('Not found', { status: 404, statusText: 'Not Found' });
		if (typeof body === 'number') return new Response('failed', { status: body });
		return new Response(typeof body === 'string' ? body : Buffer.from(body), { status: 200 });
	}) as typeof fetch;
}

// The site as publish writes it: versions.json, and each build's model gzipped (older ones plain only).
function published(list: Model[], plain: string[] = []): Published {
	const site: Published = { 'versions.json': JSON.stringify(indexOf(list)) };
	for (const model of list) {
		const json = JSON.stringify(model);
		if (plain.includes(model.build.id)) site[`v/${model.build.id}/halflife-model.json`] = json;
		else site[`v/${model.build.id}/halflife-model.json.gz`] = gzipSync(json);
	}
	return site;
}

let work: string;
let n = 0;
const emptySite = async () => {
	const dir = path.join(work, `site-${n++}`);
	await mkdir(dir, { recursive: true });
	return dir;
};
beforeAll(async () => {
	work = await mkdtemp(path.join(tmpdir(), 'halflife-restore-'));
});
afterAll(async () => {
	await rm(work, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<HalflifeError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(HalflifeError);
	return error as HalflifeError;
}

describe('restoreHistory', () => {
	it('restores versions.json and every model, gzipped or plain, as pruned versions, and says so', async () => {
		const siteDir = await emptySite();
		const logger = memoryLogger();
		const requested: string[] = [];
		const restored = await restoreHistory({ from: FROM, siteDir, fetch: fakeFetch(published(models, [ids[0]!]), requested), logger });
		expect(restored?.versions.map((v) => [v.id, v.pruned])).toEqual(ids.map((id) => [id, true]));
		const index = await readVersionsIndex(path.join(siteDir, 'versions.json'));
		expect(index).toEqual(restored);
		expect(index.latest).toBe(ids[2]);
		for (const [i, id] of ids.entries()) {
			expect(await readVersionModel(siteDir, id)).toEqual(models[i]);
			// What the site keeps is the gzipped model, whichever form was fetched.
			expect(await readdir(path.join(siteDir, 'v', id))).toEqual(['halflife-model.json.gz']);
			expect(JSON.parse(gunzipSync(await readFile(path.join(siteDir, 'v', id, 'halflife-model.json.gz'))).toString())).toEqual(models[i]);
		}
		// The plain model is asked for only where the gzipped one is missing.
		expect(requested.filter((url) => url.endsWith('.json') && url.includes('/v/'))).toEqual([`${FROM}v/${ids[0]}/halflife-model.json`]);
		expect(await readdir(path.join(siteDir, 'v'))).toEqual([...ids].sort());
		expect(logger.lines).toContain(`info: history: the site folder was empty; restored 3 builds from ${FROM}; their pages are not restored`);
	});

	it('adds the final slash the address lacks', async () => {
		const siteDir = await emptySite();
		const restored = await restoreHistory({ from: FROM.replace(/\/$/, ''), siteDir, fetch: fakeFetch(published(models)), logger: memoryLogger() });
		expect(restored?.versions).toHaveLength(3);
	});

	it('starts a new history, saying why, when the site has no versions.json yet (404) or lists no build', async () => {
		for (const site of [{} as Published, { 'versions.json': JSON.stringify({ schemaVersion: 1, latest: null, versions: [] }) }]) {
			const siteDir = await emptySite();
			const logger = memoryLogger();
			expect(await restoreHistory({ from: FROM, siteDir, fetch: fakeFetch(site), logger })).toBeNull();
			expect(await readdir(siteDir)).toEqual([]);
			expect(logger.lines.join('\n')).toMatch(/^info: history: the site folder was empty and https:\/\/team\.github\.io\/kb\/versions\.json (does not exist \(404\)|lists no build): .*starting a new history$/);
		}
	});

	it('stops with an error naming the URL on a server error or a network error, never starting over', async () => {
		const siteDir = await emptySite();
		const server = await failure(restoreHistory({ from: FROM, siteDir, fetch: fakeFetch({ 'versions.json': 503 }), logger: memoryLogger() }));
		expect(server.name).toBe('HistoryRestoreFailed');
		expect(server.message).toContain(`getting ${FROM}versions.json failed: HTTP 503`);
		expect(server.hint).toContain('unset history.restoreFrom');
		const offline = (async () => {
			throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND team.github.io') });
		}) as typeof fetch;
		const network = await failure(restoreHistory({ from: FROM, siteDir, fetch: offline, logger: memoryLogger() }));
		expect(network.name).toBe('HistoryRestoreFailed');
		expect(network.message).toContain('fetch failed: getaddrinfo ENOTFOUND team.github.io');
		// A model the server fails on stops the restore too, and nothing is left that looks restored.
		const site = { ...published(models), [`v/${ids[1]}/halflife-model.json.gz`]: 500 };
		const model = await failure(restoreHistory({ from: FROM, siteDir, fetch: fakeFetch(site), logger: memoryLogger() }));
		expect(model.message).toContain(`${FROM}v/${ids[1]}/halflife-model.json.gz failed: HTTP 500`);
		expect(await readdir(siteDir, { recursive: true })).toEqual(['v']);
	});

	it('refuses a versions.json that is not JSON, not the schema, or lists ids that are not build ids', async () => {
		const hostile = indexOf(models);
		hostile.versions[1]!.id = '../x';
		const cases: Array<[string, string]> = [
			['<html>Moved</html>', 'not JSON'],
			[JSON.stringify({ schemaVersion: 1, versions: 'all' }), 'latest'],
			[JSON.stringify(hostile), 'versions.1.id'],
			[JSON.stringify({ ...indexOf(models), latest: '../../etc' }), 'latest is ../../etc, which it does not list'],
			[JSON.stringify({ ...indexOf(models), versions: [...indexOf(models).versions, indexOf(models).versions[0]] }), `build ${ids[0]} is listed twice`],
		];
		for (const [body, detail] of cases) {
			const siteDir = await emptySite();
			const requested: string[] = [];
			const error = await failure(restoreHistory({ from: FROM, siteDir, fetch: fakeFetch({ ...published(models), 'versions.json': body }, requested), logger: memoryLogger() }));
			expect(error.name, body).toBe('HistoryRestoreInvalid');
			expect(error.message).toContain(`${FROM}versions.json is not what Halflife publishes`);
			expect(error.message).toContain(detail);
			// Refused before any id became a URL or a path.
			expect(requested).toEqual([`${FROM}versions.json`]);
			expect(await readdir(work)).not.toContain('x');
			expect(await readdir(siteDir)).toEqual([]);
		}
	});

	it('refuses a model that is missing, not a model, or another build\'s, naming its URL', async () => {
		const gz = `${FROM}v/${ids[1]}/halflife-model.json.gz`;
		const cases: Array<[Published, string, string]> = [
			[{ [`v/${ids[1]}/halflife-model.json.gz`]: undefined as never }, `${gz} and ${FROM}v/${ids[1]}/halflife-model.json failed: neither exists (404)`, 'HistoryRestoreFailed'],
			[{ [`v/${ids[1]}/halflife-model.json.gz`]: gzipSync('{"schemaVersion": 1}') }, `${gz} is not what Halflife publishes: not a Halflife model`, 'HistoryRestoreInvalid'],
			[{ [`v/${ids[1]}/halflife-model.json.gz`]: 'not json' }, `${gz} is not what Halflife publishes: not a Halflife model`, 'HistoryRestoreInvalid'],
			[{ [`v/${ids[1]}/halflife-model.json.gz`]: gzipSync(JSON.stringify(models[0])) }, `it is the model of build ${ids[0]}, not of ${ids[1]}`, 'HistoryRestoreInvalid'],
		];
		for (const [change, message, name] of cases) {
			const siteDir = await emptySite();
			const site = { ...published(models), ...change };
			for (const key of Object.keys(site)) if (site[key] === undefined) delete site[key];
			const error = await failure(restoreHistory({ from: FROM, siteDir, fetch: fakeFetch(site), logger: memoryLogger() }));
			expect(error.name).toBe(name);
			expect(error.message).toContain(message);
			expect(await readdir(siteDir, { recursive: true })).toEqual(['v']);
		}
	});

	it('refuses a file larger than any Halflife publishes, downloaded or unzipped, before holding all of it', async () => {
		const big = JSON.stringify(models[1]);
		const limit = big.length - 1;
		const cases = [
			[big, 'plain', 'HistoryRestoreFailed', 'larger than'],
			[gzipSync(big), 'gzipped', 'HistoryRestoreInvalid', 'not a Halflife model'],
		] as const;
		for (const [body, what, name, detail] of cases) {
			const siteDir = await emptySite();
			const site = { ...published(models), [`v/${ids[1]}/halflife-model.json.gz`]: body };
			const error = await failure(restoreHistory({ from: FROM, siteDir, fetch: fakeFetch(site), maxFileBytes: limit, logger: memoryLogger() }));
			expect(error.name, what).toBe(name);
			expect(error.message, what).toContain(detail);
			expect(error.message, what).toContain(`${FROM}v/${ids[1]}/halflife-model.json.gz`);
			expect(await readdir(siteDir, { recursive: true })).toEqual(['v']);
		}
	});

	it('replaces what a killed restore left, and ends with versions.json', async () => {
		const siteDir = await emptySite();
		// A killed restore: some models moved into place, its assembly folder half full, no versions.json.
		await mkdir(path.join(siteDir, 'v', ids[0]!), { recursive: true });
		await writeFile(path.join(siteDir, 'v', ids[0]!, 'halflife-model.json.gz'), 'half');
		await mkdir(path.join(siteDir, 'v', '.restore.partial', ids[1]!), { recursive: true });
		await restoreHistory({ from: FROM, siteDir, fetch: fakeFetch(published(models)), logger: memoryLogger() });
		expect(await readVersionModel(siteDir, ids[0]!)).toEqual(models[0]);
		expect(await readdir(path.join(siteDir, 'v'))).toEqual([...ids].sort());
	});
});

describe('restoreHistory from a served site', () => {
	let served: { url: string; server: Server };
	let published: string;
	beforeAll(async () => {
		// A site folder in the shape publish writes, served under a project path as Pages serves it.
		published = path.join(work, 'published');
		await mkdir(published, { recursive: true });
		await writeFile(path.join(published, 'versions.json'), JSON.stringify(indexOf(models)));
		for (const [i, model] of models.entries()) {
			await mkdir(path.join(published, 'v', model.build.id), { recursive: true });
			await writeFile(path.join(published, 'v', model.build.id, 'halflife-model.json'), JSON.stringify(model));
			if (i > 0) await writeFile(path.join(published, 'v', model.build.id, 'halflife-model.json.gz'), gzipSync(JSON.stringify(model)));
			await writeFile(path.join(published, 'v', model.build.id, 'index.html'), '<p>a page</p>');
		}
		served = await serveSite(published, 0, '127.0.0.1', '/kb/');
	});
	afterAll(async () => {
		await new Promise((resolve) => served.server.close(resolve));
	});

	it('restores the history over HTTP, readable as the build reads it, and not the pages', async () => {
		const siteDir = await emptySite();
		const logger = memoryLogger();
		await restoreHistory({ from: `${served.url}/`, siteDir, logger });
		const index = await readVersionsIndex(path.join(siteDir, 'versions.json'));
		expect(index.latest).toBe(ids[2]);
		expect(index.versions.map((v) => [v.id, v.pruned, v.summary])).toEqual(models.map((m) => [m.build.id, true, m.summary]));
		for (const [i, id] of ids.entries()) {
			expect(await readVersionModel(siteDir, id)).toEqual(models[i]);
			expect(await readdir(path.join(siteDir, 'v', id))).toEqual(['halflife-model.json.gz']);
		}
		expect(logger.lines.at(-1)).toBe(`info: history: the site folder was empty; restored 3 builds from ${served.url}/; their pages are not restored`);
	});

	it('starts a new history when nothing is published at the address yet', async () => {
		const siteDir = await emptySite();
		const logger = memoryLogger();
		expect(await restoreHistory({ from: `${served.url}/other-project/`, siteDir, logger })).toBeNull();
		expect(logger.lines.at(-1)).toContain('does not exist (404)');
	});

	it('stops when nothing answers at the address', async () => {
		const { url, server } = await serveSite(published);
		await new Promise((resolve) => server.close(resolve));
		const error = await failure(restoreHistory({ from: `${url}/`, siteDir: await emptySite(), logger: memoryLogger() }));
		expect(error.name).toBe('HistoryRestoreFailed');
		expect(error.message).toMatch(/fetch failed: .*ECONNREFUSED/);
	});
});

import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../scripts/lib/logger.ts';
import type { Model } from '../scripts/model/model-schema.ts';
import { LOCK_DIR, lockSite } from '../scripts/publish/lock-site.ts';
import { readVersionsIndex } from '../scripts/publish/versions-index.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const bin = path.join(repoRoot, 'scripts', 'cli', 'bin.mjs');
// Enough to queue builds behind one another in every order the test needs: the latest clock starts first, the middle
// one (index 1) is reused for a duplicate id, and a build queues both behind an equal clock and ahead of a later one.
// Three waiters already rule out first-come order (it would publish them backwards); five cost CI a minute more.
const BUILDS = 3;
// The waiting build whose clock round 1's duplicate reuses.
const REUSED = 1;
const WAITING = 'halflife: the site is locked: ';
const STACK_LINE = /^ {4}at /m;
let project: string;
// A cache folder outside the project the builds run from.
let outsideCache: string;

// A small project inside the repository's working folder, so its config resolves Halflife's packages:
// two content folders, each its own system (a team and its notes), sharing one cache folder.
beforeAll(async () => {
	await mkdir(path.join(repoRoot, '.halflife'), { recursive: true });
	project = await mkdtemp(path.join(repoRoot, '.halflife', 'concurrent-'));
	outsideCache = await mkdtemp(path.join(tmpdir(), 'halflife-concurrent-cache-'));
	await cp(path.join(repoRoot, 'scripts', 'notes', 'fixtures', 'valid', 'input'), path.join(project, 'content'), { recursive: true });
	await mkdir(path.join(project, 'content-b', 'teams'), { recursive: true });
	await mkdir(path.join(project, 'content-b', 'notes'));
	await writeFile(path.join(project, 'content-b', 'teams', 'ghosts.md'), '---\nname: Ghosts\n---\nThey keep the lights off.\n');
	await writeFile(path.join(project, 'content-b', 'notes', 'haunting.md'), '---\nservice: haunting\nowner: ghosts\nreviewed: 2026-10-01\ndescription: Rattles chains at night.\n---\nBoo.\n');
	await writeFile(
		path.join(project, 'astro.config.mjs'),
		[
			`import mdx from '@astrojs/mdx';`,
			`import halflife from ${JSON.stringify(path.join(repoRoot, 'scripts', 'integration', 'index.ts'))};`,
			`export default {`,
			`	srcDir: ${JSON.stringify(path.join(repoRoot, 'site'))},`,
			`	trailingSlash: 'always',`,
			`	integrations: [halflife({ title: 'Concurrent', notes: { gitDates: false } }), mdx()],`,
			`};`,
			'',
		].join('\n'),
	);
});
afterAll(async () => {
	await rm(project, { recursive: true, force: true });
	await rm(outsideCache, { recursive: true, force: true });
});

interface Run {
	pid: number;
	stderr: () => string;
	done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Starts `halflife build` in its own process, with plain output and no clock from the environment. */
function startBuild(args: string[]): Run {
	const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
	delete env['SOURCE_DATE_EPOCH'];
	const child = spawn(process.execPath, [bin, 'build', '--root', project, '--no-diagrams', '--lock-timeout', '1800', ...args], { cwd: project, env });
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	return { pid: child.pid!, stderr: () => stderr, done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr }))) };
}

/**
 * Watches who holds the site while builds run, from the entry a holder writes in the lock folder:
 * the pids in the order they held it, and whether two ever held it at once.
 */
function watchHolders(site: string): { holders: readonly number[]; stop: () => Promise<{ holders: number[]; overlaps: number }> } {
	const holders: number[] = [];
	let overlaps = 0;
	let watching = true;
	const loop = (async () => {
		while (watching) {
			const names = await readdir(path.join(site, LOCK_DIR)).catch(() => [] as string[]);
			const held = names.filter((name) => name.startsWith('held-'));
			if (held.length > 1) overlaps++;
			for (const name of held) {
				const pid = await readFile(path.join(site, LOCK_DIR, name), 'utf8').then((text) => (JSON.parse(text) as { pid: number }).pid, () => null);
				if (pid !== null && holders.at(-1) !== pid) holders.push(pid);
			}
			await sleep(20);
		}
	})();
	return {
		holders,
		stop: async () => {
			watching = false;
			await loop;
			return { holders, overlaps };
		},
	};
}

async function until(check: () => boolean, what: string): Promise<void> {
	for (let i = 0; i < 6000 && !check(); i++) await sleep(50);
	expect(check(), what).toBe(true);
}

/** Checks the site after a round: every build listed once, in clock order, each read the one before it, each version whole. */
async function expectWholeHistory(site: string, ids: readonly string[]): Promise<void> {
	const index = await readVersionsIndex(path.join(site, 'versions.json'));
	expect(index.versions.map((v) => v.id)).toEqual(ids);
	expect(index.latest).toBe(ids.at(-1));
	// Each build diffed against the build published just before it: it read the history only once that one had finished.
	expect(index.versions.map((v) => v.changes.previous)).toEqual([null, ...ids.slice(0, -1)]);
	for (const id of ids) {
		const model = JSON.parse(await readFile(path.join(site, 'v', id, 'halflife-model.json'), 'utf8')) as Model;
		expect(model.build.id).toBe(id);
		for (const page of ['index.html', 'services/cart/index.html', 'services/pricing/index.html', 'teams/payments/index.html', 'builds/index.html']) {
			expect((await readFile(path.join(site, 'v', id, page), 'utf8')).trimEnd(), `${id}/${page}`).toMatch(/<\/html>$/);
		}
	}
	expect(await readdir(site)).not.toContain(LOCK_DIR);
}

describe('builds of one site started at once', () => {
	it('all publish, one after another, in clock order, each version whole and listed', { timeout: 45 * 60_000 }, async () => {
		const site = path.join(project, 'dist');
		const published: string[] = [];
		const day = (round: number, i: number) => `2026-0${round + 1}-${String(10 + i).padStart(2, '0')}T06:00:00Z`;
		const idOf = (now: string) => now.replace(/[-:]/g, '');

		for (const round of [1, 2]) {
			// A build is publishing (this test, holding the site) when BUILDS more start at once, latest clocks first.
			const hold = await lockSite(site, memoryLogger(), { timeoutMs: 0, clock: null });
			const clocks = Array.from({ length: BUILDS }, (_, i) => day(round, BUILDS - 1 - i));
			const runs = clocks.map((now) => startBuild(['--now', now]));
			await until(() => runs.every((run) => run.stderr().includes(WAITING)), 'every build says it waits');
			// Round 1: a build with the clock of one already waiting, so the same build id.
			let doomed = round === 1 ? startBuild(['--now', clocks[REUSED]!]) : undefined;
			if (doomed) await until(() => doomed!.stderr().includes(WAITING), 'the last build says it waits');
			const watch = watchHolders(site);
			await hold();
			// Round 2: once a build of the round holds the site, one with an earlier clock than it; it waits, and
			// when its turn comes, a build later than its clock has published meanwhile.
			if (round === 2) {
				await until(() => watch.holders.some((pid) => runs.some((run) => run.pid === pid)), 'a build of the round holds the site');
				doomed = startBuild(['--now', '2026-03-01T06:00:00Z']);
			}
			const results = await Promise.all(runs.map((run) => run.done));
			const failed = await doomed!.done;
			const { holders, overlaps } = await watch.stop();

			results.forEach((result, i) => {
				expect(result.code, result.stderr).toBe(0);
				expect(result.stdout).toContain(`Published build ${idOf(clocks[i]!)}`);
				// Said once, naming who holds the site and since when; then said when it got its turn.
				expect(result.stderr.split(WAITING)).toHaveLength(2);
				expect(result.stderr).toMatch(new RegExp(`${WAITING}process \\d+ on \\S+ has had it since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z; waiting for its turn`));
				expect(result.stderr).toMatch(/halflife: took the site after waiting \d+ s/);
			});
			expect(failed.code, failed.stderr).toBe(1);
			expect(failed.stderr).toContain(WAITING);
			expect(failed.stderr).toContain(
				round === 1
					? `error VersionExists: This version is already published\n  Build \`${idOf(clocks[REUSED]!)}\` already exists`
					: `error NowBeforePrevious: Build time goes backwards\n  The build time 2026-03-01T06:00:00.000Z is before the latest published build`,
			);
			expect(failed.stderr).not.toContain('internal error');
			expect(failed.stderr).not.toMatch(STACK_LINE);

			// One holder at a time, in clock order, each once.
			expect(overlaps).toBe(0);
			const order = [...clocks].sort();
			const byClock = order.map((now) => runs[clocks.indexOf(now)]!.pid);
			expect(holders.filter((pid) => byClock.includes(pid))).toEqual(byClock);
			published.push(...order.map(idOf));
			await expectWholeHistory(site, published);
		}

		// Round 3: a cron run, a push run and one more, with no clock of their own and nothing holding the site:
		// each reads the clock once it has the site, so all publish.
		const runs = Array.from({ length: BUILDS }, () => startBuild([]));
		const watch = watchHolders(site);
		const results = await Promise.all(runs.map((run) => run.done));
		const { overlaps } = await watch.stop();
		for (const result of results) expect(result.code, result.stderr).toBe(0);
		expect(overlaps).toBe(0);
		const ids = results.map((result) => /Published build (\S+) into /.exec(result.stdout)![1]!).sort();
		expect(new Set(ids).size).toBe(BUILDS);
		published.push(...ids);
		await expectWholeHistory(site, published);
	});
});

describe('builds of two content folders from one checkout', () => {
	// Astro once kept its prerender chunks under the current folder whenever the working folder was elsewhere,
	// so two builds with their cache outside the checkout loaded and deleted each other's.
	it.each([
		['the project', () => path.join(project, '.halflife')],
		['another folder', () => outsideCache],
	])('run at once into their own sites and working folders, each site showing its own content, with the cache in %s', { timeout: 15 * 60_000 }, async (_where, cacheOf) => {
		const cache = cacheOf();
		await rm(path.join(project, 'site-a'), { recursive: true, force: true });
		await rm(path.join(project, 'site-b'), { recursive: true, force: true });
		const [a, b] = await Promise.all(
			[
				['--content', 'content', '--site', 'site-a'],
				['--content', 'content-b', '--site', 'site-b'],
			].map((args) => startBuild([...args, '--cache-dir', cache, '--now', '2026-11-23T00:00:00Z']).done),
		);
		expect(a!.code, a!.stderr).toBe(0);
		expect(b!.code, b!.stderr).toBe(0);
		const modelOf = async (site: string) => JSON.parse(await readFile(path.join(project, site, 'halflife-model.json'), 'utf8')) as Model;
		const [modelA, modelB] = [await modelOf('site-a'), await modelOf('site-b')];
		expect(modelA.teams.map((team) => team.id)).toEqual(['payments']);
		expect(modelB.teams.map((team) => team.id)).toEqual(['ghosts']);
		expect(modelA.services.map((s) => s.name)).toContain('cart');
		expect(modelB.services.map((s) => s.name)).toEqual(['haunting']);
		// The pages say the same as the models: neither build's Astro read the other's generated pages.
		const teamsA = await readFile(path.join(project, 'site-a', 'teams', 'index.html'), 'utf8');
		const teamsB = await readFile(path.join(project, 'site-b', 'teams', 'index.html'), 'utf8');
		expect(teamsA).toContain('Payments');
		expect(teamsA).not.toContain('Ghosts');
		expect(teamsB).toContain('Ghosts');
		expect(teamsB).not.toContain('Payments');
		expect(await readFile(path.join(project, 'site-b', 'services', 'haunting', 'index.html'), 'utf8')).toContain('Rattles chains at night.');
		await expect(readdir(path.join(project, 'site-a', 'services', 'haunting'))).rejects.toThrow();
		// One working folder per site in the shared cache.
		const working = (await readdir(path.join(cache, 'sites'))).filter((name) => name.startsWith('site-')).sort();
		expect(working).toEqual([expect.stringMatching(/^site-a-[0-9a-f]{8}$/), expect.stringMatching(/^site-b-[0-9a-f]{8}$/)]);
		// Nothing of Astro's left in the folder the builds ran from, nor published.
		await expect(readdir(path.join(project, '.astro', '.prerender'))).rejects.toThrow();
		await expect(readdir(path.join(project, 'site-a', '.prerender'))).rejects.toThrow();
	});
});

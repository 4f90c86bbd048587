import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HalflifeError } from '../errors/halflife-error.ts';
import { memoryLogger } from '../lib/logger.ts';
import { currentProcess } from '../lib/process-identity.ts';
import { LOCK_DIR, lockSite } from './lock-site.ts';

const CHILD = path.join(import.meta.dirname, 'test-helpers', 'lock-child.ts');
const FAST = { timeoutMs: 10_000, clock: null, pollMs: 5 };

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-lock-'));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has just exited, so no process runs under it. */
function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
	expect(child.status).toBe(0);
	expect(() => process.kill(child.pid!, 0)).toThrow();
	return child.pid!;
}

/** Writes an entry into a site's lock folder as another build would have made it. */
async function plant(site: string, name: string, taker: Record<string, unknown>): Promise<string> {
	await mkdir(path.join(site, LOCK_DIR), { recursive: true });
	const entry = {
		...(await currentProcess()),
		token: name.slice(-16),
		since: '2026-11-01T00:00:00.000Z',
		clock: null,
		...taker,
	};
	await writeFile(path.join(site, LOCK_DIR, name), JSON.stringify(entry));
	return name;
}

const lockEntries = async (site: string) => (await readdir(path.join(site, LOCK_DIR)).catch(() => [] as string[])).sort();

/** Settles to `'waiting'` when the promise has not settled within `ms`. */
const within = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, sleep(ms).then(() => 'waiting' as const)]);

describe('lockSite', () => {
	it('creates the site folder, records its holder, and leaves nothing once released', async () => {
		const siteDir = path.join(dir, 'site');
		const logger = memoryLogger();
		const release = await lockSite(siteDir, logger, FAST);
		const names = await lockEntries(siteDir);
		expect(names).toEqual([expect.stringMatching(/^held-[0-9a-f]{16}$/), expect.stringMatching(/^ticket-1-[0-9a-f]{16}$/)]);
		const holder = JSON.parse(await readFile(path.join(siteDir, LOCK_DIR, names[0]!), 'utf8')) as { pid: number; host: string; since: string };
		expect(holder).toMatchObject({ pid: process.pid, host: hostname() });
		expect(Math.abs(Date.parse(holder.since) - Date.now())).toBeLessThan(60_000);
		expect(logger.lines).toEqual([]);
		await release();
		await release();
		expect(await readdir(siteDir)).toEqual([]);
	});

	it('makes a second build wait its turn, saying once who holds the site and since when', async () => {
		const first = await lockSite(dir, memoryLogger(), FAST);
		const heldSince = JSON.parse(await readFile(path.join(dir, LOCK_DIR, (await lockEntries(dir))[0]!), 'utf8')).since as string;
		const logger = memoryLogger();
		const second = lockSite(dir, logger, FAST);
		expect(await within(second, 300)).toBe('waiting');
		await first();
		const release = await second;
		expect(logger.lines[0]).toBe(
			`info: the site is locked: process ${process.pid} on ${hostname()} has had it since ${heldSince}; waiting for its turn, up to 10 s (--lock-timeout)`,
		);
		expect(logger.lines[1]).toMatch(/^info: took the site after waiting \d+ s$/);
		expect(logger.lines).toHaveLength(2);
		await release();
		expect(await readdir(dir)).toEqual([]);
	});

	it('fails when its wait runs out, naming the holder, and leaves the holder as it was', async () => {
		const release = await lockSite(dir, memoryLogger(), FAST);
		const held = await lockEntries(dir);
		for (const timeoutMs of [0, 200]) {
			const error = await lockSite(dir, memoryLogger(), { ...FAST, timeoutMs }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(HalflifeError);
			expect((error as HalflifeError).name).toBe('SiteLocked');
			expect((error as HalflifeError).message).toContain(`is locked by process ${process.pid} on ${hostname()} since `);
			expect((error as HalflifeError).message).toContain(`this build waited 0 s for its turn`);
			expect((error as HalflifeError).hint).toContain('--lock-timeout SECONDS');
			expect((error as HalflifeError).hint).toContain(path.join(dir, LOCK_DIR));
			expect(await lockEntries(dir)).toEqual(held);
		}
		await release();
		expect(await readdir(dir)).toEqual([]);
	});

	it('takes over from builds that no longer run, with a warning, whatever they left', async () => {
		const pid = deadPid();
		for (const name of ['held-00000000000000aa', 'ticket-7-00000000000000aa', 'choosing-00000000000000bb', `tmp-00000000000000cc-${pid}`]) {
			await plant(dir, name, { pid });
		}
		// A temp file its writer was killed before it wrote anything into.
		await writeFile(path.join(dir, LOCK_DIR, `tmp-00000000000000dd-${pid}`), '');
		const logger = memoryLogger();
		const release = await lockSite(dir, logger, FAST);
		expect(logger.lines.filter((line) => line.startsWith('warn:')).sort()).toEqual([
			`warn: ${path.join(dir, LOCK_DIR)}: process ${pid} on ${hostname()}, there since 2026-11-01T00:00:00.000Z, no longer runs; its place is cleared`,
			`warn: ${path.join(dir, LOCK_DIR)}: process ${pid} on ${hostname()}, there since 2026-11-01T00:00:00.000Z, no longer runs; its place is cleared`,
		]);
		// Its ticket follows the dead one's: numbers only grow while anyone is in the folder.
		expect((await lockEntries(dir)).filter((name) => !name.includes('00000000000000'))).toEqual([
			expect.stringMatching(/^held-/),
			expect.stringMatching(/^ticket-8-/),
		]);
		expect((await lockEntries(dir)).filter((name) => name.includes('00000000000000'))).toEqual([]);
		await release();
		expect(await readdir(dir)).toEqual([]);
	});

	it.skipIf(process.platform !== 'linux')('tells a reused pid from its holder by the start time, and never takes a live holder', async () => {
		const self = await currentProcess();
		// This process's pid, but a process that started at another time: the one that wrote it is gone.
		await plant(dir, 'ticket-1-00000000000000aa', { started: `${self.started!.split(':')[0]}:1` });
		const release = await lockSite(dir, memoryLogger(), FAST);
		expect(await lockEntries(dir)).not.toContain('ticket-1-00000000000000aa');
		await release();

		// The same pid with its own start time is alive: waited for until the timeout, never removed.
		await plant(dir, 'ticket-1-00000000000000bb', {});
		const error = await lockSite(dir, memoryLogger(), { ...FAST, timeoutMs: 300 }).catch((e: unknown) => e);
		expect((error as HalflifeError).name).toBe('SiteLocked');
		expect(await lockEntries(dir)).toEqual(['ticket-1-00000000000000bb']);
	});

	it('never judges a build on another machine or in another container by this one’s pids', async () => {
		const pid = deadPid();
		await plant(dir, 'held-00000000000000aa', { pid, host: 'ci-runner-7', since: '2026-11-30T10:00:00.000Z', clock: '2026-11-30T09:59:00.000Z' });
		await plant(dir, 'ticket-1-00000000000000aa', { pid, host: 'ci-runner-7' });
		await plant(dir, 'ticket-2-00000000000000bb', { pid, pidNamespace: 'pid:[1]' });
		const error = await lockSite(dir, memoryLogger(), { ...FAST, timeoutMs: 300 }).catch((e: unknown) => e);
		expect((error as HalflifeError).name).toBe('SiteLocked');
		expect((error as HalflifeError).message).toContain(
			`is locked by process ${pid} on ci-runner-7 (build 20261130T095900Z) since 2026-11-30T10:00:00.000Z`,
		);
		expect(await lockEntries(dir)).toEqual(['held-00000000000000aa', 'ticket-1-00000000000000aa', 'ticket-2-00000000000000bb']);
	});

	it('takes over the lock file an older Halflife left when its process is gone, and refuses while it runs', async () => {
		await writeFile(path.join(dir, LOCK_DIR), JSON.stringify({ pid: deadPid(), since: '2026-11-01T00:00:00.000Z' }));
		const logger = memoryLogger();
		const release = await lockSite(dir, logger, FAST);
		expect(logger.lines).toEqual([`warn: taking over ${path.join(dir, LOCK_DIR)}, left by a build that no longer runs`]);
		await release();
		expect(await readdir(dir)).toEqual([]);

		await writeFile(path.join(dir, LOCK_DIR), JSON.stringify({ pid: process.pid, since: '2026-11-01T00:00:00.000Z' }));
		const error = await lockSite(dir, memoryLogger(), FAST).catch((e: unknown) => e);
		expect((error as HalflifeError).name).toBe('SiteLocked');
		expect((error as HalflifeError).message).toContain(`locked by process ${process.pid} since 2026-11-01T00:00:00.000Z`);
	});

	it('releases only its own place', async () => {
		const first = await lockSite(dir, memoryLogger(), FAST);
		const second = lockSite(dir, memoryLogger(), FAST);
		await within(second, 100);
		const waiting = (await lockEntries(dir)).filter((name) => name.startsWith('ticket-2-'));
		expect(waiting).toHaveLength(1);
		await first();
		await first();
		const release = await second;
		expect(await lockEntries(dir)).toContain(waiting[0]);
		await release();
		expect(await readdir(dir)).toEqual([]);
	});

	it('lets builds that wait together publish in the order of their clocks, fixed clocks before the machine’s', async () => {
		const holder = await lockSite(dir, memoryLogger(), FAST);
		const order: string[] = [];
		// Queued one after another, latest clocks first, so the order is the clocks' and not the queue's;
		// two with one clock keep the order they came in, though the one before them gives way to both.
		const waiters: [string, string | null][] = [
			['23', '2026-11-23T00:00:00Z'],
			['machine 1', null],
			['16 first', '2026-11-16T00:00:00Z'],
			['09', '2026-11-09T00:00:00Z'],
			['16 second', '2026-11-16T00:00:00Z'],
			['machine 2', null],
		];
		const done = waiters.map(async ([label, clock], i) => {
			await sleep(30 * i);
			const release = await lockSite(dir, memoryLogger(), { ...FAST, clock: clock === null ? null : new Date(clock) });
			order.push(label);
			await sleep(10);
			await release();
		});
		await sleep(30 * waiters.length + 100);
		await holder();
		await Promise.all(done);
		expect(order).toEqual(['09', '16 first', '16 second', '23', 'machine 1', 'machine 2']);
		expect(await readdir(dir)).toEqual([]);
	});

	it('removes its place when its process is stopped by a signal while it waits', async () => {
		const release = await lockSite(dir, memoryLogger(), FAST);
		const work = await mkdtemp(path.join(tmpdir(), 'halflife-lock-work-'));
		const child = spawn(process.execPath, [CHILD, dir, 'victim', '0', work], { stdio: ['ignore', 'pipe', 'inherit'] });
		await ready(child);
		await waitFor(async () => (await lockEntries(dir)).some((name) => name.startsWith('ticket-2-')));
		child.kill('SIGTERM');
		const [, signal] = (await new Promise((resolve) => child.on('exit', (...args) => resolve(args)))) as [number | null, string | null];
		expect(signal).toBe('SIGTERM');
		expect((await lockEntries(dir)).filter((name) => !name.startsWith('held-') && !name.startsWith('ticket-1-'))).toEqual([]);
		await release();
		expect(await readdir(dir)).toEqual([]);
		await rm(work, { recursive: true, force: true });
	});

	it('lets exactly one process in at a time among many, while others are killed holding or waiting', { timeout: 120_000 }, async () => {
		const work = path.join(dir, 'work');
		await mkdir(work);
		const site = path.join(dir, 'site');
		const TAKERS = 8;
		const ROUNDS = 15;
		const takers = Array.from({ length: TAKERS }, () => spawn(process.execPath, [CHILD, site, 'taker', String(ROUNDS), work], { stdio: ['ignore', 'pipe', 'pipe'] }));
		const results = takers.map((child) => finished(child));
		// Builds killed outright, half of them inside (holding the site), half at a random moment (mostly
		// waiting for it): what they leave must not block the rest, nor let two in.
		const VICTIMS = 10;
		const killedInside = await Promise.all(
			Array.from({ length: VICTIMS }, async (_, i) => {
				await sleep(i * 150);
				const victim = spawn(process.execPath, [CHILD, site, 'victim', '0', work], { stdio: ['ignore', 'pipe', 'inherit'] });
				await ready(victim);
				if (i % 2 === 0) await new Promise((resolve) => victim.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('in') && resolve(null)));
				await sleep(Math.random() * (i % 2 === 0 ? 2 : 150));
				victim.kill('SIGKILL');
				await new Promise((resolve) => victim.on('exit', resolve));
				return i % 2 === 0;
			}),
		);
		const killed = killedInside.length;
		const outcomes = await Promise.all(results);
		for (const outcome of outcomes) expect(outcome.code, outcome.stderr).toBe(0);
		const seen = outcomes.map((outcome) => JSON.parse(outcome.stdout.trim().split('\n').at(-1)!) as { violations: number; takeovers: number });
		expect(seen.map((s) => s.violations)).toEqual(Array(TAKERS).fill(0));
		// The victims killed inside left their mark there, and the takers found it: the takeovers happened.
		expect(seen.reduce((sum, s) => sum + s.takeovers, 0)).toBeGreaterThan(0);
		// Every turn's increment survived: no two processes read the counter at once.
		const turns = (await readFile(path.join(work, 'turns'), 'utf8')).trim().split('\n').length;
		const counter = Number(await readFile(path.join(work, 'counter'), 'utf8'));
		expect(turns).toBeGreaterThanOrEqual(TAKERS * ROUNDS);
		expect(counter).toBeGreaterThanOrEqual(turns);
		expect(counter).toBeLessThanOrEqual(turns + killed);
		// What the last victims left is cleared by the next build, which takes the site at once.
		const release = await lockSite(site, memoryLogger(), { ...FAST, timeoutMs: 0 });
		await release();
		expect(existsSync(path.join(site, LOCK_DIR))).toBe(false);
	});
});

function ready(child: ChildProcess): Promise<void> {
	return new Promise((resolve, reject) => {
		child.stdout!.once('data', () => resolve());
		child.once('exit', (code) => reject(new Error(`the child exited (${code}) before it was ready`)));
	});
}

function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
	for (let i = 0; i < 500 && !(await check()); i++) await sleep(10);
	expect(await check()).toBe(true);
}

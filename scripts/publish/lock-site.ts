import { randomBytes } from 'node:crypto';
import { rmdirSync, unlinkSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'astro/zod';
import { HalflifeError } from '../errors/halflife-error.ts';
import { buildIdOf } from '../lib/build-clock.ts';
import type { Logger } from '../lib/logger.ts';
import { currentProcess, processState } from '../lib/process-identity.ts';

/** Folder in the site where builds take turns to publish into it; it exists only while a build holds or waits for the site. */
export const LOCK_DIR = '.halflife.lock';

/** How a build waits for the site. */
export interface LockOptions {
	/** Longest wait for the site, in milliseconds; 0 fails at once when another build has it. */
	timeoutMs: number;
	/** The build's clock when it is fixed (`--now`), so builds that wait together publish in clock order; null when it reads the machine's clock once it has the site. */
	clock: Date | null;
	/** How often a waiting build looks again, in milliseconds. */
	pollMs?: number | undefined;
}

// Who made an entry in the lock folder: the process (pid, and what survives pid reuse) and its build.
const takerSchema = z.object({
	token: z.string(),
	pid: z.number().int().positive(),
	host: z.string(),
	pidNamespace: z.string().nullable(),
	started: z.string().nullable(),
	since: z.iso.datetime(),
	clock: z.iso.datetime().nullable(),
});
type Taker = z.infer<typeof takerSchema>;

interface Entry {
	name: string;
	kind: 'choosing' | 'ticket' | 'held' | 'tmp';
	/** A ticket's number; 0 for the other kinds. */
	n: number;
	/** A temp file's writer, from its name; 0 for the other kinds. */
	pid: number;
	token: string;
	/** Null when the file does not parse: its maker is unknown, so it is never judged gone. */
	taker: Taker | null;
}

type Ticket = { name: string; n: number; token: string };

const ENTRY = /^(?:(choosing|held|tmp)|ticket-(\d+))-([0-9a-f]{16})(?:-(\d+))?$/;
const DEFAULT_POLL_MS = 100;
// A temp file that never became an entry (its writer was killed while writing it) is cleared after this long.
const ABANDONED_TEMP_MS = 60_000;

/**
 * Takes the site's lock so builds publish into it one at a time, waiting for the site's turn
 * when another build has it. Returns a function that releases it.
 *
 * Why not one lock file: creating it and saying who holds it can be one step (write a temp file,
 * link(2) it into place), but taking over a stale one cannot. Two builds that both find the same
 * dead holder both delete "its" lock, and the slower one deletes the lock the faster one has just
 * made; file systems have no compare-and-delete. So no entry here is ever replaced or shared:
 *
 * Lamport's bakery algorithm, one file per entry, named with the taker's random token. A build
 * writes `choosing-<token>`, reads the tickets, writes `ticket-<n>-<token>` with n one more than
 * the highest, and removes `choosing-<token>`. It holds the site once it sees, twice in a row,
 * no one choosing and no smaller ticket (the number, then the token, breaks ties). Twice, because
 * readdir is not a snapshot: an entry renamed into place during one listing may be missed, but
 * not by the next. Each file is written whole to a temp file and renamed to its unique name, so
 * an entry and its maker appear in one step, and a reader never sees a half-written one.
 *
 * An entry whose maker no longer runs (its pid is free, or taken by a process that started at
 * another time) is removed by whoever finds it: its name was that process's alone and is never
 * made again, so removing it can never remove a live one. A maker on another machine or in
 * another container is never judged by this machine's pids. Release removes only the files with
 * this build's own token, so it cannot remove another's, and needs no check before removing;
 * the last one out removes the empty folder (rmdir fails while anything is in it, and a build
 * that finds the folder gone makes it again), so an idle site has no lock in it.
 *
 * Builds with a fixed clock wait in clock order: one that would publish before a waiting build
 * with an earlier clock takes a new ticket behind it, since the other could not publish after it.
 * Equal clocks keep the order the builds came in.
 */
export async function lockSite(siteDir: string, logger: Logger, options: LockOptions): Promise<() => Promise<void>> {
	await mkdir(siteDir, { recursive: true });
	const dir = path.join(siteDir, LOCK_DIR);
	const me: Taker = {
		...(await currentProcess()),
		token: randomBytes(8).toString('hex'),
		since: new Date().toISOString(),
		clock: options.clock?.toISOString() ?? null,
	};
	const turn = { ticket: await takeTicket(dir, me, logger), waited: false };
	try {
		await waitForTurn(siteDir, dir, me, turn, options, logger);
	} catch (error) {
		await removeOwn(`choosing-${me.token}`, dir);
		await removeOwn(turn.ticket.name, dir);
		await rmdir(dir).catch(() => {});
		throw error;
	}
	// Says who holds the site and since when, for the builds that wait; it takes no part in the turns.
	const held = await writeEntry(dir, `held-${me.token}`, { ...me, since: new Date().toISOString() });
	if (turn.waited) logger.info(`took the site after waiting ${Math.round((Date.now() - Date.parse(me.since)) / 1000)} s`);
	let released = false;
	return async () => {
		if (released) return;
		released = true;
		// The held entry first: while the ticket stands no one else can hold, so two held entries never coexist.
		await removeOwn(held, dir);
		await removeOwn(turn.ticket.name, dir);
		await rmdir(dir).catch(() => {});
	};
}

// Waits until this build's ticket comes first, as the bakery decides; says so once when it has to wait.
async function waitForTurn(siteDir: string, dir: string, me: Taker, turn: { ticket: Ticket; waited: boolean }, options: LockOptions, logger: Logger): Promise<void> {
	const known = new Map<string, Taker | null>();
	const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
	let waiting: { end(): void } | undefined;
	try {
		for (let clear = 0; clear < 2; ) {
			const entries = await readEntries(dir, known);
			if (!entries.some((entry) => entry.name === turn.ticket.name)) {
				logger.warn(`${dir}: this build's place was removed by hand; taking a new one`);
				turn.ticket = await takeTicket(dir, me, logger);
				clear = 0;
				continue;
			}
			const others = entries.filter((entry) => entry.token !== me.token);
			if (await removeGone(others, dir, logger)) {
				clear = 0;
				continue;
			}
			const ahead = others.filter((entry) => entry.kind === 'choosing' || (entry.kind === 'ticket' && before(entry, turn.ticket)));
			if (ahead.length === 0) {
				clear++;
				if (clear === 2 && others.some((entry) => entry.kind === 'ticket' && entry.taker && goesFirst(entry.taker, me))) {
					const old = turn.ticket;
					turn.ticket = await takeTicket(dir, me, logger);
					await removeOwn(old.name, dir);
					clear = 0;
				}
				continue;
			}
			clear = 0;
			const holder = others.find((entry) => entry.kind === 'held') ?? ahead.filter((entry) => entry.kind === 'ticket').sort(order)[0] ?? ahead[0]!;
			const waited = Date.now() - Date.parse(me.since);
			if (waited >= options.timeoutMs) throw lockedError(siteDir, dir, holder, waited);
			if (!waiting) {
				logger.info(
					`the site is locked: ${describe(holder.taker)} has had it since ${holder.taker?.since ?? 'an unknown time'}; ` +
						`waiting for its turn${ahead.length > 1 ? ` behind ${ahead.length} builds` : ''}, up to ${Math.round(options.timeoutMs / 1000)} s (--lock-timeout)`,
				);
				waiting = logger.stage?.('waiting for the site') ?? { end: () => {} };
				turn.waited = true;
			}
			await sleep(pollMs + Math.random() * (pollMs / 2));
		}
	} finally {
		waiting?.end();
	}
}

// Enters the bakery: choosing, then a ticket numbered after every ticket there, then no longer choosing.
async function takeTicket(dir: string, me: Taker, logger: Logger): Promise<Ticket> {
	const choosing = await writeEntry(dir, `choosing-${me.token}`, me, logger);
	const numbers = (await readdir(dir)).map((name) => Number(ENTRY.exec(name)?.[2] ?? 0));
	const n = Math.max(0, ...numbers) + 1;
	const name = await writeEntry(dir, `ticket-${n}-${me.token}`, me, logger);
	await removeOwn(choosing, dir);
	return { name, n, token: me.token };
}

// Writes an entry whole under its unique name. The folder is made again when the last build out
// removed it, and the temp file again when another build cleared it as abandoned.
async function writeEntry(dir: string, name: string, taker: Taker, logger?: Logger): Promise<string> {
	const file = path.join(dir, name);
	// One write at a time per build, so its token names its temp file; the pid lets a reader clear it if it was killed writing.
	const temp = path.join(dir, `tmp-${taker.token}-${taker.pid}`);
	own(file);
	own(temp);
	try {
		for (;;) {
			try {
				await writeFile(temp, JSON.stringify(taker), { flag: 'wx' });
				await rename(temp, file);
				return name;
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				if (code === 'ENOENT') await mkdir(dir, { recursive: true });
				else if (code === 'ENOTDIR' && logger) await clearOldLock(dir, logger);
				else throw error;
			}
		}
	} catch (error) {
		await rm(temp, { force: true }).catch(() => {});
		disown(file);
		throw error;
	} finally {
		disown(temp);
	}
}

// The entries in the lock folder, each file read once: its name is never reused, so its content never changes.
async function readEntries(dir: string, known: Map<string, Taker | null>): Promise<Entry[]> {
	const names: string[] = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') return [];
		throw error;
	});
	const entries: Entry[] = [];
	for (const name of names) {
		const match = ENTRY.exec(name);
		if (!match) continue;
		if (!known.has(name)) {
			const text = await readFile(path.join(dir, name), 'utf8').catch(() => null);
			// Removed since the listing: gone, like an entry the listing did not see.
			if (text === null) continue;
			known.set(name, parseTaker(text));
		}
		const kind = (match[1] as Entry['kind'] | undefined) ?? 'ticket';
		if ((kind === 'tmp') !== (match[4] !== undefined)) continue;
		entries.push({ name, kind, n: Number(match[2] ?? 0), token: match[3]!, pid: Number(match[4] ?? 0), taker: known.get(name)! });
	}
	for (const name of known.keys()) if (!names.includes(name)) known.delete(name);
	return entries;
}

function parseTaker(text: string): Taker | null {
	try {
		const parsed = takerSchema.safeParse(JSON.parse(text));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

// Removes the entries of processes that no longer run, and abandoned temp files; true when it removed a turn.
async function removeGone(entries: readonly Entry[], dir: string, logger: Logger): Promise<boolean> {
	let removed = false;
	for (const entry of entries) {
		const file = path.join(dir, entry.name);
		if (entry.kind === 'tmp') {
			// A temp file is no one's turn, and its writer writes it again if it is cleared under it: its
			// pid alone is enough to clear it, even one killed before it wrote a word.
			const gone = entry.taker ? (await processState(entry.taker)) === 'gone' : (await pidGone(entry.pid)) || (await olderThan(file, ABANDONED_TEMP_MS));
			if (gone) await rm(file, { force: true });
			continue;
		}
		if (!entry.taker || (await processState(entry.taker)) !== 'gone') continue;
		await rm(file, { force: true });
		if (entry.kind !== 'choosing') logger.warn(`${dir}: ${describe(entry.taker)}, there since ${entry.taker.since}, no longer runs; its place is cleared`);
		removed = true;
	}
	return removed;
}

// Whether no process here has this pid: all a temp file's name, or an older Halflife's lock, says of its maker.
async function pidGone(pid: number): Promise<boolean> {
	return (await processState({ ...(await currentProcess()), pid, started: null })) === 'gone';
}

async function olderThan(file: string, ms: number): Promise<boolean> {
	const info = await stat(file).catch(() => null);
	return info !== null && Date.now() - info.mtimeMs > ms;
}

// A lock file an older Halflife left (`{"pid":…,"since":…}`): taken over when its process is gone, as that version did.
async function clearOldLock(file: string, logger: Logger): Promise<void> {
	let holder: { pid?: unknown; since?: unknown } = {};
	try {
		holder = JSON.parse(await readFile(file, 'utf8')) as typeof holder;
	} catch {
		// Unreadable: its holder is unknown, and so gone as far as this build can tell, as before.
	}
	const pid = typeof holder.pid === 'number' && Number.isInteger(holder.pid) && holder.pid > 0 ? holder.pid : null;
	if (pid !== null && !(await pidGone(pid))) {
		throw new HalflifeError('SiteLocked', { params: { site: path.dirname(file), holder: `process ${pid}`, since: String(holder.since ?? 'an unknown time'), lock: file, waited: 0 } });
	}
	logger.warn(`taking over ${file}, left by a build that no longer runs`);
	await rm(file, { force: true });
}

async function removeOwn(name: string, dir: string): Promise<void> {
	await rm(path.join(dir, name), { force: true });
	disown(path.join(dir, name));
}

function before(a: { n: number; token: string }, b: { n: number; token: string }): boolean {
	return a.n < b.n || (a.n === b.n && a.token < b.token);
}

function order(a: Entry, b: Entry): number {
	return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

// Builds with a fixed clock go in clock order, and those that read the machine's clock once they hold the
// site after them; among equal clocks, the one that came first. A total order, so the first never gives way.
function goesFirst(a: Taker, b: Taker): boolean {
	const [clockA, clockB] = [a, b].map((taker) => (taker.clock === null ? Number.POSITIVE_INFINITY : Date.parse(taker.clock)));
	if (clockA !== clockB) return clockA! < clockB!;
	return a.since !== b.since ? a.since < b.since : a.token < b.token;
}

function describe(taker: Taker | null): string {
	if (!taker) return 'a build whose entry cannot be read';
	return `process ${taker.pid} on ${taker.host}${taker.clock ? ` (build ${buildIdOf(new Date(taker.clock))})` : ''}`;
}

function lockedError(site: string, lock: string, holder: Entry, waitedMs: number): HalflifeError {
	return new HalflifeError('SiteLocked', {
		params: { site, holder: describe(holder.taker), since: holder.taker?.since ?? 'an unknown time', lock, waited: Math.round(waitedMs / 1000) },
	});
}

// The entry files this process has made and not yet removed. A build stopped by Ctrl-C or by CI
// cancelling its job removes them on its way out, so it leaves no lock behind; only a process
// killed outright (SIGKILL, a lost machine) does, and the next build clears that when it can tell.
const owned = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function own(file: string): void {
	if (owned.size === 0) listen(true);
	owned.add(file);
}

function disown(file: string): void {
	owned.delete(file);
	if (owned.size === 0) listen(false);
}

function listen(on: boolean): void {
	for (const signal of SIGNALS) {
		if (on) process.on(signal, onSignal);
		else process.off(signal, onSignal);
	}
	if (on) process.on('exit', removeOwnedNow);
	else process.off('exit', removeOwnedNow);
}

function removeOwnedNow(): void {
	for (const file of owned) {
		try {
			unlinkSync(file);
		} catch {
			// Not made yet, or removed already.
		}
		try {
			rmdirSync(path.dirname(file));
		} catch {
			// Another build's entries are still in it.
		}
	}
	owned.clear();
}

function onSignal(signal: NodeJS.Signals): void {
	removeOwnedNow();
	listen(false);
	// With its own listener gone, the signal does what it would have done: the process ends.
	process.kill(process.pid, signal);
}

// A process the lock tests start many of at once: it takes a site's lock over and over and checks, inside,
// that no other process is inside too. Usage: node lock-child.ts <siteDir> <taker|victim> <rounds> <workDir>
// A taker does <rounds> turns and prints what it saw; a victim takes turns until the test kills it.
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { memoryLogger } from '../../lib/logger.ts';
import { lockSite } from '../lock-site.ts';

const [siteDir, mode, rounds, workDir] = process.argv.slice(2) as [string, 'taker' | 'victim', string, string];
const inside = path.join(workDir, 'inside');
const counter = path.join(workDir, 'counter');
let violations = 0;
let takeovers = 0;

async function takeLock(): Promise<() => Promise<void>> {
	for (;;) {
		try {
			return await lockSite(siteDir, memoryLogger(), { timeoutMs: 120_000, clock: null, pollMs: 5 });
		} catch (error) {
			// A lock that refuses instead of waiting is asked again, so the test checks exclusion, not patience.
			if (!(error instanceof HalflifeError && error.name === 'SiteLocked')) throw error;
			await sleep(2);
		}
	}
}

async function turn(): Promise<void> {
	const release = await takeLock();
	try {
		await writeFile(inside, String(process.pid), { flag: 'wx' });
	} catch {
		// Someone is inside: fine only if the test killed it there.
		const pid = Number(await readFile(inside, 'utf8').catch(() => '0'));
		if (isAlive(pid)) violations++;
		else takeovers++;
		await writeFile(inside, String(process.pid));
	}
	// A victim stays inside long enough for the test to kill it there.
	if (mode === 'victim') process.stdout.write('in\n');
	// A read, a pause and a write: two processes inside at once would lose an increment.
	const value = Number(await readFile(counter, 'utf8').catch(() => '0'));
	await sleep(mode === 'victim' ? 200 : Math.random() * 3);
	await writeFile(counter, String(value + 1));
	await appendFile(path.join(workDir, 'turns'), `${process.pid}\n`);
	await rm(inside, { force: true });
	await release();
}

function isAlive(pid: number): boolean {
	if (!(pid > 0)) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

if (mode === 'victim') {
	process.stdout.write('ready\n');
	for (;;) await turn();
}
for (let i = 0; i < Number(rounds); i++) await turn();
process.stdout.write(`${JSON.stringify({ violations, takeovers })}\n`);

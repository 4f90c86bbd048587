import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { link, mkdir, mkdtemp, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../lib/logger.ts';
import { publishVersion } from './publish-version.ts';
import { writeAstroOutput, type TestBuild } from './test-helpers/astro-output.ts';
import { servedFiles, servedRoot } from './test-helpers/served-files.ts';
import { readVersionsIndex } from './versions-index.ts';

const CHILD = path.join(import.meta.dirname, 'test-helpers', 'publish-child.ts');
const KILLS = 15;
const services = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `service-${String(from + i).padStart(3, '0')}`);
// The second build drops some services and adds others, so names come and go at the root's folders too.
const FIRST: TestBuild = { id: '20261116T000000Z', now: '2026-11-16T00:00:00Z', services: services(0, 70) };
const SECOND: TestBuild = { id: '20261123T000000Z', now: '2026-11-23T00:00:00Z', services: services(10, 80) };
const THIRD: TestBuild = { id: '20261130T000000Z', now: '2026-11-30T00:00:00Z', services: services(0, 10) };

let dir: string;
let template: string;
let secondOut: string;
let clientScript: string;

/** A site's files as hashes by path, so a failed comparison names the files that differ. */
const hashes = (files: Map<string, Buffer>) => Object.fromEntries([...files].map(([name, bytes]) => [name, createHash('sha256').update(bytes).digest('hex')]));

/**
 * Copies a folder as hard links, symlinks as they are: a fraction of a copy's time, and safe, as
 * publishing never writes into a file that exists (it adds, renames and removes files), so the
 * template is never changed through a link.
 */
async function linkTree(from: string, to: string): Promise<void> {
	await mkdir(to);
	await Promise.all(
		(await readdir(from, { withFileTypes: true })).map(async (entry) => {
			const [source, target] = [path.join(from, entry.name), path.join(to, entry.name)];
			if (entry.isSymbolicLink()) await symlink(await readlink(source), target);
			else if (entry.isDirectory()) await linkTree(source, target);
			else await link(source, target);
		}),
	);
}

/** Publishes SECOND into `siteDir` in a child process, killed `delay` ms after it is ready (never, when null); ms from ready to exit. */
function publishInChild(siteDir: string, delay: number | null): Promise<{ ms: number; killed: boolean }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CHILD, siteDir, secondOut, SECOND.id, clientScript], { stdio: ['ignore', 'pipe', 'pipe'] });
		let ready = 0;
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.stdout.on('data', (chunk: Buffer) => {
			if (ready || !chunk.toString().includes('ready')) return;
			ready = performance.now();
			if (delay !== null) setTimeout(() => child.kill('SIGKILL'), delay);
		});
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			if (signal === 'SIGKILL') return resolve({ ms: performance.now() - ready, killed: true });
			if (code !== 0) return reject(new Error(`the publish failed (${code}): ${stderr}`));
			resolve({ ms: performance.now() - ready, killed: false });
		});
	});
}

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-kill-'));
	clientScript = path.join(dir, 'mermaid.min.js');
	await writeFile(clientScript, 'window.mermaid = {};\n');
	template = path.join(dir, 'template');
	const firstOut = await writeAstroOutput(dir, [FIRST]);
	secondOut = await writeAstroOutput(dir, [FIRST, SECOND]);
	await publishVersion({ siteDir: template, outDir: firstOut, id: FIRST.id, diagrams: new Map(), clientScript, logger: memoryLogger() });
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('publishVersion killed part-way', () => {
	it('leaves a root that is wholly the previous build or wholly the new one, and the next publish recovers', async () => {
		const copy = async (name: string) => {
			const site = path.join(dir, name);
			await linkTree(template, site);
			return site;
		};
		const before = hashes(await servedRoot(template));
		const frozenFirst = hashes(await servedFiles(path.join(template, 'v', FIRST.id)));
		const reference = await copy('reference');
		const { ms } = await publishInChild(reference, null);
		const after = hashes(await servedRoot(reference));
		const frozenSecond = hashes(await servedFiles(path.join(reference, 'v', SECOND.id)));
		expect(Object.keys(after).length).toBeGreaterThan(150);
		expect(after).not.toEqual(before);

		/** Kills one publish after `delay` ms (null: lets it finish), checks what it left, publishes again; which build the root was. */
		const trial = async (delay: number | null): Promise<'previous' | 'new'> => {
			const site = await copy(`killed-${trials.length}`);
			const { killed } = await publishInChild(site, delay);
			const when = delay === null ? 'not killed' : `killed ${Math.round(delay)} ms in`;
			const root = hashes(await servedRoot(site));
			const outcome = JSON.stringify(root) === JSON.stringify(before) ? 'previous' : 'new';
			trials.push({ delay, outcome });
			// Not the previous root, so it must be exactly the new one: a mix fails here and names its files.
			if (outcome === 'new') expect(root, when).toEqual(after);
			if (!killed) expect(outcome, when).toBe('new');
			const index = await readVersionsIndex(path.join(site, 'versions.json'));
			expect(index.latest, when).toBe(outcome === 'new' ? SECOND.id : FIRST.id);
			expect(await readlink(path.join(site, '.halflife-root', 'current')), when).toBe(outcome === 'new' ? SECOND.id : FIRST.id);
			// Frozen versions never change; the new one is either absent or whole.
			expect(hashes(await servedFiles(path.join(site, 'v', FIRST.id))), when).toEqual(frozenFirst);
			const frozen = (await readdir(path.join(site, 'v'))).filter((name) => !name.startsWith('.'));
			if (frozen.includes(SECOND.id)) expect(hashes(await servedFiles(path.join(site, 'v', SECOND.id))), when).toEqual(frozenSecond);

			// The next publish: the same build again if it never became the latest, else a later one.
			const next = outcome === 'new' ? THIRD : SECOND;
			const nextOut = next === SECOND ? secondOut : thirdOut;
			await publishVersion({ siteDir: site, outDir: nextOut, id: next.id, diagrams: new Map(), clientScript, logger: memoryLogger() });
			if (next === SECOND) expect(hashes(await servedRoot(site)), when).toEqual(after);
			expect((await readVersionsIndex(path.join(site, 'versions.json'))).latest, when).toBe(next.id);
			expect((await readdir(path.join(site, 'v'))).sort(), when).toEqual(next === SECOND ? [FIRST.id, SECOND.id] : [FIRST.id, SECOND.id, THIRD.id]);
			expect((await readdir(path.join(site, '.halflife-root'))).sort(), when).toEqual([next.id, 'current'].sort());
			expect((await readdir(site)).filter((name) => name.startsWith('.')), when).toEqual(['.halflife-root']);
			await rm(site, { recursive: true, force: true });
			return outcome;
		};
		const trials: { delay: number | null; outcome: string }[] = [];
		const thirdOut = await writeAstroOutput(path.join(dir, 'third'), [FIRST, SECOND, THIRD]);

		// Spread from the moment the child is ready to well past the time the measured publish took
		// (one beside other work takes longer)...
		const spread = 6;
		for (let i = 0; i < spread; i++) await trial((ms * 1.5 * i) / (spread - 1));
		// ...then packed between the last kill that left the previous build and the first that left the
		// new one: the swap is in there, with the frozen copy's rename before it and the clean-up after.
		const lastPrevious = Math.max(...trials.filter((t) => t.outcome === 'previous').map((t) => t.delay!));
		const firstNew = Math.min(...trials.filter((t) => t.outcome === 'new').map((t) => t.delay!), ms * 2);
		const packed = KILLS - spread - 1;
		for (let i = 1; i <= packed; i++) await trial(lastPrevious + ((firstNew - lastPrevious) * i) / (packed + 1));
		await trial(null);

		// The first kill lands before the swap and the last publish is never killed: both ends are covered.
		expect(trials[0]!.outcome).toBe('previous');
		expect(trials.at(-1)!.outcome).toBe('new');
	});
});

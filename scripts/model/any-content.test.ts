import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableJson } from '../lib/stable-json.ts';
import type { Model } from './model-schema.ts';
import { buildContent, type BuildOutcome } from './test-helpers/build-content.ts';
import { COMPOSED_NAMES, COMPOSED_NOW, COMPOSED_TEAMS, contentFolderOf, contentPlanArbitrary, optionsOf, type ContentFolder, type ContentPlan } from './test-helpers/content-folder.ts';

// No content makes the build crash: folders composed from every documented form build to exit
// 0, 1 or 3, never 2, and what they publish holds together. HALFLIFE_FUZZ_SEED and
// HALFLIFE_FUZZ_RUNS run other or more seeds; every failure found is saved as a fixture folder
// under fixtures/generated-crashes/, which this file replays on every run.
const SEED = Number(process.env['HALFLIFE_FUZZ_SEED'] ?? 11);
const RUNS = Number(process.env['HALFLIFE_FUZZ_RUNS'] ?? 100);
const FULL_RUNS = Number(process.env['HALFLIFE_FUZZ_FULL_RUNS'] ?? 2);
const CRASHES = path.join(import.meta.dirname, 'fixtures', 'generated-crashes');

let work: string;
let count = 0;
beforeAll(async () => {
	work = await mkdtemp(path.join(tmpdir(), 'halflife-any-content-'));
});
afterAll(async () => {
	await rm(work, { recursive: true, force: true });
});

async function build(files: ContentFolder, vary: ReturnType<typeof optionsOf>, mode: 'stages' | 'full'): Promise<BuildOutcome> {
	const dir = path.join(work, String(count++));
	await writeFolder(path.join(dir, 'content'), files);
	return buildContent(path.join(dir, 'content'), dir, COMPOSED_NOW, mode, vary);
}

async function writeFolder(dir: string, files: ContentFolder): Promise<void> {
	for (const [file, text] of Object.entries(files)) {
		await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
		await writeFile(path.join(dir, file), text);
	}
}

/** The exit code a build may end with, and what a published build must hold. */
function expectSound(outcome: BuildOutcome): void {
	const why = outcome.error instanceof Error ? (outcome.error.stack ?? outcome.error.message) : String(outcome.error);
	expect([0, 1, 3], `exit ${outcome.exit}: ${why}`).toContain(outcome.exit);
	if (outcome.exit === 1) return;
	const model = outcome.model!;
	const names = new Set(model.services.map((s) => s.name));
	for (const edge of model.edges) expect([names.has(edge.from), names.has(edge.to)], `${edge.from} → ${edge.to}`).toEqual([true, true]);
	expect(outcome.diagrams.size).toBeGreaterThan(0);
	for (const [id, source] of outcome.diagrams) expectWhole(id, source);
}

// Each arrow of a diagram joins two boxes the diagram declares, and no box is declared twice.
function expectWhole(id: string, source: string): void {
	const declared = [...source.matchAll(/^\t(n\d+)[([>{]/gm)].map((m) => m[1]!);
	expect(new Set(declared).size, `${id} declares a box twice`).toBe(declared.length);
	for (const [, from, to] of source.matchAll(/^\t(n\d+) (?:-->|==>|-\.->)(?:\|"[^"\n]*"\|)? (n\d+)$/gm)) {
		expect([declared.includes(from!), declared.includes(to!)], `${id}: ${from} → ${to}`).toEqual([true, true]);
	}
}

/** Every written form resolved to one name: no node is a reference, every owner a team or a person. */
function expectResolved(model: Model): void {
	expect(model.services.map((s) => s.name).filter((name) => !COMPOSED_NAMES.has(name))).toEqual([]);
	expect(model.teams.map((t) => t.id).filter((id) => !COMPOSED_TEAMS.has(id))).toEqual([]);
	const owners = new Set(model.services.flatMap((s) => (s.owner ? [s.owner] : [])));
	expect([...owners].filter((owner) => owner !== 'user:jdoe' && !COMPOSED_TEAMS.has(owner))).toEqual([]);
}

// What a fixture's build is pinned to: how it exits, and what every name resolved to.
function summaryOf(outcome: BuildOutcome) {
	const model = outcome.model;
	return {
		exit: outcome.exit,
		services: outcome.exit === 1 ? [] : model!.services.map((s) => `${s.name} (${s.kind}) owner ${s.owner ?? '-'}`),
		teams: outcome.exit === 1 ? [] : model!.teams.map((t) => `${t.id}: ${t.services.join(', ')}`),
		edges: outcome.exit === 1 ? [] : model!.edges.map((e) => `${e.from} → ${e.to} ${e.status}`),
	};
}

async function saveCrash(plan: ContentPlan): Promise<string> {
	const files = contentFolderOf(plan);
	const name = `seed-${SEED}-${createHash('sha256').update(stableJson(files)).digest('hex').slice(0, 8)}`;
	await writeFolder(path.join(CRASHES, name, 'input'), files);
	await writeFile(path.join(CRASHES, name, 'options.json'), `${JSON.stringify(optionsOf(plan), null, '\t')}\n`);
	return name;
}

describe('a build of any content folder', () => {
	it(`exits 0, 1 or 3 and publishes whole diagrams (${RUNS} composed folders, seed ${SEED})`, async () => {
		const property = fc.asyncProperty(contentPlanArbitrary, async (plan) => {
			const outcome = await build(contentFolderOf(plan), optionsOf(plan), 'stages');
			expectSound(outcome);
			if (outcome.exit !== 1) expectResolved(outcome.model!);
		});
		const details = await fc.check(property, { seed: SEED, numRuns: RUNS });
		if (details.failed) {
			const saved = await saveCrash(details.counterexample![0]);
			throw new Error(`${fc.defaultReportMessage(details)}\nSaved as fixtures/generated-crashes/${saved}: commit it, fix the build, then UPDATE_FIXTURES=1 pins its result.`);
		}
		expect(details.numRuns).toBe(RUNS);
	}, 600_000);

	it(`builds the same model in full, Astro included (${FULL_RUNS} composed folders)`, async () => {
		const plans = fc.sample(contentPlanArbitrary, { seed: SEED, numRuns: FULL_RUNS });
		let published = 0;
		for (const plan of plans) {
			const files = contentFolderOf(plan);
			const full = await build(files, optionsOf(plan), 'full');
			expectSound(full);
			const stages = await build(files, optionsOf(plan), 'stages');
			expect(stages.exit).toBe(full.exit);
			if (full.exit === 1) continue;
			published++;
			expect(stableJson(stages.model)).toBe(stableJson(full.model));
		}
		expect(published).toBeGreaterThan(0);
	}, 600_000);
});

describe('every crash a composed folder ever caused', async () => {
	const names = (await readdir(CRASHES).catch(() => [] as string[])).sort();
	it('has fixtures to replay', () => {
		expect(names.length).toBeGreaterThan(0);
	});
	for (const name of names) {
		it(`${name} builds without an internal error`, async () => {
			const dir = path.join(work, `fixture-${name}`);
			await cp(path.join(CRASHES, name, 'input'), path.join(dir, 'content'), { recursive: true });
			const vary = JSON.parse(await readFile(path.join(CRASHES, name, 'options.json'), 'utf8')) as ReturnType<typeof optionsOf>;
			const outcome = await buildContent(path.join(dir, 'content'), dir, COMPOSED_NOW, 'stages', vary);
			expectSound(outcome);
			const expectedFile = path.join(CRASHES, name, 'expected.json');
			const summary = `${JSON.stringify(summaryOf(outcome), null, '\t')}\n`;
			if (process.env['UPDATE_FIXTURES']) await writeFile(expectedFile, summary);
			expect(summary).toBe(await readFile(expectedFile, 'utf8'));
		});
	}
});

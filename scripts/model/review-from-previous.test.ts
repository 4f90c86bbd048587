import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeInputs } from '../build.ts';
import { loadConfig } from '../cli/load-config.ts';
import { buildIdOf } from '../lib/build-clock.ts';
import { memoryLogger } from '../lib/logger.ts';
import { prepareDemoContent } from '../demo/build-demo.ts';
import { DEMO_BUILDS } from '../demo/demo-org.ts';
import type { Model } from './model-schema.ts';
import { withPreviousReviews } from './review-from-previous.ts';

const contentDir = fileURLToPath(new URL('../../content/', import.meta.url));

// The demo's content as each build reads it, built in a folder outside git, each build reading the one before.
describe('review kinds told from the previous build (the demo, builds 3 to 5, indices into DEMO_BUILDS)', () => {
	const models = new Map<number, Model>();
	let workDir = '';
	beforeAll(async () => {
		workDir = await mkdtemp(path.join(tmpdir(), 'halflife-demo-reviews-'));
		const base = await loadConfig(path.resolve(contentDir, '..'));
		let previous: Model | null = null;
		for (const index of [3, 4, 5]) {
			const content = path.join(workDir, `content-${index}`);
			await prepareDemoContent(contentDir, content, index, base.windowDays);
			const cacheDir = path.join(workDir, `cache-${index}`);
			const options = { ...base, content, site: path.join(workDir, 'site'), cacheDir };
			const now = new Date(DEMO_BUILDS[index]!);
			const { model } = await mergeInputs({ contentDir: content, cacheDir, options, now, id: buildIdOf(now), previous, logger: memoryLogger() });
			models.set(index, model);
			previous = model;
		}
	}, 120_000);
	afterAll(async () => rm(workDir, { recursive: true, force: true }));
	const note = (build: number, service: string) => models.get(build)!.services.find((s) => s.name === service)!.note!;

	it("labels sms-sender's bare reviewed: bump in build 4 date-only, and carries it into build 5", () => {
		expect(note(3, 'sms-sender')).toMatchObject({ reviewed: '2025-03-18', review: { kind: 'unknown' } });
		expect(note(4, 'sms-sender').reviewed).toBe('2026-11-13');
		expect(note(4, 'sms-sender').textHash).toBe(note(3, 'sms-sender').textHash);
		for (const build of [4, 5]) expect(note(build, 'sms-sender').review, `build ${build}`).toMatchObject({ kind: 'date-only', basis: 'previous-build', lastFullReview: '2025-03-18' });
	});

	it("counts sms-sender's date-only review for half in its note claim", () => {
		const claim = models.get(4)!.services.find((s) => s.name === 'sms-sender')!.confidence!.claims.find((c) => c.kind === 'note')!;
		const fullDays = Math.floor((Date.parse(models.get(4)!.build.now) - Date.parse('2025-03-18T00:00:00Z')) / 86_400_000);
		const [bump, full] = [0.5 ** (claim.ageDays! / claim.halfLifeDays!), 0.5 ** (fullDays / claim.halfLifeDays!)];
		expect(claim.evidence).toContain(`Date-only review on 2026-11-13 (counts for 50%); last full review 2025-03-18 (${fullDays} days ago)`);
		// At most half the fresh decay plus half the old one; deploys since can only lower it.
		expect(claim.confidence).toBeLessThanOrEqual(0.5 * bump + 0.5 * full + 1e-4);
		expect(claim.confidence).toBeLessThan(0.75 * bump);
	});

	it("keeps search-indexer's review kind when its text changed without a review (build 5, from the first)", () => {
		expect(note(5, 'search-indexer').reviewed).toBe(note(4, 'search-indexer').reviewed);
		expect(note(5, 'search-indexer').textHash).not.toBe(note(4, 'search-indexer').textHash);
		expect(note(5, 'search-indexer').review).toEqual(note(4, 'search-indexer').review);
	});

	it('calls a moved date with a changed text a full review, and leaves git verdicts and a first build alone', () => {
		const edited = (model: Model, hash: string, basis: 'git' | null = null): Model => ({
			...model,
			services: model.services.map((s) => (s.name === 'sms-sender' ? { ...s, note: { ...s.note!, textHash: hash, review: { ...s.note!.review, kind: 'unknown', basis } } } : s)),
		});
		const sms = (model: Model) => model.services.find((s) => s.name === 'sms-sender')!.note!.review;
		expect(sms(withPreviousReviews(edited(models.get(4)!, 'changed'), models.get(3)!))).toMatchObject({ kind: 'full', basis: 'previous-build', lastFullReview: '2026-11-13' });
		expect(sms(withPreviousReviews(edited(models.get(4)!, 'changed', 'git'), models.get(3)!))).toMatchObject({ kind: 'unknown', basis: 'git' });
		expect(withPreviousReviews(models.get(4)!, null)).toBe(models.get(4));
	});
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { diffModels } from '../model/diff-models.ts';
import { describeQueueItem } from '../model/describe-queue-item.ts';
import { REVIEW_ROWS } from '../model/format-review.ts';
import type { Model } from '../model/model-schema.ts';
import { queueBuilds } from '../model/test-helpers/queue-builds.ts';
import type { VersionsIndex } from '../publish/versions-index.ts';
import type { ReviewResult } from '../review.ts';
import { main } from './main.ts';

let dir: string;
let models: Model[];
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-review-command-'));
	await writeFile(path.join(dir, 'astro.config.mjs'), 'export default {};\n');
	models = queueBuilds(2);
	// A published site as `halflife build` leaves it: versions.json and every build's model.
	const versions: VersionsIndex = {
		schemaVersion: 1,
		latest: models.at(-1)!.build.id,
		versions: models.map((m, i) => ({ id: m.build.id, now: m.build.now, path: `/v/${m.build.id}/`, summary: m.summary, changes: diffModels(models[i - 1] ?? null, m), pruned: false, bytes: null, confidence: { system: null, teams: {}, services: {} }, calibration: null })),
	};
	for (const m of models) {
		await mkdir(path.join(dir, 'site', 'v', m.build.id), { recursive: true });
		await writeFile(path.join(dir, 'site', 'v', m.build.id, 'halflife-model.json'), JSON.stringify(m));
	}
	await writeFile(path.join(dir, 'site', 'versions.json'), JSON.stringify(versions));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

// `halflife review` as the command line runs it, in this process; its exit code and output.
async function review(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
	const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
	try {
		const code = await main(['review', '--root', dir, '--site', path.join(dir, 'site'), ...args]);
		return { code, stdout: stdout.mock.calls.map(([text]) => String(text)).join(''), stderr: stderr.mock.calls.map(([text]) => String(text)).join('') };
	} finally {
		stdout.mockRestore();
		stderr.mockRestore();
	}
}

describe('halflife review', () => {
	it('prints every team queue of the latest build as JSON, in the model order', async () => {
		const { code, stdout, stderr } = await review('--json');
		expect(code).toBe(0);
		expect(stderr).toBe('');
		const result = JSON.parse(stdout) as ReviewResult;
		const latest = models.at(-1)!;
		expect(result.build).toBe('b2');
		expect(result.teams.map((t) => t.id)).toEqual(['commerce', 'payments']);
		expect(result.teams.map((t) => t.queue)).toEqual(latest.teams.map((t) => t.queue));
		expect(result.teams[0]!.page).toBe(`/teams/${latest.teams[0]!.slug}/queue/`);
		// Three builds of history: the Runbook has been open since the first, tax since the last.
		const commerce = result.teams[0]!.queue;
		expect(commerce[0]).toMatchObject({ buildsOpen: 3, openSince: { build: 'b0' } });
		expect(commerce.at(-1)).toMatchObject({ kind: 'hidden', subject: 'tax', buildsOpen: 1, openSince: { build: 'b2' } });
	});

	it('prints one team with --team, oldest first, one line an item', async () => {
		const { code, stdout } = await review('--team', 'payments');
		expect(code).toBe(0);
		const payments = models.at(-1)!.teams.find((t) => t.id === 'payments')!;
		expect(stdout).toContain('Review queues of build b2 (2026-11-16)\n');
		expect(stdout).toContain(`Payments (payments): ${payments.queue.length} open items\n`);
		expect(stdout).not.toContain('Commerce');
		const lines = stdout.split('\n').filter((line) => line.startsWith('  '));
		expect(lines).toEqual(payments.queue.map((item) => `  ${describeQueueItem(item)} · open since 2026-11-02 (3 builds) · risk ${item.risk.toFixed(1)}`));
		expect(lines).toContain('  owner left: legacy (user:jdoe) · open since 2026-11-02 (3 builds) · risk ' + payments.queue.find((i) => i.kind === 'owner-departed')!.risk.toFixed(1));
	});

	it('bounds a long queue and says where the rest is', async () => {
		const { formatReview } = await import('../model/format-review.ts');
		const commerce = models.at(-1)!.teams.find((t) => t.id === 'commerce')!;
		const long = Array.from({ length: REVIEW_ROWS + 4 }, () => commerce.queue).flat();
		const text = formatReview({ build: 'b2', now: models.at(-1)!.build.now, teams: [{ id: 'commerce', name: 'Commerce', page: '/teams/commerce/queue/', queue: long }] });
		expect(text.split('\n').filter((line) => line.startsWith('  ')).length).toBe(REVIEW_ROWS + 1);
		expect(text).toContain(`  and ${long.length - REVIEW_ROWS} more: /teams/commerce/queue/ on the site, or --team commerce --json\n`);
	});

	it('exits 1 on an unknown team, naming the nearest known ones', async () => {
		const { code, stdout, stderr } = await review('--team', 'comerce');
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toContain('error TeamNotFound');
		expect(stderr).toContain('Team `comerce` is not in build b2.');
		expect(stderr).toContain('Nearest known teams: `commerce`, `payments`.');
	});
});

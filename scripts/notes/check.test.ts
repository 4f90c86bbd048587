import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBeliefs, runCheck } from '../check.ts';
import { parseOptions } from '../config/parse-options.ts';
import { loadConfig } from '../cli/load-config.ts';
import { formatError } from '../errors/halflife-error.ts';
import { loadContent } from './load-content.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const now = new Date('2026-11-23T00:00:00Z');

// Each fixture folder is a small Halflife project: `astro.config.mjs` (its options), `input/`
// (its content folder) and `expected.txt` (every problem, formatted as `halflife check` prints
// it). Regenerate with UPDATE_FIXTURES=1.
describe('halflife check', async () => {
	for (const name of await readdir(fixtures)) {
		it(name, async () => {
			const options = await loadConfig(path.join(fixtures, name));
			const problems = await runCheck({ root: path.join(fixtures, name), options, now });
			const actual = problems.map((p) => formatError(p.error, p.severity)).join('\n\n') + '\n';
			const expectedFile = path.join(fixtures, name, 'expected.txt');
			if (process.env['UPDATE_FIXTURES']) await writeFile(expectedFile, actual);
			expect(actual).toBe(await readFile(expectedFile, 'utf8'));
		});
	}
});

describe('loadContent', () => {
	it('reads a valid note with defaults and keeps its body', async () => {
		const content = await loadContent(path.join(fixtures, 'valid', 'input'), { now, git: null });
		expect(content.problems).toEqual([]);
		expect(content.teams.map((t) => t.id)).toEqual(['payments']);
		expect(content.notes.map((n) => n.service)).toEqual(['cart', 'pricing']);
		expect(content.notes[0]).toMatchObject({
			service: 'cart',
			owner: 'payments',
			reviewed: '2026-10-01',
			reviewedFrom: 'frontmatter',
			dependsOn: [
				{ name: 'redis:cart', why: null },
				{ name: 'pricing', why: null },
			],
			uses: [
				{ name: 'kafka:price-changes', uses: ['consumes'] },
				{ name: 'redis:prices', uses: ['reads'] },
				{ name: 'postgresql:prices', uses: [] },
			],
			aliases: [],
			links: [],
			format: 'md',
			file: 'notes/cart.md',
			positions: {
				service: { line: 2, column: 1 },
				owner: { line: 3, column: 1 },
				dependsOn: [{ line: 6, column: 5 }, { line: 7, column: 5 }],
				stores: [],
				uses: [{ line: 9, column: 5 }, { line: 10, column: 5 }, { line: 11, column: 5 }],
			},
		});
		// Every field of the schema, normalized: durations to days, tiers to text, links to { title, url }.
		expect(content.notes[1]).toMatchObject({
			reviewEvery: 180,
			dependsOn: [{ name: 'postgresql:prices', why: 'list prices and promotions' }],
			// A store named alone is read and written.
			stores: [
				{ name: 'postgresql:prices', uses: ['reads', 'writes'] },
				{ name: 'redis:prices', uses: ['writes'] },
			],
			uses: [{ name: 'kafka:price-changes', uses: ['publishes'] }],
			aliases: ['pricing-v1'],
			tier: '2',
			lifecycle: 'production',
			oncall: 'payments-primary',
			runbook: 'https://wiki.example.com/pricing/runbook',
			repo: 'https://github.com/example/pricing',
			links: [
				{ title: 'https://grafana.example.com/d/pricing', url: 'https://grafana.example.com/d/pricing' },
				{ title: 'Design', url: 'https://docs.example.com/pricing' },
			],
			sections: [{ heading: 'Promotions', depth: 2, line: 27, reviewed: '2026-10-20' }],
		});
		expect(content.notes[0]!.body).toContain('{ braces }');
	});
});

describe('review dates from git', () => {
	const git = (cwd: string, args: string[], date = '2026-03-04T10:00:00Z') =>
		new Promise<void>((resolve, reject) =>
			execFile('git', args, { cwd, env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } }, (error) =>
				error ? reject(error) : resolve(),
			),
		);
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'halflife-git-dates-'));
		const repo = path.join(dir, 'repo');
		await mkdir(path.join(repo, 'content', 'notes'), { recursive: true });
		await mkdir(path.join(repo, 'content', 'teams'), { recursive: true });
		await mkdir(path.join(repo, 'content', 'catalogs'), { recursive: true });
		await writeFile(path.join(repo, 'content', 'teams', 'payments.md'), '---\nname: Payments\n---\n');
		await writeFile(path.join(repo, 'content', 'notes', 'refunds.md'), '---\nservice: refunds\nowner: payments\n---\nNo reviewed date.\n');
		await writeFile(path.join(repo, 'content', 'notes', 'ledger.md'), '---\nservice: ledger\nowner: payments\nreviewed: 2026-01-02\n---\n');
		await git(repo, ['init', '-q']);
		await git(repo, ['add', '.']);
		await git(repo, ['commit', '-q', '-m', 'first']);
		await writeFile(path.join(repo, 'content', 'notes', 'refunds.md'), '---\nservice: refunds\nowner: payments\n---\nEdited later.\n');
		await writeFile(
			path.join(repo, 'content', 'catalogs', 'catalog-info.yaml'),
			'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger\nspec:\n  type: service\n  owner: payments\n',
		);
		await git(repo, ['add', '.']);
		await git(repo, ['commit', '-q', '-m', 'second'], '2026-05-06T23:30:00-05:00');
		await git(dir, ['clone', '-q', '--depth', '1', `file://${repo}`, 'shallow'], '2026-11-20T00:00:00Z');
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('dates a note without `reviewed` by its last commit, says so, and dates catalogs the same way', async () => {
		const { content, beliefs, problems } = await readBeliefs(path.join(dir, 'repo', 'content'), parseOptions({}), now);
		expect(problems).toEqual([]);
		// 23:30 at -05:00 is the next day in UTC.
		expect(content.notes.find((n) => n.service === 'refunds')).toMatchObject({ reviewed: '2026-05-07', reviewedFrom: 'git' });
		expect(content.notes.find((n) => n.service === 'ledger')).toMatchObject({ reviewed: '2026-01-02', reviewedFrom: 'frontmatter' });
		const ledger = beliefs.services.find((s) => s.name === 'ledger')!;
		expect(ledger.sources.map((s) => [s.source, s.reviewed, s.reviewedFrom])).toEqual([
			['note', '2026-01-02', 'frontmatter'],
			['backstage', '2026-05-07', 'git'],
		]);
	});

	it('warns that git dates are wrong in a shallow clone', async () => {
		const { problems } = await readBeliefs(path.join(dir, 'shallow', 'content'), parseOptions({}), now);
		expect(problems.map((p) => `${p.severity} ${p.error.name}`)).toEqual(['warning ShallowClone']);
		expect(problems[0]!.error.message).toContain('2 files are dated by their last commit, but this clone is shallow');
	});

	it('is an error with a fix when there is no git history to fall back on', async () => {
		const { problems } = await readBeliefs(path.join(dir, 'repo', 'content'), parseOptions({ notes: { gitDates: false } }), now);
		expect(problems.map((p) => formatError(p.error, p.severity))).toEqual([
			[
				'error ReviewedUnknown notes/refunds.md:1:1: Note has no review date',
				'  The note has no `reviewed:` date, and git cannot stand in for it: `notes.gitDates` is off.',
				'  hint: Add `reviewed: YYYY-MM-DD` with the date a person last confirmed the note, or commit the note so its last commit date can be used.',
			].join('\n'),
		]);
	});
});

describe('every problem at once', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'halflife-every-problem-'));
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	// Each field's good value, its bad one, and what check says of the bad one, on the field's own line.
	const fields = [
		{ line: 'owner', good: 'platform', bad: 'platfrom', problem: 'error UnknownTeam notes/gateway.md:3:1 Did you mean `platform`?' },
		{ line: 'reviewed', good: '2026-11-01', bad: '2026-13-45', problem: 'error FrontmatterInvalid notes/gateway.md:4:1 Write it like `reviewed: 2026-01-31`.' },
		{ line: 'reviewEvery', good: '90d', bad: 'fortnightly', problem: 'error FrontmatterInvalid notes/gateway.md:5:1 Write it like `reviewEvery: 90d`.' },
		{ line: 'runbook', good: 'https://wiki.example.com/gateway', bad: 'javascript:alert(1)', problem: 'error FrontmatterInvalid notes/gateway.md:6:1 Write it like `runbook: https://wiki.example.com/checkout/runbook`.' },
	];

	it('reports each bad field of a note, whichever others are bad beside it, and no team as idle because of them', async () => {
		const options = parseOptions({ notes: { gitDates: false } });
		for (let mask = 0; mask < 2 ** fields.length; mask++) {
			const content = path.join(dir, String(mask));
			await mkdir(path.join(content, 'notes'), { recursive: true });
			await mkdir(path.join(content, 'teams'), { recursive: true });
			await writeFile(path.join(content, 'teams', 'platform.md'), '---\nname: Platform\n---\n');
			const lines = fields.map((f, i) => `${f.line}: ${mask & (1 << i) ? f.bad : f.good}`);
			await writeFile(path.join(content, 'notes', 'gateway.md'), ['---', 'service: gateway', ...lines, '---', 'The gateway.', ''].join('\n'));
			const { problems } = await readBeliefs(content, options, now);
			const said = problems.map((p) => `${p.severity} ${p.error.name} ${p.error.location?.file}:${p.error.location?.line}:${p.error.location?.column} ${p.error.hint}`);
			expect(said, lines.join(', ')).toEqual(fields.filter((_, i) => mask & (1 << i)).map((f) => f.problem));
		}
	});
});

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBeliefs, type ReadBeliefs } from '../check.ts';
import { parseOptions } from '../config/parse-options.ts';
import { formatError } from '../errors/halflife-error.ts';
import { parseCodeowners } from './codeowners.ts';
import { byOwningTeam } from './owning-team.ts';

const run = promisify(execFile);
const now = new Date('2026-11-23T00:00:00Z');

let root: string;

// A fixed clock and no user or system configuration, so the commits are the same on every machine.
async function commit(repo: string, date: string, author: string): Promise<void> {
	const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: author, GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: author, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
	await run('git', ['add', '-A'], { cwd: repo, env });
	await run('git', ['commit', '-q', '-m', date], { cwd: repo, env });
}

async function write(repo: string, file: string, text: string): Promise<void> {
	await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
	await writeFile(path.join(repo, file), text);
}

const note = (service: string, owner: string, reviewed: string) => `---\nservice: ${service}\nowner: ${owner}\nreviewed: ${reviewed}\n---\nRestart it.\n`;

// One repository: notes written by alice, then each reviewed by whoever the case needs.
async function repository(name: string, files: Record<string, string>, reviews: Record<string, string>): Promise<ReadBeliefs> {
	const repo = path.join(root, name);
	await mkdir(repo);
	await run('git', ['init', '-q', '-b', 'main'], { cwd: repo });
	for (const [file, text] of Object.entries(files)) await write(repo, file, text);
	for (const service of Object.keys(reviews)) await write(repo, `content/notes/${service}.md`, note(service, 'payments', '2026-01-10'));
	await commit(repo, '2026-01-10T12:00:00Z', 'alice@example.com');
	for (const [service, author] of Object.entries(reviews)) {
		await write(repo, `content/notes/${service}.md`, note(service, 'payments', '2026-03-02'));
		await commit(repo, '2026-03-02T09:00:00Z', author);
	}
	return readBeliefs(path.join(repo, 'content'), parseOptions({}), now);
}

const byTeam = (read: ReadBeliefs, service: string) => read.content.notes.find((n) => n.service === service)?.gitReview?.byOwningTeam;

beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'halflife-owning-team-'));
});

afterAll(async () => rm(root, { recursive: true, force: true }));

describe('byOwningTeam from git, team members and CODEOWNERS', () => {
	it('is true for a member, false for someone else when the team lists members, by email or GitHub handle', async () => {
		const read = await repository(
			'members',
			{ 'content/teams/payments.md': '---\nname: Payments\nmembers: [Bob@Example.com, "@carol"]\n---\n' },
			{ member: 'bob@example.com', handle: '4242+carol@users.noreply.github.com', outsider: 'mallory@example.com' },
		);
		expect(read.problems).toEqual([]);
		expect(byTeam(read, 'member')).toBe(true);
		expect(byTeam(read, 'handle')).toBe(true);
		expect(byTeam(read, 'outsider')).toBe(false);
		expect(read.content.notes.find((n) => n.service === 'outsider')?.gitReview).toMatchObject({ kind: 'date-only', author: 'mallory@example.com' });
	});

	it('is null when the team lists no members and CODEOWNERS names only the team', async () => {
		const read = await repository(
			'no-members',
			{ 'content/teams/payments.md': '---\nname: Payments\n---\n', '.github/CODEOWNERS': '/content/ @acme/payments\n' },
			{ unknown: 'mallory@example.com' },
		);
		expect(read.problems).toEqual([]);
		expect(byTeam(read, 'unknown')).toBeNull();
	});

	it('counts an individual CODEOWNERS owner of the note as the owning team', async () => {
		const read = await repository(
			'individual',
			{ 'content/teams/payments.md': '---\nname: Payments\nmembers: [bob@example.com]\n---\n', CODEOWNERS: '/content/notes/ @acme/payments dave@example.com @erin\n' },
			{ owner: 'dave@example.com', handle: 'erin@users.noreply.github.com', outsider: 'mallory@example.com' },
		);
		expect(byTeam(read, 'owner')).toBe(true);
		expect(byTeam(read, 'handle')).toBe(true);
		expect(byTeam(read, 'outsider')).toBe(false);
	});

	it('warns, at the owner field, of a note whose team CODEOWNERS does not name, saying which line owns it', async () => {
		const read = await repository(
			'mismatch',
			{
				'content/teams/payments.md': '---\nname: Payments\n---\n',
				// `.github/` wins over the root, as on GitHub; the root file would have matched.
				'.github/CODEOWNERS': '# owners\n* @acme/platform\n/content/notes/owned.md @ACME/Payments\n',
				CODEOWNERS: '* @acme/payments\n',
			},
			{ owned: 'bob@example.com', stray: 'bob@example.com' },
		);
		expect(read.problems.map((p) => formatError(p.error, p.severity))).toEqual([
			[
				'warning OwnerNotInCodeowners notes/stray.md:3:1: Note owner is not a code owner of the note',
				'  `stray` is owned by team `payments`, but CODEOWNERS does not name `@<org>/payments` among the owners of content/notes/stray.md: @acme/platform.',
				'  hint: Line 2 of .github/CODEOWNERS (`* @acme/platform`) owns it; add the team there, or a line `/content/notes/stray.md @acme/payments` after it. GitHub asks the code owners to review changes to the note, so a review by the owning team needs the team there.',
			].join('\n'),
		]);
	});

	it('warns when no CODEOWNERS line matches the note, and not at all without a CODEOWNERS file', async () => {
		const read = await repository('unmatched', { 'content/teams/payments.md': '---\nname: Payments\n---\n', 'docs/CODEOWNERS': '/src/ @acme/platform\n' }, { loose: 'bob@example.com' });
		expect(read.problems.map((p) => p.error.hint)).toEqual(['No line of docs/CODEOWNERS matches it; add `/content/notes/loose.md @acme/payments`. GitHub asks the code owners to review changes to the note, so a review by the owning team needs the team there.']);
		const none = await repository('none', { 'content/teams/payments.md': '---\nname: Payments\n---\n' }, { free: 'bob@example.com' });
		expect(none.problems).toEqual([]);
	});
});

describe('team members', () => {
	it('are emails or GitHub handles; anything else is an error at the team file, which is then not read', async () => {
		const read = await repository('bad-member', { 'content/teams/payments.md': '---\nname: Payments\nmembers: [bob, "@carol"]\n---\n' }, { any: 'bob@example.com' });
		expect(read.problems.map((p) => `${p.severity} ${p.error.name} ${p.error.location?.file}`)).toEqual(['error UnknownTeam notes/any.md', 'error FrontmatterInvalid teams/payments.md']);
		expect(read.problems[1]!.error.message).toContain('is not an email or a GitHub @handle');
	});
});

describe('byOwningTeam', () => {
	const rule = parseCodeowners('CODEOWNERS', '* @acme/payments @dave\n').rules[0]!;
	it('cannot tell without an author, or with neither members nor an individual owner that matches', () => {
		expect(byOwningTeam(null, { members: ['bob@example.com'], rule })).toBeNull();
		expect(byOwningTeam('dave@example.com', { members: [], rule })).toBeNull();
		expect(byOwningTeam('dave@users.noreply.github.com', { members: [], rule })).toBe(true);
		expect(byOwningTeam('dave@users.noreply.github.com', { members: [], rule: null })).toBeNull();
	});
});

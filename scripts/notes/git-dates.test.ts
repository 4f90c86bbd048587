import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastCommitDates } from './git-dates.ts';

const run = promisify(execFile);

let root: string;
let repo: string;

// A fixed identity and no user or system configuration, so the commits are the same on every machine.
function git(cwd: string, args: string[], date?: string): Promise<unknown> {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		GIT_CONFIG_GLOBAL: '/dev/null',
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_AUTHOR_NAME: 'Test',
		GIT_AUTHOR_EMAIL: 'test@example.com',
		GIT_COMMITTER_NAME: 'Test',
		GIT_COMMITTER_EMAIL: 'test@example.com',
	};
	if (date) {
		env['GIT_AUTHOR_DATE'] = date;
		env['GIT_COMMITTER_DATE'] = date;
	}
	return run('git', args, { cwd, env });
}

async function write(file: string, text: string): Promise<void> {
	await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
	await writeFile(path.join(repo, file), text);
}

beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'halflife-git-dates-'));
	repo = path.join(root, 'repo');
	await mkdir(repo);
	await git(repo, ['init', '-q', '-b', 'main']);
	await write('README.md', 'outside the notes\n');
	await write('notes/cart.md', 'cart\n');
	await write('notes/pricing service.md', 'pricing\n');
	await write('notes/équipe/café.mdx', 'café\n');
	await git(repo, ['add', '.']);
	await git(repo, ['commit', '-q', '-m', 'first'], '2026-01-15T12:00:00Z');
	await write('notes/cart.md', 'cart, changed\n');
	await write('notes/old.md', 'soon gone\n');
	await git(repo, ['add', '.']);
	// 23:30 at UTC-5 is already the next day in UTC.
	await git(repo, ['commit', '-q', '-m', 'second'], '2026-03-01T23:30:00-05:00');
	await git(repo, ['rm', '-q', 'notes/old.md']);
	await git(repo, ['commit', '-q', '-m', 'third'], '2026-04-10T08:00:00Z');
	await write('notes/untracked.md', 'never committed\n');
});

afterAll(async () => {
	await rm(root, { recursive: true, force: true });
});

describe('lastCommitDates', () => {
	it('dates every tracked file by its last commit, in UTC', async () => {
		const result = await lastCommitDates(repo);
		expect(result.repository).toBe(true);
		expect(result.shallow).toBe(false);
		expect(Object.fromEntries(result.dates)).toEqual({
			'README.md': '2026-01-15',
			'notes/cart.md': '2026-03-02',
			'notes/pricing service.md': '2026-01-15',
			'notes/équipe/café.mdx': '2026-01-15',
		});
	});

	it('keys the files of a subfolder relative to it', async () => {
		const result = await lastCommitDates(path.join(repo, 'notes'));
		expect(Object.fromEntries(result.dates)).toEqual({
			'cart.md': '2026-03-02',
			'pricing service.md': '2026-01-15',
			'équipe/café.mdx': '2026-01-15',
		});
	});

	it('reports a folder outside any repository without throwing', async () => {
		const outside = path.join(root, 'outside');
		await mkdir(outside);
		// GIT_CEILING_DIRECTORIES keeps git from finding a repository that happens to enclose the temp folder.
		process.env['GIT_CEILING_DIRECTORIES'] = root;
		try {
			expect(await lastCommitDates(outside)).toEqual({ repository: false, shallow: false, dates: new Map() });
		} finally {
			delete process.env['GIT_CEILING_DIRECTORIES'];
		}
	});

	it('reports no repository when git is not installed', async () => {
		const searchPath = process.env['PATH'];
		process.env['PATH'] = path.join(root, 'no-such-bin');
		try {
			expect(await lastCommitDates(repo)).toEqual({ repository: false, shallow: false, dates: new Map() });
		} finally {
			process.env['PATH'] = searchPath;
		}
	});

	it('gives no dates, and no error, in a repository without commits', async () => {
		const fresh = path.join(root, 'fresh');
		await mkdir(fresh);
		await git(fresh, ['init', '-q', '-b', 'main']);
		await writeFile(path.join(fresh, 'staged.md'), 'staged\n');
		await git(fresh, ['add', '.']);
		expect(await lastCommitDates(fresh)).toEqual({ repository: true, shallow: false, dates: new Map() });
	});

	it('says when the clone is shallow', async () => {
		const clone = path.join(root, 'clone');
		await git(root, ['clone', '-q', '--depth', '1', `file://${repo}`, clone]);
		const result = await lastCommitDates(path.join(clone, 'notes'));
		expect(result.repository).toBe(true);
		expect(result.shallow).toBe(true);
		// Only the newest commit is known, so every file carries its date.
		expect(result.dates.get('pricing service.md')).toBe('2026-04-10');
	});
});

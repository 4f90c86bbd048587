import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteHistories, type NoteHistories } from './git-note-history.ts';
import { reviewFromGit } from './review-from-git.ts';

const run = promisify(execFile);

let root: string;
let repo: string;
let histories: NoteHistories;
const commits: Record<string, string> = {};

// A fixed clock and no user or system configuration, so the commits are the same on every machine.
async function commit(message: string, date: string, author = 'dev@example.com'): Promise<void> {
	const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: author, GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: author, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
	await run('git', ['add', '-A'], { cwd: repo, env });
	await run('git', ['commit', '-q', '-m', message], { cwd: repo, env });
	commits[message] = (await run('git', ['rev-parse', 'HEAD'], { cwd: repo, env })).stdout.trim();
}

function note(service: string, reviewed: string, prose: string, heading = '## Runbook {reviewed=2026-01-10}'): string {
	return `---\nservice: ${service}\nowner: payments\nreviewed: ${reviewed}\n---\nIntro.\n\n${heading}\n\n${prose}\n`;
}

async function write(file: string, text: string): Promise<void> {
	await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
	await writeFile(path.join(repo, file), text);
}

beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'halflife-note-history-'));
	repo = path.join(root, 'repo');
	await mkdir(repo);
	await run('git', ['init', '-q', '-b', 'main'], { cwd: repo });
	await write('content/notes/full.md', note('full', '2026-01-10', 'Restart it.'));
	await write('content/notes/stamped.md', note('stamped', '2026-01-10', 'Restart it.'));
	await write('content/notes/edited.md', note('edited', '2026-01-10', 'Restart it.'));
	await write('content/notes/quoted name.md', note('quoted', '2026-01-10', 'Restart it.'));
	await commit('create', '2026-01-10T12:00:00Z', 'alice@example.com');
	// A review that rewrites the runbook: full.
	await write('content/notes/full.md', note('full', '2026-03-02', 'Drain it first, then restart it.'));
	// Only the dates move, the note's and a section's: date-only.
	await write('content/notes/stamped.md', note('stamped', '2026-03-02', 'Restart it.', '## Runbook {reviewed=2026-03-02}'));
	await commit('review', '2026-03-02T09:00:00Z', 'bob@example.com');
	// An edit without a review: the review that set the date stays the one that counts.
	await write('content/notes/edited.md', note('edited', '2026-01-10', 'Restart it twice.'));
	await write('content/notes/quoted name.md', note('quoted', "'2026-04-01'", 'Restart it.'));
	await commit('edit', '2026-04-01T09:00:00Z', 'carol@example.com');
	histories = await noteHistories(path.join(repo, 'content'));
});

afterAll(async () => rm(root, { recursive: true, force: true }));

describe('noteHistories and reviewFromGit', () => {
	it('reads every note once from one log, newest commit first, relative to the content folder', () => {
		expect(histories).toMatchObject({ known: true, prefix: 'content/' });
		expect([...histories.files.keys()].sort()).toEqual(['notes/edited.md', 'notes/full.md', 'notes/quoted name.md', 'notes/stamped.md']);
		expect(histories.files.get('notes/edited.md')!.map((c) => c.commit)).toEqual([commits['edit'], commits['create']]);
	});

	it('calls a review that changed the text full', () => {
		expect(reviewFromGit(histories.files.get('notes/full.md')!, '2026-03-02')).toEqual({
			kind: 'full',
			basis: 'git',
			commit: commits['review'],
			author: 'bob@example.com',
			byOwningTeam: null,
			lastFullReview: '2026-03-02',
		});
	});

	it('calls a bump of the dates alone date-only, with the last change to the text as the last full review', () => {
		expect(reviewFromGit(histories.files.get('notes/stamped.md')!, '2026-03-02')).toMatchObject({ kind: 'date-only', commit: commits['review'], author: 'bob@example.com', lastFullReview: '2026-01-10' });
	});

	it('keeps the commit that set the date when the text was edited later without a review', () => {
		expect(reviewFromGit(histories.files.get('notes/edited.md')!, '2026-01-10')).toMatchObject({ kind: 'full', commit: commits['create'], author: 'alice@example.com' });
	});

	it('reads a quoted date, and cannot tell when the file holds a date no commit wrote', () => {
		// Quoting the date changed nothing else: a date-only review.
		expect(reviewFromGit(histories.files.get('notes/quoted name.md')!, '2026-04-01')).toMatchObject({ kind: 'date-only', commit: commits['edit'] });
		expect(reviewFromGit(histories.files.get('notes/full.md')!, '2026-05-01')).toBeNull();
	});

	it('cannot tell outside a repository or in a shallow clone', async () => {
		await mkdir(path.join(root, 'plain', 'notes'), { recursive: true });
		expect(await noteHistories(path.join(root, 'plain'))).toMatchObject({ known: false, root: null });
		const shallow = path.join(root, 'shallow');
		await run('git', ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
		expect(await noteHistories(path.join(shallow, 'content'))).toMatchObject({ known: false });
	});
});

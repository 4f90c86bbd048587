import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendStepSummary, DIGEST_FILE, writeDigest } from '../publish/publish-digest.ts';
import { teamDigest } from './team-digest.ts';
import { queueBuilds } from './test-helpers/queue-builds.ts';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-digest-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('teamDigest', () => {
	it('says per team what opened and closed since the previous build, and how the open count moved', () => {
		const [, second, third] = queueBuilds(2);
		const before = second!.teams.find((t) => t.id === 'commerce')!.queue.length;
		const digest = teamDigest(third!, second!);
		expect(digest.startsWith('## Review queues, build b2 (2026-11-16)\n\nSince build b1 (2026-11-09): 2 opened, 0 closed, 9 open.\n')).toBe(true);
		expect(digest).toContain('| Team | Open | Change | Opened | Closed |\n| --- | ---: | ---: | ---: | ---: |\n');
		expect(digest).toContain(`| Commerce | ${before + 2} | +2 | 2 | 0 |\n| Payments | 2 | ±0 | 0 | 0 |\n`);
		// checkout started calling tax, which nobody describes: two items, the riskier first.
		expect(digest).toContain('### Commerce\n\nOpened:\n\n- undocumented service: tax\n- hidden dependency: checkout → tax\n');
		expect(digest).not.toContain('### Payments');

		// cart's note was reviewed between the first two builds: closed.
		const [first] = queueBuilds(0);
		const closing = teamDigest(second!, first!);
		expect(closing).toContain('| Commerce | 5 | −1 | 0 | 1 |');
		expect(closing).toContain('### Commerce\n\nClosed:\n\n- stale note: cart\n');
	});

	it('counts everything as opened on a first build', () => {
		const [first] = queueBuilds(0);
		expect(teamDigest(first!, null)).toContain('First build: 8 opened, 0 closed, 8 open.');
	});

	it('escapes hostile names so they cannot break the table or inject markup', () => {
		const names = { checkout: 'check|out*', tax: 'tax](javascript:alert(1))\n# Owned', Commerce: 'Com`merce`\n| x |', commerce: 'commerce' };
		const models = queueBuilds(2, names);
		const digest = teamDigest(models[2]!, models[1]!);
		expect(digest).toContain('| Com\\`merce\\` \\| x \\| | 7 | +2 | 2 | 0 |\n');
		expect(digest).toContain('- hidden dependency: check\\|out\\* → tax\\]\\(javascript\\:alert\\(1\\)\\) \\# Owned\n');
		// No line of the digest starts where a name put it: each row and heading is the digest's own.
		for (const line of digest.split('\n')) expect(line).toMatch(/^(|## Review|Since build|\| |### |Opened:|Closed:|- )/);
	});
});

describe('publishing the digest', () => {
	it('writes digest.md into the build output and appends it to the GitHub job summary when there is one', async () => {
		const [first, second] = queueBuilds(1);
		const digest = teamDigest(second!, first!);
		await writeDigest(dir, digest);
		expect(await readFile(path.join(dir, DIGEST_FILE), 'utf8')).toBe(digest);

		const summary = path.join(dir, 'step-summary.md');
		await writeFile(summary, '## Earlier step\n');
		expect(await appendStepSummary(digest, { GITHUB_STEP_SUMMARY: summary })).toBe(true);
		expect(await readFile(summary, 'utf8')).toBe(`## Earlier step\n${digest}`);
		expect(await appendStepSummary(digest, {})).toBe(false);
		expect(await readFile(summary, 'utf8')).toBe(`## Earlier step\n${digest}`);
	});
});

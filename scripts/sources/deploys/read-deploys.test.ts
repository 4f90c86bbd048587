import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatError } from '../../errors/halflife-error.ts';
import { readDeploys } from './read-deploys.ts';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-deploys-'));
	await mkdir(path.join(dir, 'deploys'));
	await writeFile(
		path.join(dir, 'deploys', 'cd.jsonl'),
		[
			'{"service":"checkout","version":"3.16.0","time":"2026-11-18T10:05:00Z"}',
			'',
			'{"service":"checkout","version":"3.15.0","time":"2026-10-28T09:12:00+01:00"}',
			'{"service":"cart","version":"1.2"',
			'{"service":"cart","version":"1.3","time":"yesterday"}',
			'{"service":"cart","version":"1.4","time":"2026-11-01T00:00:00Z","by":"ci"}',
		].join('\n'),
	);
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('readDeploys', () => {
	it('reads every good line in time order and names the file and line of every bad one', async () => {
		const { events, problems } = await readDeploys(dir, ['deploys/**/*.jsonl']);
		expect(events.map((e) => `${e.service}@${e.version}`)).toEqual(['checkout@3.15.0', 'checkout@3.16.0']);
		expect(events[0]!.file).toBe('deploys/cd.jsonl');
		expect(problems.map((p) => formatError(p.error, p.severity).split('\n').slice(0, 2).join(' | '))).toEqual([
			expect.stringMatching(/^error DeployEventInvalid deploys\/cd.jsonl:4:1: Deploy event is invalid \| {3}not JSON: /),
			'error DeployEventInvalid deploys/cd.jsonl:5:1: Deploy event is invalid |   time: Invalid ISO datetime',
			'error DeployEventInvalid deploys/cd.jsonl:6:1: Deploy event is invalid |   the line: Unrecognized key: "by"',
		]);
	});

	it('is empty, not an error, when there are no deploy files', async () => {
		await expect(readDeploys(dir, ['nothing/**/*.jsonl'])).resolves.toEqual({ events: [], problems: [] });
	});
});

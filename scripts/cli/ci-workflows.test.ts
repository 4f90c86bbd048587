import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halflifeOptionsSchema } from '../config/options-schema.ts';
import { restoreFromSchema } from '../config/history-options.ts';
import { COMMANDS } from './commands.ts';
import { FLAGS } from './flags.ts';
import { HELP } from './help.ts';
import { EXIT_DEGRADED } from './main.ts';

const root = path.resolve(import.meta.dirname, '../..');

interface GitHubWorkflow {
	on: Record<string, unknown>;
	concurrency: { group: string; 'cancel-in-progress': boolean };
	jobs: Record<string, { steps: Array<{ id?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; name?: string }> }>;
}
interface GitLabJob {
	variables: Record<string, string>;
	resource_group: string;
	cache: { paths: string[] };
	before_script: string[];
	script: string[];
	artifacts: { paths: string[] };
	pages: { publish: string };
}

let github: GitHubWorkflow;
let gitlab: { pages: GitLabJob };
let bin: string;
beforeAll(async () => {
	github = parse(await readFile(path.join(root, '.github/workflows/halflife.yml'), 'utf8')) as GitHubWorkflow;
	gitlab = parse(await readFile(path.join(root, '.gitlab-ci.yml'), 'utf8')) as { pages: GitLabJob };
	// A stand-in `npx` whose `halflife build` exits with $FAKE_EXIT, to run the workflows' own shell.
	bin = await mkdtemp(path.join(tmpdir(), 'halflife-ci-'));
	await writeFile(path.join(bin, 'npx'), '#!/bin/sh\necho "$@" >> "$ARGS_LOG"\n[ "$2" = build ] && exit "${FAKE_EXIT:-0}"\nexit 0\n');
	await chmod(path.join(bin, 'npx'), 0o755);
});
afterAll(async () => {
	await rm(bin, { recursive: true, force: true });
});

function shellOf(text: string): string[] {
	return text.split('\n').filter((line) => /\bnpx halflife\b|\bnpm (run|ci)\b/.test(line));
}

function runShell(script: string, exit: number, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; calls: string[] }> {
	const log = path.join(bin, `calls-${Math.random().toString(36).slice(2)}.log`);
	return new Promise((resolve) => {
		execFile(
			'bash',
			['-e', '-c', script],
			{ env: { ...process.env, ...env, PATH: `${bin}:${process.env['PATH']}`, FAKE_EXIT: String(exit), ARGS_LOG: log } },
			async (error, stdout) => {
				const calls = (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
				resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, calls });
			},
		);
	});
}

describe('the CI workflows', () => {
	it('parse, and call only halflife commands and npm scripts that exist', async () => {
		const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };
		expect(pkg.bin['halflife']).toBeDefined();
		const runs = [
			...Object.values(github.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ? shellOf(step.run) : []))),
			...[...gitlab.pages.before_script, ...gitlab.pages.script].flatMap(shellOf),
		];
		expect(runs.length).toBeGreaterThanOrEqual(6);
		for (const line of runs) {
			const command = /npx halflife (\w+)/.exec(line)?.[1];
			if (command) {
				expect(Object.keys(COMMANDS), line).toContain(command);
				expect(HELP, `${command} in --help`).toMatch(new RegExp(`^ {2}${command} `, 'm'));
			}
			const script = /npm run (\S+)/.exec(line)?.[1];
			if (script) expect(Object.keys(pkg.scripts), line).toContain(script);
		}
	});

	it('check out full history, run one at a time, keep the site and snapshots, and publish a plain export', () => {
		const steps = github.jobs['build']!.steps;
		expect(steps.find((s) => s.uses?.startsWith('actions/checkout'))!.with).toMatchObject({ 'fetch-depth': 0 });
		expect(github.concurrency['cancel-in-progress']).toBe(false);
		expect(Object.keys(github.on).sort()).toEqual(['push', 'schedule', 'workflow_dispatch']);
		const cached = steps.filter((s) => s.uses?.startsWith('actions/cache')).map((s) => String(s.with!['path']));
		for (const paths of cached) expect(paths).toMatch(/dist[\s\S]*\.halflife\/snapshots/);
		expect(steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'))!.with).toMatchObject({ path: '_site' });
		expect(steps.some((s) => s.run?.includes('npx halflife export --out _site'))).toBe(true);
		expect(gitlab.pages.variables['GIT_DEPTH']).toBe('0');
		expect(gitlab.pages.resource_group).toBeTruthy();
		expect(gitlab.pages.cache.paths).toEqual(['dist/', '.halflife/snapshots/']);
		// public/ is the project's own static files: the export goes beside it, and Pages is told where.
		expect(gitlab.pages.script.some((line) => line.includes('npx halflife export --out _site'))).toBe(true);
		expect(gitlab.pages.pages).toEqual({ publish: '_site' });
		expect(gitlab.pages.artifacts.paths).toEqual(['_site']);
	});

	it('turn a build with stale telemetry into a warning, and any other failure into a failure', async () => {
		const githubBuild = github.jobs['build']!.steps.find((s) => s.name === 'Build')!.run!;
		const gitlabBuild = gitlab.pages.script.find((line) => line.includes('npx halflife build'))!;
		for (const script of [githubBuild, gitlabBuild]) {
			expect(script).toContain(`-eq ${EXIT_DEGRADED}`);
			expect((await runShell(script, 0)).code).toBe(0);
			const degraded = await runShell(script, EXIT_DEGRADED);
			expect(degraded.code).toBe(0);
			expect(degraded.stdout).toMatch(/warning/);
			expect((await runShell(script, 1)).code).toBe(1);
			expect((await runShell(script, 2)).code).toBe(2);
		}
	});

	it('build under the path Pages serves the site at, a project\'s subpath or the root', async () => {
		const steps = github.jobs['build']!.steps;
		const pages = steps.findIndex((s) => s.uses?.startsWith('actions/configure-pages'));
		const build = steps.findIndex((s) => s.name === 'Build');
		expect(pages).toBeGreaterThanOrEqual(0);
		expect(pages).toBeLessThan(build);
		expect(steps[build]!.env!['SITE_BASE']).toBe(`\${{ steps.${steps[pages]!.id}.outputs.base_path }}/`);
		// configure-pages says `/repo` for a project site and nothing for a user site or a custom domain.
		expect(steps[build]!.env!['SITE_URL']).toBe(`\${{ steps.${steps[pages]!.id}.outputs.base_url }}/`);
		for (const [basePath, base] of [['/halflife-docs', '/halflife-docs/'], ['', '/']] as const) {
			const siteUrl = `https://octo.github.io${basePath}/`;
			const { calls } = await runShell(steps[build]!.run!, 0, { SITE_BASE: `${basePath}/`, SITE_URL: siteUrl });
			expect(calls).toEqual([`halflife build --base ${base} --restore-from ${siteUrl}`]);
		}
		const gitlabBuild = gitlab.pages.script.find((line) => line.includes('npx halflife build'))!;
		for (const [url, base] of [
			['https://group.gitlab.io/halflife-docs', '/halflife-docs/'],
			['https://docs-3f2a.gitlab.io', '/'],
			['https://docs.example.com/kb/', '/kb/'],
		] as const) {
			const { calls } = await runShell(gitlabBuild, 0, { CI_PAGES_URL: url });
			expect(calls).toEqual([`halflife build --base ${base} --restore-from ${url}`]);
			expect(halflifeOptionsSchema.shape.base.safeParse(base).success).toBe(true);
		}
	});
	it('restore the history from the deployed site when the cache is gone, with an address the option takes', async () => {
		const githubBuild = github.jobs['build']!.steps.find((s) => s.name === 'Build')!;
		const gitlabBuild = gitlab.pages.script.find((line) => line.includes('npx halflife build'))!;
		// configure-pages' base_url has no final slash; the option adds one anyway.
		for (const url of ['https://octo.github.io/halflife-docs/', 'https://group.gitlab.io/halflife-docs', 'https://docs.example.com/kb/']) {
			expect(restoreFromSchema.parse(url)).toBe(url.endsWith('/') ? url : `${url}/`);
		}
		expect((await runShell(githubBuild.run!, 0, { SITE_BASE: '/', SITE_URL: 'https://docs.example.com/' })).calls[0]).toContain('--restore-from https://docs.example.com/');
		// Without Pages (CI_PAGES_URL unset) GitLab's build goes on without it rather than pass an empty address.
		const { calls } = await runShell(gitlabBuild, 0, { CI_PAGES_URL: '' });
		expect(calls).toEqual(['halflife build --base /']);
		expect(FLAGS['restore-from']).toEqual({ type: 'string' });
	});
});

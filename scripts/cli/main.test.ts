import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halflifeOptionsSchema } from '../config/options-schema.ts';
import { diffModels } from '../model/diff-models.ts';
import { emptyCatalog } from '../catalogs/empty-catalog.ts';
import { describeServices } from '../model/describe-services.ts';
import { mergeModel } from '../model/merge-model.ts';
import type { VersionsIndex } from '../publish/versions-index.ts';
import { findOldNode } from './test-helpers/old-node.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const bin = path.join(repoRoot, 'scripts/cli/bin.mjs');
const fixtures = 'scripts/notes/fixtures';
const NOW = '2026-11-23T00:00:00Z';
const STACK_LINE = /^ {4}at /m;

// Generous: the tests run at once, each starting Node with TypeScript, on a 2-core runner that may be busy.
const SPAWN_TIMEOUT_MS = 100_000;

/** Runs a command with the given Node on bin.mjs from the repo root, with `unset` left out of the environment; never throws on a non-zero exit. */
function run(args: string[], node: string[] = [process.execPath], unset: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
	const env = { ...process.env };
	delete env['SOURCE_DATE_EPOCH'];
	for (const name of unset) delete env[name];
	return new Promise((resolve) => {
		execFile(node[0]!, [...node.slice(1), bin, ...args], { cwd: repoRoot, env, timeout: SPAWN_TIMEOUT_MS }, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
			resolve({ code, stdout, stderr });
		});
	});
}

/** Each problem block of a fixture's expected.txt, as `halflife check` prints it. */
async function expectedBlocks(fixture: string): Promise<string[]> {
	const text = await readFile(path.join(repoRoot, fixtures, fixture, 'expected.txt'), 'utf8');
	return text.trim().split('\n\n');
}

/** Every entry under a folder with its bytes and modification time (files) or kind (folders). */
async function snapshotTree(dir: string): Promise<Record<string, string>> {
	const entries: Record<string, string> = {};
	for (const name of (await readdir(dir, { recursive: true })).sort()) {
		const file = path.join(dir, name);
		const info = await stat(file);
		entries[name] = info.isDirectory() ? 'dir' : `${info.mtimeMs} ${(await readFile(file)).toString('base64')}`;
	}
	return entries;
}

/** A project under the test folder with the halflife() integration (no git dates) and these files, by path from its root. */
async function writeProject(name: string, files: Record<string, string>): Promise<string> {
	const root = path.join(dir, name);
	const config = `import halflife from ${JSON.stringify(path.join(repoRoot, 'scripts/integration/index.ts'))};\nexport default { integrations: [halflife({ notes: { gitDates: false } })] };\n`;
	for (const [file, text] of Object.entries({ 'astro.config.mjs': config, ...files })) {
		await mkdir(path.dirname(path.join(root, file)), { recursive: true });
		await writeFile(path.join(root, file), text);
	}
	return root;
}

const oldNode = findOldNode();
/** The one Node requirement, as package.json's `engines` states it. */
const REQUIRED_NODE = (JSON.parse(readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8')) as { engines: { node: string } }).engines.node.replace(/^>=/, '');

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-cli-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe.concurrent('halflife command', { timeout: 2 * SPAWN_TIMEOUT_MS }, () => {
	it('prints help and exits 0 with --help', async () => {
		const { code, stdout, stderr } = await run(['--help']);
		expect(code).toBe(0);
		expect(stdout).toContain('Usage: halflife <command> [options]');
		const commands = ['build', 'check', 'diff', 'export', 'pull', 'demo', 'review', 'serve'];
		for (const command of commands) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
		expect(stderr).toBe('');
		// Each command's own help names its usage, and for build, every config area it reads.
		const helps = await Promise.all(commands.map((command) => run([command, '--help'])));
		helps.forEach((help, i) => {
			expect(help.code).toBe(0);
			expect(help.stdout.startsWith(`halflife ${commands[i]} `)).toBe(true);
		});
		// Every top-level option, so a new one cannot be added without saying which command reads it.
		for (const option of Object.keys(halflifeOptionsSchema.shape)) expect(helps[0]!.stdout.replace(/\s+/g, ' ')).toMatch(new RegExp(`\\b${option}\\b`));
	});

	it('exits 1 on an unknown command, an unknown option or a bad port, saying which', async () => {
		const unknown = await run(['frobnicate']);
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toContain('error UsageError: Invalid command line');
		expect(unknown.stderr).toContain('Unknown command `frobnicate`.');
		expect(unknown.stderr).toContain('hint: Run `halflife --help`');
		expect(unknown.stderr).not.toMatch(STACK_LINE);

		const [option, port] = await Promise.all([
			run(['check', '--frobnicate']),
			run(['serve', '--port', 'http', '--site', path.join(dir, 'no-site')]),
		]);
		expect(option.code).toBe(1);
		expect(option.stderr).toContain('error UsageError');
		expect(option.stderr).toContain('--frobnicate');
		expect(option.stderr).not.toMatch(STACK_LINE);
		expect(port.code).toBe(1);
		expect(port.stderr).toContain('error UsageError');
		expect(port.stderr).toContain('--port takes a number from 0 to 65535, not `http`.');
		expect(port.stderr).not.toMatch(STACK_LINE);

		// Checked before anything is built: a base without its slashes would break every link.
		for (const base of ['docs', '/docs', '/../', '/a b/']) {
			const bad = await run(['build', '--base', base, '--site', path.join(dir, 'no-site')]);
			expect(bad.code, base).toBe(1);
			expect(bad.stderr).toContain(`--base must be a URL path with a slash at both ends, such as \`/\` or \`/docs/\`, not \`${base}\`.`);
			expect(bad.stderr).not.toMatch(STACK_LINE);
			expect(existsSync(path.join(dir, 'no-site'))).toBe(false);
		}
	});

	it('lists every problem of broken content with check, exits 1, and prints no stack', async () => {
		const { code, stdout, stderr } = await run(['check', '--root', `${fixtures}/broken`, '--now', NOW]);
		expect(code).toBe(1);
		const blocks = await expectedBlocks('broken');
		let from = 0;
		for (const block of blocks) {
			const at = stderr.indexOf(block, from);
			expect(at, block).toBeGreaterThanOrEqual(from);
			from = at + block.length;
		}
		const errors = blocks.filter((b) => b.startsWith('error ')).length;
		expect(errors).toBeGreaterThan(5);
		const warnings = blocks.length - errors;
		expect(warnings).toBeGreaterThan(5);
		expect(stdout).toBe(`${errors} errors, ${warnings} warnings\n`);
		expect(stderr).not.toMatch(STACK_LINE);
		expect(stderr).not.toContain('internal error');
	});

	it('passes valid content with check', async () => {
		const { code, stdout, stderr } = await run(['check', '--root', `${fixtures}/valid`, '--now', NOW]);
		expect(code).toBe(0);
		expect(stdout).toBe('0 errors, 0 warnings\n');
		expect(stderr).toBe('');
	});

	it('fails on warnings only with --strict', async () => {
		const root = await writeProject('warnings-only', { 'content/teams/ghosts.md': '---\nname: Ghosts\n---\n' });
		const plain = await run(['check', '--root', root, '--now', NOW]);
		expect(plain.code).toBe(0);
		expect(plain.stdout).toBe('0 errors, 1 warning\n');
		expect(plain.stderr).toContain('warning TeamWithoutServices teams/ghosts.md:1:1: Team owns no services');
		const strict = await run(['check', '--root', root, '--now', NOW, '--strict']);
		expect(strict.code).toBe(1);
		expect(strict.stdout).toBe('0 errors, 1 warning (--strict: warnings fail)\n');
	});

	it('checks review dates against the clock a build would use when --now is not given', async () => {
		const root = await writeProject('future-review', {
			'content/teams/platform.md': '---\nname: Platform\n---\n',
			// After any machine's clock, as `build` without --now would take it.
			'content/notes/gateway.md': '---\nservice: gateway\nowner: platform\nreviewed: 2999-12-25\n---\n',
		});
		const { code, stdout, stderr } = await run(['check', '--root', root]);
		expect(code).toBe(0);
		expect(stdout).toBe('0 errors, 1 warning\n');
		expect(stderr).toContain('warning ReviewedInFuture notes/gateway.md:4:1: Review date is in the future');
		expect(stderr).toContain('`reviewed: 2999-12-25` is after the build time');
	});

	it('takes --lock-timeout in whole seconds and refuses anything else before building', async () => {
		for (const value of ['soon', '1.5', '', `--lock-timeout=-1`]) {
			const args = value.startsWith('--') ? [value] : ['--lock-timeout', value];
			const bad = await run(['build', ...args, '--site', path.join(dir, 'no-site')]);
			expect(bad.code, value).toBe(1);
			expect(bad.stderr).toContain(`--lock-timeout takes a whole number of seconds (0: do not wait), not \`${value.replace('--lock-timeout=', '')}\`.`);
			expect(bad.stderr).not.toMatch(STACK_LINE);
			expect(existsSync(path.join(dir, 'no-site'))).toBe(false);
		}
	});

	it('takes --restore-from as an http(s) address only, and refuses anything else before building', async () => {
		for (const value of ['file:///etc/', 'team.github.io/kb', '']) {
			const bad = await run(['build', '--restore-from', value, '--site', path.join(dir, 'no-site')]);
			expect(bad.code, value).toBe(1);
			expect(bad.stderr).toContain(`--restore-from must be an http or https address of the published site, such as https://team.github.io/kb/, not \`${value}\`.`);
			expect(bad.stderr).not.toMatch(STACK_LINE);
			expect(existsSync(path.join(dir, 'no-site'))).toBe(false);
		}
	});

	it('reports a build on a pipe in plain lines, with no status line or control characters', async () => {
		const root = await writeProject('piped-build', {
			'content/teams/ghosts.md': '---\nname: Ghosts\n---\n',
			// Notes read, then a file no format claims stops the pull stage: two stages run, cheaply.
			'content/telemetry/notes.json': 'not telemetry\n',
		});
		// Outside CI, so only the pipe itself keeps the output plain.
		const { code, stderr } = await run(['build', '--root', root, '--now', NOW], undefined, ['CI']);
		expect(code).toBe(1);
		expect(stderr).toContain('halflife: notes: 0 notes, 0 described services, 1 team\n');
		expect(stderr).toContain('error TelemetryUnknownFormat');
		expect(stderr).not.toMatch(/[\r\x1b]/);
		expect(stderr).not.toContain('reading notes');
		expect(stderr).not.toContain('pulling telemetry');
	});

	it('refuses to build broken content and leaves the published site exactly as it was', async () => {
		const root = path.join(dir, 'broken-build');
		const site = path.join(root, 'site');
		// A published site with one earlier build, as `halflife build` leaves it.
		const model = mergeModel(describeServices({ notes: [], teams: [], broken: [], problems: [] }, emptyCatalog(), null), null, {
			buildId: '20261116T000000Z',
			now: new Date('2026-11-16T00:00:00Z'),
			staleAfterDays: 90,
		});
		const versions: VersionsIndex = {
			schemaVersion: 1,
			latest: model.build.id,
			versions: [{ id: model.build.id, now: model.build.now, path: `/v/${model.build.id}/`, summary: model.summary, changes: diffModels(null, model), pruned: false, bytes: null, confidence: { system: null, teams: {}, services: {} }, calibration: null }],
		};
		await mkdir(path.join(site, 'v', model.build.id), { recursive: true });
		await writeFile(path.join(site, 'versions.json'), JSON.stringify(versions, null, 2));
		await writeFile(path.join(site, 'index.html'), '<h1>the previous build</h1>');
		await writeFile(path.join(site, 'v', model.build.id, 'halflife-model.json'), JSON.stringify(model));
		const before = await snapshotTree(site);

		const cache = path.join(root, 'cache');
		const { code, stderr } = await run(['build', '--root', `${fixtures}/broken`, '--site', site, '--cache-dir', cache, '--now', NOW]);
		expect(code).toBe(1);
		for (const block of (await expectedBlocks('broken')).filter((b) => b.startsWith('error '))) expect(stderr).toContain(block);
		expect(stderr).toContain('The build stopped before publishing: the site was left as it was.');
		expect(stderr).not.toMatch(STACK_LINE);
		expect(await snapshotTree(site)).toEqual(before);
		expect(existsSync(cache)).toBe(false);
	});

	it('refuses a --now that is not a date-time', async () => {
		const site = path.join(dir, 'bad-now-site');
		const { code, stderr } = await run(['build', '--now', 'garbage', '--site', site, '--cache-dir', path.join(dir, 'bad-now-cache')]);
		expect(code).toBe(1);
		expect(stderr).toContain('error InvalidNow: Invalid build time');
		expect(stderr).toContain('`garbage` is not an ISO-8601 date-time or a Unix epoch.');
		expect(stderr).toContain('hint: Pass --now like 2026-11-23T00:00:00Z');
		expect(stderr).not.toMatch(STACK_LINE);
		expect(existsSync(site)).toBe(false);
	});

	it('says clearly, without a stack, when Node cannot run TypeScript', async () => {
		const { code, stdout, stderr } = await run(['--help'], [process.execPath, '--no-experimental-strip-types']);
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toContain('type stripping turned off');
		expect(stderr).not.toMatch(STACK_LINE);
	});

	// Skipped on a machine without an older Node, never in CI: .ci/run's machine has one.
	it.skipIf(!oldNode && !process.env['CI'])(`refuses to run on a Node older than it needs (${oldNode ?? 'none found on this machine'})`, async () => {
		expect(oldNode, 'a Node older than 22 on PATH or in /usr/bin').toBeDefined();
		const { code, stdout, stderr } = await run(['--help'], [oldNode!]);
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toMatch(new RegExp(`^halflife: Node\\.js (\\d+)\\.\\S+ is too old: Halflife needs Node\\.js ${REQUIRED_NODE.replaceAll('.', '\\.')} or newer\\.`));
		expect(stderr).toContain('npm install --save-dev node@24');
		expect(stderr).not.toMatch(STACK_LINE);
	});

	it('states one Node requirement: engines, the README and the check above agree', async () => {
		expect(REQUIRED_NODE).toMatch(/^\d+\.\d+\.\d+$/);
		const readme = await readFile(path.join(import.meta.dirname, '../../README.md'), 'utf8');
		const stated = [...readme.matchAll(/Node(?:\.js)? (\d+\.\d+(?:\.\d+)?) or newer/g)].map((m) => m[1]);
		expect(stated.length).toBeGreaterThan(0);
		for (const version of stated) expect(`${version}.0.0`.split('.').slice(0, 3).join('.')).toBe(REQUIRED_NODE);
	});
});

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findOldNode, npxCliOf } from '../scripts/cli/test-helpers/old-node.ts';
import { serveSite } from '../scripts/publish/serve-site.ts';
import { launchBrowser } from './browser.ts';

const root = path.resolve(import.meta.dirname, '..');
const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
const oldNode = findOldNode();

let work: string;
let tarball: string;
let kb: string;
let browser: Browser;

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

// npm started by `npm test` leaves its own npm_* settings in the environment; a stranger's shell has none.
function strangerEnv(): NodeJS.ProcessEnv {
	const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
	return { ...env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', HALFLIFE_CHROMIUM: inject('browserPath') };
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
	return new Promise((resolve) => {
		execFile(command, args, { cwd, env: strangerEnv(), timeout: 600_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
			resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
		);
	});
}

async function ok(command: string, args: string[], cwd: string): Promise<Run> {
	const result = await run(command, args, cwd);
	expect(result.code, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`).toBe(0);
	return result;
}

// Every HTML page of a site folder's latest build (symlinks followed), relative to it.
async function htmlPages(site: string): Promise<string[]> {
	const entries = await readdir(site, { recursive: true });
	return entries.filter((entry) => entry.endsWith('.html') && !entry.startsWith('v/') && !entry.startsWith('.halflife-root'));
}

// What a team adds to make the site its own: a page, a replaced component, a stylesheet and an icon.
async function makeItsOwn(kb: string): Promise<void> {
	await mkdir(path.join(kb, 'src/pages'), { recursive: true });
	await mkdir(path.join(kb, 'src/components'), { recursive: true });
	await writeFile(
		path.join(kb, 'src/pages/oncall.astro'),
		[
			'---',
			"import Base from 'halflife/layouts/Base.astro';",
			"import { model } from 'halflife/site-data';",
			'---',
			'<Base title="On call"><h1>On call</h1><p id="counts">{model.summary.services} services, {model.teams.length} teams.</p></Base>',
			'',
		].join('\n'),
	);
	await writeFile(
		path.join(kb, 'src/components/Legend.astro'),
		["---", "import Original from 'halflife/components/Legend.astro';", '---', '<div class="ours"><p>Ask #platform about this picture.</p><Original /></div>', ''].join('\n'),
	);
	await writeFile(path.join(kb, 'src/brand.css'), '.ours { border-left: 4px solid rebeccapurple; }\n');
	await writeFile(path.join(kb, 'public/favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>\n');
	const config = await readFile(path.join(kb, 'astro.config.mjs'), 'utf8');
	await writeFile(
		path.join(kb, 'astro.config.mjs'),
		config.replace('halflife({', "halflife({\n\t\t\tcomponents: { Legend: './src/components/Legend.astro' },\n\t\t\tcustomCss: ['./src/brand.css'],\n\t\t\tfavicon: '/favicon.svg',"),
	);
}

beforeAll(async () => {
	work = await mkdtemp(path.join(tmpdir(), 'halflife-adopt-'));
	// `npm pack` runs `prepare`, which compiles lib/: the tarball is what a registry would serve.
	const packed = await ok('npm', ['pack', '--pack-destination', work], root);
	tarball = path.join(work, packed.stdout.trim().split('\n').at(-1)!);
	kb = path.join(work, 'kb');
	browser = await launchBrowser();
}, 600_000);
afterAll(async () => {
	await browser?.close();
	await rm(work, { recursive: true, force: true });
});

describe('a team adopts Halflife from a packed tarball', () => {
	it('`npx halflife init kb` writes a project of its own, and its first `npm ci && npm run build` publishes it', { timeout: 900_000 }, async () => {
		const init = await ok('npx', ['--yes', '--package', tarball, 'halflife', 'init', 'kb', '--from', tarball], work);
		expect(init.stdout).toContain('Next: cd kb && npm ci && npm run build');

		const manifest = JSON.parse(await readFile(path.join(kb, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
		// The tarball is kept in the project, so its CI installs the same Halflife from any clone.
		expect(manifest.dependencies).toEqual({ halflife: `file:vendor/${path.basename(tarball)}` });
		expect(existsSync(path.join(kb, 'vendor', path.basename(tarball)))).toBe(true);
		for (const file of [
			'content/README.md',
			'content/teams/platform.md',
			'content/notes/example-service.md',
			'public/robots.txt',
			'astro.config.mjs',
			'package-lock.json',
			'.gitignore',
			'.github/workflows/halflife.yml',
			'.gitlab-ci.yml',
		]) {
			expect(existsSync(path.join(kb, file)), file).toBe(true);
		}
		// The site's pages come from the package: the project holds none of them.
		expect(existsSync(path.join(kb, 'site'))).toBe(false);
		expect(existsSync(path.join(kb, 'src'))).toBe(false);

		await ok('npm', ['ci'], kb);
		// The demo stays in Halflife's repository: the installed command says so, without a stack.
		const demo = await run('npx', ['halflife', 'demo'], kb);
		expect(demo.code).toBe(1);
		expect(demo.stderr).toContain('DemoNotInstalled');
		expect(demo.stderr).not.toMatch(/^\s+at /m);
		const build = await ok('npm', ['run', 'build', '--', '--now', '2026-12-01T06:00:00Z'], kb);
		expect(build.stdout).toContain('Published build 20261201T060000Z');

		const site = path.join(kb, 'dist');
		const pages = await htmlPages(site);
		expect(pages).toEqual(expect.arrayContaining(['index.html', 'services/example-service/index.html', 'teams/platform/index.html', 'start/index.html', 'map/index.html']));
		for (const page of pages) {
			const html = await readFile(path.join(site, page), 'utf8');
			expect(html, page).not.toContain('Basketful');
			expect(html, page).toContain(`made with Halflife ${version}`);
		}
		expect(await readFile(path.join(site, 'robots.txt'), 'utf8')).toContain('Disallow: /');
		expect(await readFile(path.join(site, 'v/20261201T060000Z/robots.txt'), 'utf8')).toContain('Disallow: /');

		// Read in Chromium as a reader would: its own title, its own note, links that lead somewhere.
		const { url, server } = await serveSite(site, 0);
		try {
			const page = await browser.newPage();
			await page.goto(`${url}/`);
			expect(await page.title()).toBe('Overview · kb knowledge base');
			await page.click('a[href="/services/"]');
			await page.click('a[href="/services/example-service/"]');
			expect(await page.locator('h1').textContent()).toBe('example-service');
			expect(await page.locator('.prose').textContent()).toContain('What this service does, how it fails, and who to call.');
			await page.close();
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('upgrades by a version bump: the next build runs the new Halflife and adds to the same history', { timeout: 600_000 }, async () => {
		// The same package under the next version, as a release would be.
		const next = path.join(work, 'next');
		await mkdir(next, { recursive: true });
		await ok('tar', ['xzf', tarball, '-C', next], work);
		const manifestFile = path.join(next, 'package', 'package.json');
		const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { version: string };
		const nextVersion = version.replace(/\d+$/, (patch) => String(Number(patch) + 1));
		await writeFile(manifestFile, `${JSON.stringify({ ...manifest, version: nextVersion }, null, 2)}\n`);
		const nextTarball = `halflife-${nextVersion}.tgz`;
		await ok('tar', ['czf', path.join(kb, 'vendor', nextTarball), '-C', next, 'package'], work);

		// The upgrade the README documents for a tarball: put the new one in vendor/ and install it.
		await ok('npm', ['install', `./vendor/${nextTarball}`], kb);
		expect(JSON.parse(await readFile(path.join(kb, 'package.json'), 'utf8')).dependencies).toEqual({ halflife: `file:vendor/${nextTarball}` });
		const lock = await readFile(path.join(kb, 'package-lock.json'), 'utf8');
		expect(lock).toContain(`"version": "${nextVersion}"`);
		// The same build carries the team's own page, component, stylesheet and icon, checked in the last test:
		// one Astro build of the upgraded project serves both checks instead of two.
		await makeItsOwn(kb);
		await ok('npm', ['run', 'build', '--', '--now', '2026-12-02T06:00:00Z'], kb);

		const site = path.join(kb, 'dist');
		const versions = JSON.parse(await readFile(path.join(site, 'versions.json'), 'utf8')) as { versions: { id: string }[] };
		expect(versions.versions.map((v) => v.id)).toEqual(['20261201T060000Z', '20261202T060000Z']);
		expect(await readFile(path.join(site, 'index.html'), 'utf8')).toContain(`made with Halflife ${nextVersion}`);
		// The frozen first build is kept as it was published.
		expect(await readFile(path.join(site, 'v/20261201T060000Z/index.html'), 'utf8')).toContain(`made with Halflife ${version}`);
	});

	// Skipped on a machine without an older Node, never in CI: .ci/run's machine has one.
	it.skipIf(!oldNode && !process.env['CI'])('runs `npx halflife` from npm on the older system Node without engine warnings', async () => {
		const npx = npxCliOf(oldNode!);
		expect(npx, `npm's npx beside ${oldNode}`).toBeDefined();
		// A shell whose first Node is the system's old one, as on a developer's machine.
		const result = await new Promise<Run>((resolve) => {
			const env = { ...strangerEnv(), PATH: `${path.dirname(oldNode!)}${path.delimiter}${strangerEnv()['PATH']}` };
			execFile(oldNode!, [npx!, 'halflife', 'check'], { cwd: kb, env }, (error, stdout, stderr) =>
				resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
			);
		});
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toContain('0 errors, 0 warnings');
		expect(result.stderr).not.toMatch(/EBADENGINE|EBADDEVENGINES|npm warn/i);
	});

	it('makes the site its own without copying it: a page, a replaced component, a stylesheet and an icon', { timeout: 300_000 }, async () => {
		// Published by the upgraded build above, which had them (makeItsOwn) in the project.
		const site = path.join(kb, 'dist');
		const oncall = await readFile(path.join(site, 'oncall/index.html'), 'utf8');
		expect(oncall).toContain('<h1>On call</h1>');
		expect(oncall).toMatch(/<p id="counts">1 services, 1 teams\.<\/p>/);
		expect(oncall).toContain(`made with Halflife`);
		const service = await readFile(path.join(site, 'services/example-service/index.html'), 'utf8');
		expect(service).toContain('Ask #platform about this picture.');
		expect(service).toContain('class="legend');
		expect(service).toContain('href="/favicon.svg"');
		const { url, server } = await serveSite(site, 0);
		try {
			const page = await browser.newPage();
			await page.goto(`${url}/services/example-service/`);
			expect(await page.locator('.ours').evaluate((element) => getComputedStyle(element).borderLeftStyle)).toBe('solid');
			expect((await page.request.get(`${url}/favicon.svg`)).status()).toBe(200);
			await page.close();
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});
});

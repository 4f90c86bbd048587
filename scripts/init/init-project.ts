import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HalflifeError } from '../errors/halflife-error.ts';
import type { Logger } from '../lib/logger.ts';

/** The package's own root: templates and the shipped CI pipelines are copied from it. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATE = path.join(PACKAGE_ROOT, 'templates', 'project');
/** The CI pipelines this repository ships, copied into every new project as they are. */
const PIPELINES = ['.github/workflows/halflife.yml', '.gitlab-ci.yml'];
const TEAM = 'platform';
/** Where a Halflife tarball given to `--from` is kept, inside the project. */
const VENDOR = 'vendor';
const SERVICE = 'example-service';

/** What `halflife init` needs. */
export interface InitInput {
	/** The new project's folder: missing or empty. */
	dir: string;
	/** Site title; defaults to the folder's name. */
	title?: string | undefined;
	/** The `halflife` dependency as package.json writes it: a version range, `file:` tarball, or git URL. */
	from?: string | undefined;
	/** The day the example note was reviewed (the clock's day by default). */
	now: Date;
	/** Resolve the dependencies into package-lock.json (`npm install --package-lock-only`), so `npm ci` installs them (on by default). */
	lock: boolean;
	logger: Logger;
}

/**
 * Writes a ready Halflife project: its content (a team, a note, the folder's README), the site's
 * own static files, astro.config.mjs with the integration, package.json depending on Halflife, the
 * CI pipelines and .gitignore; then resolves its dependencies into package-lock.json, so the first
 * `npm ci` installs exactly those. The site's pages stay in the package, so upgrading Halflife is a
 * version bump. Returns the `halflife` dependency it wrote.
 */
export async function initProject(input: InitInput): Promise<string> {
	const dir = path.resolve(input.dir);
	await ensureEmpty(dir);
	const title = input.title ?? `${path.basename(dir)} knowledge base`;
	const tarball = input.from && /\.(tgz|tar\.gz)$/.test(input.from) && !/^[a-z+]+:\/\//.test(input.from) ? path.resolve(input.from.replace(/^file:/, '')) : null;
	if (tarball && !existsSync(tarball)) throw new HalflifeError('UsageError', { params: { detail: `--from ${input.from}: there is no such file (a tarball made by \`npm pack\` in Halflife's repository).` } });
	const spec = tarball ? `file:${VENDOR}/${path.basename(tarball)}` : dependencySpec(input.from, dir);
	const values: Record<string, string> = {
		title,
		team: TEAM,
		teamName: 'Platform',
		service: SERVICE,
		date: input.now.toISOString().slice(0, 10),
	};
	await mkdir(dir, { recursive: true });
	await copyTemplate(TEMPLATE, dir, values);
	await rename(path.join(dir, 'content/teams/TEAM.md'), path.join(dir, `content/teams/${TEAM}.md`));
	await rename(path.join(dir, 'content/notes/SERVICE.md'), path.join(dir, `content/notes/${SERVICE}.md`));
	for (const file of PIPELINES) await cp(path.join(PACKAGE_ROOT, file), path.join(dir, file));
	// A tarball is committed with the project, so its CI and every clone install the same Halflife.
	if (tarball) await cp(tarball, path.join(dir, VENDOR, path.basename(tarball)));
	await writeFile(path.join(dir, 'package.json'), `${JSON.stringify(projectManifest(dir, spec), null, '\t')}\n`);
	await writeFile(path.join(dir, 'astro.config.mjs'), astroConfig(title));
	// Written here, not shipped: npm renames a package's .gitignore files when it packs them.
	await writeFile(path.join(dir, '.gitignore'), 'node_modules/\ndist/\n.halflife/\n.astro/\n_site/\n');
	input.logger.info(`init: wrote a Halflife project in ${dir}`);
	if (input.lock) await writeLockfile(dir, spec, input.logger);
	return spec;
}

async function ensureEmpty(dir: string): Promise<void> {
	const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') return [];
		throw error;
	});
	if (entries.length > 0) {
		const shown = entries.slice(0, 3).join(', ');
		throw new HalflifeError('InitTargetNotEmpty', { params: { dir, entries: entries.length > 3 ? `${shown} and ${entries.length - 3} more` : shown } });
	}
}

// A folder given by path (a checkout of Halflife) is written relative to the project, so the two can move together.
function dependencySpec(from: string | undefined, dir: string): string {
	if (!from) return `^${packageVersion()}`;
	const isPath = /^(\.{0,2}\/|[A-Za-z]:\\)/.test(from);
	if (!isPath || from.startsWith('file:')) return from;
	return `file:${path.relative(dir, path.resolve(from)).split(path.sep).join('/')}`;
}

function packageVersion(): string {
	return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function projectManifest(dir: string, spec: string) {
	// Running on the npm package `node` (no new enough system Node here), the project pins it too,
	// so its own `npm run` and `npx halflife` work on this machine as init did.
	const pinnedNode = /[\\/]node_modules[\\/]node[\\/]/.test(process.execPath) ? process.versions.node : null;
	return {
		name: path.basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '') || 'knowledge-base',
		private: true,
		type: 'module',
		scripts: { build: 'halflife build', check: 'halflife check', serve: 'halflife serve', diff: 'halflife diff' },
		dependencies: { halflife: spec },
		...(pinnedNode ? { devDependencies: { node: `^${pinnedNode}` } } : {}),
		// Install scripts npm runs: Halflife's `prepare` compiles it when installed from git; esbuild
		// (Astro's) checks its binary; the pinned Node downloads itself.
		allowScripts: { halflife: true, esbuild: true, ...(pinnedNode ? { node: true } : {}) },
	};
}

function astroConfig(title: string): string {
	return [
		`// @ts-check`,
		`import halflife from 'halflife';`,
		``,
		`// Every option is described in node_modules/halflife/README.md ("Options").`,
		`export default {`,
		`\tintegrations: [`,
		`\t\thalflife({`,
		`\t\t\ttitle: ${JSON.stringify(title)},`,
		`\t\t\t// base: '/<repository>/', // for a GitHub Pages project site (the workflow passes it for you)`,
		`\t\t\t// editLink: { baseUrl: 'https://github.com/<org>/<repository>/edit/main/content/' }, // then every note links to its editor`,
		`\t\t}),`,
		`\t],`,
		`};`,
		``,
	].join('\n');
}

async function copyTemplate(from: string, to: string, values: Record<string, string>): Promise<void> {
	for (const entry of await readdir(from, { withFileTypes: true })) {
		const source = path.join(from, entry.name);
		const target = path.join(to, entry.name);
		if (entry.isDirectory()) {
			await mkdir(target, { recursive: true });
			await copyTemplate(source, target, values);
		} else {
			const text = await readFile(source, 'utf8');
			await writeFile(target, text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole));
		}
	}
}

function writeLockfile(dir: string, spec: string, logger: Logger): Promise<void> {
	logger.info('init: resolving dependencies into package-lock.json (npm install --package-lock-only)');
	return new Promise((resolve, reject) => {
		const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		// npm's output goes to stderr with the rest of the log; stdout keeps init's own summary.
		const child = spawn(npm, ['install', '--package-lock-only', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 2, 2] });
		child.once('error', (error) => reject(new HalflifeError('InitInstallFailed', { params: { dir, code: error.message, spec } })));
		child.once('exit', (code) => (code === 0 ? resolve() : reject(new HalflifeError('InitInstallFailed', { params: { dir, code: String(code), spec } }))));
	});
}

import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'astro/zod';
import type { BuildResult } from '../build.ts';
import { halflifeOptionsSchema, type HalflifeOptions } from '../config/options-schema.ts';
import { snapshotsDirOf } from '../config/paths.ts';
import { formatError, formatLocation, HalflifeError, ProblemsError, type Problem } from '../errors/halflife-error.ts';
import { countChanges } from '../model/diff-models.ts';
import { fixedNow, resolveNow } from '../lib/build-clock.ts';
import { isLiveTerminal } from '../lib/is-live-terminal.ts';
import { liveLogger } from '../lib/live-logger.ts';
import { consoleLogger, type Logger } from '../lib/logger.ts';
import { loadConfig } from './load-config.ts';
import { plural } from '../lib/plural.ts';

const HELP = `halflife: a knowledge base of a production system that shows how understanding decays

Usage: halflife <command> [options]

Commands:
  init     Write a new Halflife project into a folder: init DIR [--title TEXT] [--from SPEC]
  build    Pull telemetry, read notes, merge, and publish the site as a new version
  check    Validate notes, teams and catalogs; print every problem with file, line and column
  diff     Print what changed between two builds: diff [FROM] [TO] (default: the latest and the one before)
  export   Copy the published site, symlinks resolved, to --out DIR for a static host
  pull     Pull telemetry for the window ending at --now into a snapshot (no site is built)
  demo     Rebuild the embedded demo from scratch: six weekly builds into the site folder
  serve    Serve the published site folder on http://localhost:4321/ (--port to change)

Options:
  --root DIR       Project root, where astro.config.mjs is (default: current folder)
  --content DIR    Folder with notes/, teams/ and telemetry/ (default from config: content)
  --site DIR       Published site folder that keeps every version (default from config: dist)
  --cache-dir DIR  Working folder for snapshots, generated pages and caches (default from config: .halflife)
  --base PATH      URL path the site is served under, e.g. /docs/ for a GitHub Pages project site (default from config: /)
  --now ISO        The build's clock, e.g. 2026-11-23T00:00:00Z (default: SOURCE_DATE_EPOCH, else now)
  --lock-timeout S \`build\`: seconds to wait while another build publishes into the site (default from config: 1800)
  --port N         Port for \`serve\` (default 4321)
  --no-diagrams    Do not render diagrams here; readers' browsers render them
  --publish-broken Publish even when notes have errors, marking broken notes on their pages
  --strict         \`check\`: fail on warnings too
  --json           \`build\`, \`diff\`: print a machine-readable summary (for bots and chat notifications)
  --out DIR        \`export\`: the folder to copy the site into (must be empty or missing)
  --title TEXT     \`init\`: the new site's title (default: the folder's name)
  --from SPEC      \`init\`: where the project gets Halflife: a tarball path, a git URL or a version (default: ^this version)
  --no-install     \`init\`: write the files only, without resolving package-lock.json
  --quiet          Only print warnings and errors
  -h, --help       Show this help; \`halflife <command> --help\` shows one command's

Exit codes: 0 success, 1 problems in the inputs or the command line (warnings only with --strict),
2 internal error (a bug), 3 \`build\` published, but a telemetry source failed and the site shows
the last good snapshot, marked stale (CI can warn and keep the site).

Every other setting lives in the halflife() options in astro.config.mjs (see the README's table).
`;

// Per command: its usage, the flags it reads, and the astro.config.mjs options that shape it.
const COMMAND_HELP: Record<string, string> = {
	init: `halflife init DIR [--title TEXT] [--from SPEC] [--no-install]

Writes a ready project into DIR (missing or empty): content/ with a team, a note and a README,
public/ for the site's own static files, astro.config.mjs with the halflife() integration,
package.json depending on Halflife (--from: a tarball path, a git URL or a version range), the
GitHub Actions and GitLab CI pipelines, and .gitignore; then resolves the dependencies into
package-lock.json (--no-install skips it). Then: cd DIR && npm ci && npm run build.
`,
	build: `halflife build [--root DIR] [--content DIR] [--site DIR] [--cache-dir DIR] [--base PATH] [--now ISO] [--lock-timeout SECONDS] [--no-diagrams] [--publish-broken] [--json] [--quiet]

Pulls telemetry, reads notes, catalogs and deploys, merges, and publishes one new version.
Reads from astro.config.mjs: title, content, site, base, cacheDir, lockTimeoutSeconds, windowDays, staleAfterDays,
telemetry.*, notes.*, catalogs.paths, owners.departed, confidence.*, deploys.paths, retention.keepVersions,
maxDiagramNeighbours, start.*, editLink.baseUrl, and for the site's look components, customCss and favicon.
Exit 0 published, 1 bad input (the site is left as it was), 3 published with stale telemetry.
When another build is publishing into the same site, this one says so and waits its turn, up to
--lock-timeout SECONDS (0: fail at once), then fails naming that build. Builds that wait together
publish in the order of their --now; without --now (or SOURCE_DATE_EPOCH) a build's clock is the
time it gets its turn. On a terminal one status line shows the long stages' progress; in CI (CI=true),
when stderr is piped, or with --json or --quiet, output is plain lines only.
`,
	check: `halflife check [--root DIR] [--content DIR] [--now ISO] [--strict]

Lists every problem in notes, teams, catalogs and deploy events, with file, line and column.
Reads: content, notes.*, catalogs.paths, owners.departed, deploys.paths (and the last snapshot in cacheDir).
Exit 0 clean, 1 errors (or warnings with --strict).
`,
	diff: `halflife diff [FROM] [TO] [--site DIR] [--json]

What changed between two published builds; one id compares it with the build before it, none
compares the latest with the one before.
`,
	export: `halflife export --out DIR [--site DIR]

Copies the published site with its symlinks resolved, for static hosts that do not follow them.
`,
	pull: `halflife pull [--content DIR] [--cache-dir DIR] [--now ISO]

Pulls telemetry for the window ending at --now into <cacheDir>/snapshots/<content>-<hash>/<id>.json; a bad input
leaves the last snapshot as it was. Reads: telemetry.*, windowDays.
`,
	demo: `halflife demo [--site DIR] [--base PATH] [--no-diagrams]

Rebuilds the embedded Basketful demo from scratch as six weekly builds.
`,
	serve: `halflife serve [--site DIR] [--base PATH] [--port N]

Serves the published site folder on http://localhost:4321/, under the site's base (config: base).
`,
};

/** Exit code of a build that published with a failed telemetry source: not a failure, not all well. */
export const EXIT_DEGRADED = 3;

/** Runs the `halflife` command with its arguments; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
	let args;
	try {
		args = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				root: { type: 'string' },
				content: { type: 'string' },
				site: { type: 'string' },
				'cache-dir': { type: 'string' },
				'lock-timeout': { type: 'string' },
				base: { type: 'string' },
				now: { type: 'string' },
				'no-diagrams': { type: 'boolean' },
				'publish-broken': { type: 'boolean' },
				strict: { type: 'boolean' },
				json: { type: 'boolean' },
				out: { type: 'string' },
				title: { type: 'string' },
				from: { type: 'string' },
				'no-install': { type: 'boolean' },
				quiet: { type: 'boolean' },
				port: { type: 'string' },
				help: { type: 'boolean', short: 'h' },
			},
		});
	} catch (error) {
		return report(new HalflifeError('UsageError', { params: { detail: (error as Error).message } }));
	}
	const { values, positionals } = args;
	const command = positionals[0];
	if (values.help && command && COMMAND_HELP[command]) {
		process.stdout.write(COMMAND_HELP[command]);
		return 0;
	}
	if (values.help || !command) {
		process.stdout.write(HELP);
		return command || values.help ? 0 : 1;
	}
	// A status line redrawn in place is for a person at a terminal; CI logs, pipes, --quiet and --json get plain lines.
	const live = !values.quiet && !values.json && isLiveTerminal(process.stderr, process.env) ? liveLogger(process.stderr) : undefined;
	const logger = live ?? consoleLogger({ quiet: values.quiet ?? false });
	try {
		// A new project has no config yet: init is the one command that does not read one.
		if (command === 'init') return await init(positionals, values, logger);
		const root = path.resolve(values.root ?? '.');
		const config = await loadConfig(root);
		const options: HalflifeOptions = {
			...config,
			...(values.content ? { content: values.content } : {}),
			...(values.site ? { site: values.site } : {}),
			...(values['cache-dir'] ? { cacheDir: values['cache-dir'] } : {}),
			...(values.base !== undefined ? { base: parseFlag('--base', halflifeOptionsSchema.shape.base, values.base) } : {}),
			...(values['publish-broken'] ? { notes: { ...config.notes, publishBroken: true } } : {}),
			...(values['lock-timeout'] !== undefined ? { lockTimeoutSeconds: parseFlag('--lock-timeout', LOCK_TIMEOUT, values['lock-timeout']) } : {}),
		};
		switch (command) {
			case 'build': {
				// Commands load what they need when they run: `check` and `--help` should not wait for Astro.
				const { runBuild } = await import('../build.ts');
				const result = await runBuild({
					root,
					options,
					now: fixedNow(values.now),
					logger,
					...(values['no-diagrams'] ? { browser: null } : {}),
				});
				printProblems(result.warnings);
				if (values.json) process.stdout.write(`${JSON.stringify(buildSummary(result), null, 2)}\n`);
				else process.stdout.write(`Published build ${result.id}: open ${path.join(result.siteDir, 'index.html')} or serve ${result.siteDir}\n`);
				if (result.degraded) {
					process.stderr.write(`halflife: published with stale telemetry (exit code ${EXIT_DEGRADED}): ${result.degraded.reason}\n`);
					return EXIT_DEGRADED;
				}
				return 0;
			}
			case 'demo': {
				const { buildDemo } = await import('../demo/build-demo.ts').catch((error: NodeJS.ErrnoException) => {
					// An installed copy ships neither the demo's generators nor its content.
					if (error.code === 'ERR_MODULE_NOT_FOUND') throw new HalflifeError('DemoNotInstalled');
					throw error;
				});
				const results = await buildDemo({ root, options, logger, ...(values['no-diagrams'] ? { browser: null } : {}) });
				const siteDir = results.at(-1)!.siteDir;
				const serve = values.site ? `npx halflife serve --site ${values.site}` : 'npm run serve';
				process.stdout.write(
					`Built the demo as ${results.length} versions into ${siteDir}.\nServe it with \`${serve}\` and open http://localhost:4321/\n`,
				);
				return 0;
			}
			case 'serve': {
				const { serveSite } = await import('../publish/serve-site.ts');
				const port = values.port ?? '4321';
				if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
					throw new HalflifeError('UsageError', { params: { detail: `--port takes a number from 0 to 65535, not \`${port}\`.` } });
				}
				const { url } = await serveSite(path.resolve(root, options.site), Number(port), undefined, options.base);
				process.stdout.write(`Serving ${path.resolve(root, options.site)} at ${url}/ (Ctrl-C to stop)\n`);
				await new Promise(() => {});
				return 0;
			}
			case 'pull': {
				const { pull } = await import('../build.ts');
				const { buildIdOf } = await import('../lib/build-clock.ts');
				const now = resolveNow(values.now);
				const cacheDir = path.resolve(root, options.cacheDir);
				const id = buildIdOf(now);
				const snapshot = await pull(path.resolve(root, options.content), cacheDir, id, now, options, logger);
				if (!snapshot) return report(new HalflifeError('TelemetryNotFound', { params: { pattern: options.telemetry.paths.join(' or ') } }));
				const { telemetryProblems } = await import('../sources/telemetry-problems.ts');
				printProblems(telemetryProblems(snapshot));
				process.stdout.write(
					`Pulled ${snapshot.stats.spans} spans and ${snapshot.edges.length} edges between ${snapshot.services.length} services into ${path.join(snapshotsDirOf(cacheDir, path.resolve(root, options.content)), `${id}.json`)}\n`,
				);
				return 0;
			}
			case 'diff': {
				if (positionals.length > 3) throw new HalflifeError('UsageError', { params: { detail: '`diff` takes at most two build ids: diff [FROM] [TO].' } });
				const { runDiff } = await import('../diff.ts');
				const { formatChanges } = await import('../model/format-changes.ts');
				// One id means "compare this build with the one before it".
				const [first, second] = positionals.slice(1);
				const result = await runDiff({ siteDir: path.resolve(root, options.site), ...(second ? { from: first, to: second } : { to: first }) });
				process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatChanges(result.changes, result.from, result.to));
				return 0;
			}
			case 'export': {
				if (!values.out) throw new HalflifeError('UsageError', { params: { detail: '`export` needs --out DIR, the folder to copy the site into.' } });
				const { exportSite } = await import('../publish/export-site.ts');
				const siteDir = path.resolve(root, options.site);
				const outDir = path.resolve(values.out);
				await exportSite(siteDir, outDir);
				process.stdout.write(`Exported ${siteDir} to ${outDir}\n`);
				return 0;
			}
			case 'check': {
				const { runCheck } = await import('../check.ts');
				const problems = await runCheck({ root, options, now: values.now ? resolveNow(values.now) : undefined });
				printProblems(problems);
				const errors = problems.filter((p) => p.severity === 'error').length;
				const warnings = problems.length - errors;
				process.stdout.write(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}${values.strict && warnings > 0 ? ' (--strict: warnings fail)' : ''}\n`);
				return errors > 0 || (values.strict && warnings > 0) ? 1 : 0;
			}
			default:
				return report(new HalflifeError('UsageError', { params: { detail: `Unknown command \`${command}\`.` } }));
		}
	} catch (error) {
		// A failed stage can leave another running (Astro beside the diagrams): its line must not sit under the error.
		live?.close();
		if (error instanceof ProblemsError) {
			printProblems(error.problems);
			process.stderr.write('The build stopped before publishing: the site was left as it was. Fix the errors above and run again.\n');
			return 1;
		}
		if (error instanceof HalflifeError) return report(error);
		process.stderr.write(
			`halflife: internal error. This is a bug in Halflife; please report it with the output below.\n${(error as Error).stack ?? String(error)}\n`,
		);
		return 2;
	}
}

async function init(positionals: string[], values: { title?: string | undefined; from?: string | undefined; 'no-install'?: boolean | undefined; now?: string | undefined }, logger: Logger): Promise<number> {
	const dir = positionals[1];
	if (!dir || positionals.length > 2) throw new HalflifeError('UsageError', { params: { detail: '`init` takes one folder: init DIR.' } });
	const { initProject } = await import('../init/init-project.ts');
	const spec = await initProject({ dir, title: values.title, from: values.from, now: resolveNow(values.now), lock: !values['no-install'], logger });
	const next = `cd ${dir} && npm ${values['no-install'] ? 'install' : 'ci'} && npm run build`;
	process.stdout.write(`Wrote a Halflife project in ${path.resolve(dir)} (halflife: ${spec}).\nNext: ${next}, then npm run serve.\n`);
	return 0;
}

// What a bot needs to know about a build, without the whole model.
function buildSummary(result: BuildResult) {
	return {
		id: result.id,
		siteDir: result.siteDir,
		summary: result.model.summary,
		changes: { count: countChanges(result.changes), ...result.changes },
		degraded: result.degraded,
		// What telemetry the build saw: its window, how much fell in it, what was skipped.
		telemetry: result.model.telemetry,
		warnings: result.warnings.map((p) => ({ severity: p.severity, name: p.error.name, where: formatLocation(p.error.location), message: p.error.message })),
		timingsMs: result.timings,
	};
}

// Seconds on the command line, held to the option's own schema.
const LOCK_TIMEOUT = z
	.string()
	.regex(/^\d+$/, 'takes a whole number of seconds (0: do not wait)')
	.transform(Number)
	.pipe(halflifeOptionsSchema.shape.lockTimeoutSeconds.unwrap());

// A flag overrides an option after the config was validated, so it is held to the option's own schema.
function parseFlag<T>(flag: string, schema: z.ZodType<T>, value: string): T {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	throw new HalflifeError('UsageError', { params: { detail: `${flag} ${parsed.error.issues.map((issue) => issue.message).join('; ')}, not \`${value}\`.` } });
}

function report(error: HalflifeError): number {
	process.stderr.write(`${formatError(error)}\n`);
	return 1;
}

function printProblems(problems: Problem[]): void {
	for (const problem of problems) process.stderr.write(`${formatError(problem.error, problem.severity)}\n`);
}

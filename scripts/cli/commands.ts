import { existsSync } from 'node:fs';
import path from 'node:path';
import { snapshotsDirOf } from '../config/paths.ts';
import type { HalflifeOptions } from '../config/options-schema.ts';
import { HalflifeError } from '../errors/halflife-error.ts';
import { fixedNow, resolveNow } from '../lib/build-clock.ts';
import { formatBytes } from '../lib/format-bytes.ts';
import type { Logger } from '../lib/logger.ts';
import { plural } from '../lib/plural.ts';
import type { FlagValues } from './flags.ts';
import { buildSummary, EXIT_DEGRADED, printProblems, report } from './output.ts';

/** What a command runs with: the project, its options with the flags applied, and where to report. */
export interface CommandContext {
	root: string;
	options: HalflifeOptions;
	values: FlagValues;
	/** The positional arguments after the command's name. */
	args: string[];
	logger: Logger;
}

// Commands load what they need when they run: `check` and `--help` should not wait for Astro.

async function build({ root, options, values, logger }: CommandContext): Promise<number> {
	const { runBuild } = await import('../build.ts');
	const result = await runBuild({ root, options, now: fixedNow(values.now), logger, ...(values['no-diagrams'] ? { browser: null } : {}) });
	printProblems(result.warnings);
	if (values.json) process.stdout.write(`${JSON.stringify(buildSummary(result), null, 2)}\n`);
	// The pages link from the site's root, so they read through a server, not from the file system.
	else process.stdout.write(`Published build ${result.id} into ${result.siteDir}: serve it with \`npx halflife serve${values.site ? ` --site ${values.site}` : ''}\` and open http://localhost:4321/\n`);
	if (!result.degraded) return 0;
	process.stderr.write(`halflife: published with stale telemetry (exit code ${EXIT_DEGRADED}): ${result.degraded.reason}\n`);
	return EXIT_DEGRADED;
}

async function demo({ root, options, values, logger }: CommandContext): Promise<number> {
	const { buildDemo } = await import('../demo/build-demo.ts').catch((error: NodeJS.ErrnoException) => {
		// An installed copy ships neither the demo's generators nor its content.
		if (error.code === 'ERR_MODULE_NOT_FOUND') throw new HalflifeError('DemoNotInstalled');
		throw error;
	});
	const results = await buildDemo({ root, options, logger, ...(values['no-diagrams'] ? { browser: null } : {}) });
	const serve = values.site ? `npx halflife serve --site ${values.site}` : 'npm run serve';
	process.stdout.write(`Built the demo as ${results.length} versions into ${results.at(-1)!.siteDir}.\nServe it with \`${serve}\` and open http://localhost:4321/\n`);
	return 0;
}

async function serve({ root, options, values }: CommandContext): Promise<number> {
	const { serveSite } = await import('../publish/serve-site.ts');
	const port = values.port ?? '4321';
	if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
		throw new HalflifeError('UsageError', { params: { detail: `--port takes a number from 0 to 65535, not \`${port}\`.` } });
	}
	const siteDir = path.resolve(root, options.site);
	const { url } = await serveSite(siteDir, Number(port), undefined, options.base);
	process.stdout.write(`Serving ${siteDir} at ${url}/ (Ctrl-C to stop)\n`);
	return new Promise(() => {});
}

async function pull({ root, options, values, logger }: CommandContext): Promise<number> {
	const { pull: pullSnapshot } = await import('../build.ts');
	const { buildIdOf } = await import('../lib/build-clock.ts');
	const { telemetryProblems } = await import('../sources/telemetry-problems.ts');
	const now = resolveNow(values.now);
	const cacheDir = path.resolve(root, options.cacheDir);
	const contentDir = path.resolve(root, options.content);
	const id = buildIdOf(now);
	const snapshot = await pullSnapshot(contentDir, cacheDir, id, now, options, logger);
	if (!snapshot) return report(new HalflifeError('TelemetryNotFound', { params: { pattern: options.telemetry.paths.join(' or ') } }));
	printProblems(telemetryProblems(snapshot));
	const file = path.join(snapshotsDirOf(cacheDir, contentDir), `${id}.json`);
	process.stdout.write(`Pulled ${plural(snapshot.stats.spans, 'span')} and ${plural(snapshot.edges.length, 'edge')} between ${plural(snapshot.services.length, 'service')} into ${file}\n`);
	return 0;
}

async function diff({ root, options, values, args }: CommandContext): Promise<number> {
	if (args.length > 2) throw new HalflifeError('UsageError', { params: { detail: '`diff` takes at most two build ids: diff [FROM] [TO].' } });
	const { runDiff } = await import('../diff.ts');
	const { formatChanges } = await import('../model/format-changes.ts');
	// One id means "compare this build with the one before it".
	const [first, second] = args;
	const result = await runDiff({ siteDir: path.resolve(root, options.site), shifts: options.shifts, ...(second ? { from: first, to: second } : { to: first }) });
	process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatChanges(result.changes, result.from, result.to));
	return 0;
}

async function review({ root, options, values, args }: CommandContext): Promise<number> {
	if (args.length > 0) throw new HalflifeError('UsageError', { params: { detail: '`review` takes no arguments: review [--team ID] [--json].' } });
	const { runReview } = await import('../review.ts');
	const { formatReview } = await import('../model/format-review.ts');
	const result = await runReview({ siteDir: path.resolve(root, options.site), team: values.team });
	process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatReview(result));
	return 0;
}

// Past this share of `retention.maxSiteBytes`, export warns: time to lower retention before the host refuses the site.
const SIZE_WARNING_SHARE = 0.8;

async function exportCommand({ root, options, values, logger }: CommandContext): Promise<number> {
	if (!values.out) throw new HalflifeError('UsageError', { params: { detail: '`export` needs --out DIR, the folder to copy the site into.' } });
	const { exportSite } = await import('../publish/export-site.ts');
	const { lockSite } = await import('../publish/lock-site.ts');
	const siteDir = path.resolve(root, options.site);
	const outDir = path.resolve(values.out);
	// A build publishing meanwhile would remove the copy being read: export takes its turn like a build.
	const release = existsSync(siteDir) ? await lockSite(siteDir, logger, { timeoutMs: options.lockTimeoutSeconds * 1000, clock: null }) : null;
	const limit = options.retention.maxSiteBytes;
	let exported: Awaited<ReturnType<typeof exportSite>>;
	try {
		exported = await exportSite(siteDir, outDir, limit);
	} finally {
		await release?.();
	}
	if (limit !== null && exported.bytes > limit * SIZE_WARNING_SHARE) {
		const params = { size: formatBytes(exported.bytes), limit: formatBytes(limit), share: `${Math.round((100 * exported.bytes) / limit)}%` };
		printProblems([{ severity: 'warning', error: new HalflifeError('SiteNearSizeLimit', { params }) }]);
	}
	process.stdout.write(`Exported ${siteDir} to ${outDir}: ${plural(exported.files, 'file')}, ${formatBytes(exported.bytes)}${limit === null ? '' : ` of the ${formatBytes(limit)} limit`}\n`);
	return 0;
}

async function check({ root, options, values }: CommandContext): Promise<number> {
	const { runCheck } = await import('../check.ts');
	// The clock a build would take, so check flags the same reviews after it as build does.
	const problems = await runCheck({ root, options, now: resolveNow(values.now) });
	printProblems(problems);
	const errors = problems.filter((p) => p.severity === 'error').length;
	const warnings = problems.length - errors;
	process.stdout.write(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}${values.strict && warnings > 0 ? ' (--strict: warnings fail)' : ''}\n`);
	return errors > 0 || (values.strict && warnings > 0) ? 1 : 0;
}

/** The commands that work on a project, by name; each returns its exit code. */
export const COMMANDS: Record<string, (context: CommandContext) => Promise<number>> = { build, check, diff, export: exportCommand, pull, demo, review, serve };

/** `halflife init DIR`: the one command that runs outside a project, since it makes one. */
export async function init(args: string[], values: FlagValues, logger: Logger): Promise<number> {
	const [dir] = args;
	if (!dir || args.length > 1) throw new HalflifeError('UsageError', { params: { detail: '`init` takes one folder: init DIR.' } });
	const { initProject } = await import('../init/init-project.ts');
	const spec = await initProject({ dir, title: values.title, from: values.from, now: resolveNow(values.now), lock: !values['no-install'], logger });
	const next = `cd ${dir} && npm ${values['no-install'] ? 'install' : 'ci'} && npm run build`;
	process.stdout.write(`Wrote a Halflife project in ${path.resolve(dir)} (halflife: ${spec}).\nNext: ${next}, then npm run serve.\n`);
	return 0;
}

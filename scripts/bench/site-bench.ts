// The site part of `npm run bench`: builds a generated organisation with Halflife, cold and warm,
// and a plain Astro site of the same pages as the baseline, all in this one run, and prints
// each figure beside the goals set for that size. Figures are wall-clock seconds and peak RSS of
// each process and the stage timings each build logs; the bytes each warm build adds to the
// published site and the size of its export; the service pages' weight; then the tallest and the
// heaviest page of each kind of both sites, measured in Chromium, beside the page budgets.
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDirOf } from '../config/paths.ts';
import { exportSite } from '../publish/export-site.ts';
import { plural } from '../lib/plural.ts';
import { generateOrg } from '../demo/generate-org.ts';
import { diskUsage, type DiskUsage } from '../lib/disk-usage.ts';
import { formatSiteBench, type BuildFigures, type SiteBenchFigures } from './format-site-bench.ts';
import { formatPageFigures } from './measure-pages.ts';
import { measureSite } from './measure-site.ts';
import { repoRoot as root, runMeasured as run } from './run-measured.ts';
import { servicePageWeights } from './service-page-weights.ts';
import { siteGoalsAt } from './site-goals.ts';
import { parseStageTimings } from './stage-timings.ts';
import { realData } from '../../fixtures/real-data.ts';

const minute = 60_000;
// Real data nobody here wrote: see fixtures/realdata/PROVENANCE.md.
const JAEGER_LARGE = realData('graphs/jaeger-dependencies/jaeger-ui_sample_large.json');

/** Runs the site benchmark for an organisation of `services` services with `builds` warm builds; `keep` leaves the work folder. */
export async function runSiteBench(services: number, keep: boolean, builds = 3): Promise<void> {
	const now = new Date('2026-11-23T00:00:00Z');
	const work = await mkdtemp(path.join(tmpdir(), 'halflife-bench-'));
	const content = path.join(work, 'content');
	const site = path.join(work, 'site');
	const cache = path.join(work, 'cache');
	const bin = path.join(root, 'scripts/cli/bin.mjs');
	const astroBin = path.join(path.dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');
	// Not --quiet: the build's last info line carries its stage timings.
	const halflife = (label: string, args: string[]): BuildFigures => {
		const r = run(label, [bin, ...args]);
		return { label, run: r, stages: parseStageTimings(r.stderr) };
	};

	try {
		process.stderr.write(`bench: generating a ${services}-service organisation in ${work}\n`);
		const org = await generateOrg({ services, now, dir: content });
		const build = (label: string, at: Date) => halflife(label, ['build', '--content', content, '--site', site, '--cache-dir', cache, '--now', at.toISOString()]);

		const cold = build('Halflife, cold (empty caches, diagrams included)', now);
		const siteAfterCold = await diskUsage(site);
		const pages = path.join(buildDirOf(root, { cacheDir: cache, site }), 'pages');
		const pageCount = (await readdir(pages)).length;

		// The baseline renders exactly the page files Halflife generated, with a bare layout.
		const plainRoot = path.join(root, 'scripts/bench/plain-astro');
		const plainBuild = (label: string) =>
			run(label, [astroBin, 'build', '--root', plainRoot, '--outDir', path.join(work, 'plain-out')], {
				PLAIN_PAGES_DIR: pages,
				PLAIN_CACHE_DIR: path.join(work, 'plain-cache'),
				ASTRO_TELEMETRY_DISABLED: '1',
			});
		const plainCold = plainBuild('plain Astro, cold');
		const plainWarm = plainBuild('plain Astro, warm');

		// Nothing changes between these builds but the clock: a scheduled rebuild on a quiet day.
		const { warm, siteAfterAll } = await warmBuilds(builds, (i) => build(`Halflife, warm, ${plural(i, 'earlier version')}`, new Date(now.getTime() + i * minute)), site, siteAfterCold);
		const exportDir = path.join(work, 'export');
		// Through the library with no size limit: past `retention.maxSiteBytes` (5,000 services after a few
		// builds) `halflife export` refuses, and its size is the figure to show.
		await exportSite(site, exportDir, null);
		const exported = await diskUsage(exportDir);
		await rm(exportDir, { recursive: true, force: true });

		// The real 1,238-service Jaeger graph, through the whole build, diagrams included.
		const jaeger = path.join(work, 'jaeger');
		await mkdir(path.join(jaeger, 'content', 'telemetry'), { recursive: true });
		await copyFile(JAEGER_LARGE, path.join(jaeger, 'content', 'telemetry', 'dependencies.json'));
		const jaegerArgs = ['build', '--content', path.join(jaeger, 'content'), '--site', path.join(jaeger, 'site')];
		const jaegerCold = halflife('Halflife, the real 1,238-service Jaeger graph', [...jaegerArgs, '--cache-dir', path.join(jaeger, 'cache'), '--now', now.toISOString()]);

		const figures: SiteBenchFigures = {
			services,
			spans: org.spans,
			pages: pageCount,
			teams: org.teams.length,
			plainCold,
			plainWarm,
			cold,
			warm,
			jaeger: jaegerCold,
			siteAfterCold,
			siteAfterAll,
			exported,
			servicePages: await servicePageWeights(site),
			goals: siteGoalsAt(services),
		};
		process.stdout.write(formatSiteBench(figures));
		// The tallest and heaviest page of each kind, in Chromium, beside the budgets every page must keep.
		process.stderr.write('bench: measuring the pages of both sites in Chromium\n');
		const pageFigures = [
			`Pages at ${services} services (the generated organisation, ${1 + warm.length} versions, frozen copies included):`,
			formatPageFigures(await measureSite(site)),
			'',
			'Pages on the real 1,238-service Jaeger graph:',
			formatPageFigures(await measureSite(path.join(jaeger, 'site'))),
			'',
		];
		process.stdout.write(pageFigures.join('\n'));
	} finally {
		if (keep) process.stderr.write(`bench: kept ${work}\n`);
		else await rm(work, { recursive: true, force: true });
	}
}

/** Runs warm builds 1..`builds`, weighing the site after each: what a build adds is its daily growth. */
async function warmBuilds(builds: number, build: (i: number) => BuildFigures, site: string, start: DiskUsage): Promise<{ warm: SiteBenchFigures['warm']; siteAfterAll: DiskUsage }> {
	const warm: SiteBenchFigures['warm'] = [];
	let before = start;
	for (let i = 1; i <= builds; i++) {
		const figures = build(i);
		const after = await diskUsage(site);
		warm.push({ ...figures, added: { disk: after.disk - before.disk, apparent: after.apparent - before.apparent, entries: after.entries - before.entries } });
		before = after;
	}
	return { warm, siteAfterAll: before };
}

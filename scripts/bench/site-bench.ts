// The site part of `npm run bench`: builds a generated organisation with Halflife, cold and warm,
// and a plain Astro site of the same pages as the baseline, all in this one run, and prints
// each figure beside its budget. Figures are wall-clock seconds and peak RSS of each process; then
// the tallest and the heaviest page of each kind of both sites, measured in Chromium, beside the page budgets.
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDirOf } from '../config/paths.ts';
import { plural } from '../lib/plural.ts';
import { generateOrg } from '../demo/generate-org.ts';
import { formatPageFigures } from './measure-pages.ts';
import { measureSite } from './measure-site.ts';
import { repoRoot as root, runMeasured as run, type Run } from './run-measured.ts';
import { realData } from '../../fixtures/real-data.ts';

const minute = 60_000;
// Real data nobody here wrote: see fixtures/realdata/PROVENANCE.md.
const JAEGER_LARGE = realData('graphs/jaeger-dependencies/jaeger-ui_sample_large.json');

/** Runs the site benchmark for an organisation of `services` services; `keep` leaves the work folder. */
export async function runSiteBench(services: number, keep: boolean): Promise<void> {
	const now = new Date('2026-11-23T00:00:00Z');
	const work = await mkdtemp(path.join(tmpdir(), 'halflife-bench-'));
	const content = path.join(work, 'content');
	const site = path.join(work, 'site');
	const cache = path.join(work, 'cache');
	const bin = path.join(root, 'scripts/cli/bin.mjs');
	const astroBin = path.join(path.dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');

	try {
		process.stderr.write(`bench: generating a ${services}-service organisation in ${work}\n`);
		const org = await generateOrg({ services, now, dir: content });
		const build = (label: string, at: Date) =>
			run(label, [bin, 'build', '--quiet', '--content', content, '--site', site, '--cache-dir', cache, '--now', at.toISOString()]);

		const cold = build('Halflife, cold (empty caches, diagrams included)', now);
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
		const warm: Run[] = [];
		for (let i = 1; i <= 3; i++) warm.push(build(`Halflife, warm, ${plural(i, 'earlier version')}`, new Date(now.getTime() + i * minute)));

		// The real 1,238-service Jaeger dependency graph, through the whole build, diagrams included.
		const jaeger = path.join(work, 'jaeger');
		await mkdir(path.join(jaeger, 'content', 'telemetry'), { recursive: true });
		await copyFile(JAEGER_LARGE, path.join(jaeger, 'content', 'telemetry', 'dependencies.json'));
		const jaegerArgs = ['build', '--quiet', '--content', path.join(jaeger, 'content'), '--site', path.join(jaeger, 'site')];
		const jaegerCold = run('Halflife, the real 1,238-service Jaeger graph', [bin, ...jaegerArgs, '--cache-dir', path.join(jaeger, 'cache'), '--now', now.toISOString()]);

		const ratio = warm[0]!.seconds / plainWarm.seconds;
		const growth = warm.at(-1)!.seconds / warm[0]!.seconds;
		const row = (name: string, r: Run, note = '') =>
			`${name.padEnd(46)} ${r.seconds.toFixed(1).padStart(7)} s ${r.peakRssMb.toFixed(0).padStart(7)} MB   ${note}`;
		const lines = [
			'',
			`Halflife benchmark: ${services} services (${org.spans} spans, ${pageCount} pages), ${org.teams.length} teams, Node ${process.versions.node}`,
			`${'build'.padEnd(46)} ${'time'.padStart(9)} ${'peak RSS'.padStart(10)}   budget`,
			row('baseline: plain Astro, same pages, cold', plainCold),
			row('baseline: plain Astro, same pages, warm', plainWarm),
			row('Halflife cold, diagrams included', cold, `<= 45 s: ${cold.seconds <= 45 ? 'met' : 'MISSED'}`),
			...warm.map((r, i) =>
				row(
					`Halflife warm, nothing changed, ${i + 1} earlier`,
					r,
					i === 0 ? `<= 1.3x plain warm: ${ratio.toFixed(2)}x ${ratio <= 1.3 ? 'met' : 'MISSED'}` : '',
				),
			),
			`History: warm build with 3 earlier versions takes ${growth.toFixed(2)}x the one with 1 (flat is ~1.0x).`,
			row('real Jaeger graph, 1,238 services, cold', jaegerCold),
			'',
		];
		process.stdout.write(lines.join('\n'));
		// The tallest and heaviest page of each kind, in Chromium, beside the budgets every page must keep.
		process.stderr.write('bench: measuring the pages of both sites in Chromium\n');
		const figures = [
			`Pages at ${services} services (the generated organisation, ${1 + warm.length} versions, frozen copies included):`,
			formatPageFigures(await measureSite(site)),
			'',
			'Pages on the real 1,238-service Jaeger graph:',
			formatPageFigures(await measureSite(path.join(jaeger, 'site'))),
			'',
		];
		process.stdout.write(figures.join('\n'));
	} finally {
		if (keep) process.stderr.write(`bench: kept ${work}\n`);
		else await rm(work, { recursive: true, force: true });
	}
}

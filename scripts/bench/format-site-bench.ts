import type { DiskUsage } from '../lib/disk-usage.ts';
import type { Run } from './run-measured.ts';
import type { PageWeights } from './service-page-weights.ts';
import { SITE_GOALS, verdict, type SiteGoals } from './site-goals.ts';
import { BUILD_STAGES, type StageTimings } from './stage-timings.ts';

/** One Halflife build the bench ran: its label, wall time and RSS, and the stage timings it printed. */
export interface BuildFigures {
	label: string;
	run: Run;
	stages: StageTimings | null;
}

/** Everything the site part of the bench measured in one run. */
export interface SiteBenchFigures {
	services: number;
	spans: number;
	pages: number;
	teams: number;
	plainCold: Run;
	plainWarm: Run;
	cold: BuildFigures;
	/** Warm builds, each with what it added to the published site (after minus before) and how many old versions' pages it removed. */
	warm: (BuildFigures & { added: DiskUsage; pruned: number })[];
	jaeger: BuildFigures;
	/** The published site after the cold build, and after the last warm build. */
	siteAfterCold: DiskUsage;
	siteAfterAll: DiskUsage;
	/** `halflife export` of the whole site after the last build. */
	exported: DiskUsage;
	servicePages: PageWeights;
	goals: SiteGoals;
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const kb = (bytes: number): string => `${(bytes / 1e3).toFixed(1)} kB`;
const usage = (u: DiskUsage): string => `${mb(u.disk).padStart(9)} (${mb(u.apparent)} apparent)`;

/** The site bench's figures as tables for a terminal, each beside the goal set for this size, if any. */
export function formatSiteBench(f: SiteBenchFigures): string {
	return [...timeTable(f), '', ...stageTable(f), '', ...sizeTable(f), ''].join('\n');
}

function timeTable(f: SiteBenchFigures): string[] {
	const { goals } = f;
	const ratio = f.warm[0]!.run.seconds / f.plainWarm.seconds;
	const growth = f.warm.at(-1)!.run.seconds / f.warm[0]!.run.seconds;
	const row = (name: string, r: Run, goal = '') => `${name.padEnd(46)} ${r.seconds.toFixed(1).padStart(7)} s ${r.peakRssMb.toFixed(0).padStart(7)} MB   ${goal}`;
	const warmGoal = (r: Run, i: number): string =>
		[
			i === 0 && goals.warmVsPlain !== undefined ? `<= ${goals.warmVsPlain}x plain warm: ${ratio.toFixed(2)}x ${verdict(ratio <= goals.warmVsPlain)}` : '',
			goals.warmSeconds !== undefined ? `< ${goals.warmSeconds} s: ${verdict(r.seconds < goals.warmSeconds)}` : '',
		].filter(Boolean).join('; ');
	const halflife = [f.cold, ...f.warm];
	const peak = Math.max(...halflife.map((b) => b.run.peakRssMb));
	const sizes = Object.keys(SITE_GOALS).map(Number).map((n) => n.toLocaleString('en')).join(', ');
	return [
		'',
		`Halflife benchmark: ${f.services} services (${f.spans} spans, ${f.pages} pages), ${f.teams} teams, Node ${process.versions.node}`,
		Object.keys(goals).length > 0 ? `Goals for ${f.services.toLocaleString('en')} services (issue 12) beside each figure.` : `No goals are set at ${f.services} services (only at ${sizes}).`,
		`${'build'.padEnd(46)} ${'time'.padStart(9)} ${'peak RSS'.padStart(10)}   goal`,
		row('baseline: plain Astro, same pages, cold', f.plainCold),
		row('baseline: plain Astro, same pages, warm', f.plainWarm),
		row('Halflife cold, diagrams included', f.cold.run, goals.coldSeconds !== undefined ? `< ${goals.coldSeconds} s: ${verdict(f.cold.run.seconds < goals.coldSeconds)}` : ''),
		...f.warm.map((b, i) => row(`Halflife warm, nothing changed, ${i + 1} earlier`, b.run, warmGoal(b.run, i))),
		`History: warm build with ${f.warm.length} earlier versions takes ${growth.toFixed(2)}x the one with 1 (flat is ~1.0x).`,
		...(goals.peakRssMb !== undefined ? [`Peak RSS of the Halflife builds: ${peak.toFixed(0)} MB; goal < ${goals.peakRssMb} MB: ${verdict(peak < goals.peakRssMb)}`] : []),
		row('real Jaeger graph, 1,238 services, cold', f.jaeger.run),
	];
}

function stageTable(f: SiteBenchFigures): string[] {
	const rows = [
		['Halflife cold', f.cold] as const,
		...f.warm.map((b, i) => [`Halflife warm, ${i + 1} earlier`, b] as const),
		['real Jaeger graph, cold', f.jaeger] as const,
	];
	const cell = (stages: StageTimings | null, stage: string): string => (stages?.[stage] === undefined ? '-' : `${(stages[stage] / 1000).toFixed(1)} s`);
	return [
		'Stages of each build, from its `timings:` line (diagrams and astro run side by side, so stages may add up past the wall time):',
		`  ${'build'.padEnd(30)} ${BUILD_STAGES.map((s) => s.padStart(9)).join(' ')}`,
		...rows.map(([name, b]) => `  ${name.padEnd(30)} ${BUILD_STAGES.map((s) => cell(b.stages, s).padStart(9)).join(' ')}`),
	];
}

function sizeTable(f: SiteBenchFigures): string[] {
	const { goals, servicePages: pages } = f;
	const growthGoal = (added: DiskUsage): string => (goals.growthMb === undefined ? '' : `<= ${goals.growthMb} MB a build: ${verdict(added.disk <= goals.growthMb * 1e6)}`);
	const pageGoal = goals.servicePageMedianKb === undefined ? '' : `median <= ${goals.servicePageMedianKb} kB: ${verdict(pages.median <= goals.servicePageMedianKb * 1e3)}`;
	// Until retention first removes an old version's pages, a build adds a whole frozen copy; the goal is what a build costs for good.
	const firstPrune = f.warm.findIndex((b) => b.pruned > 0);
	const growthRow = (b: SiteBenchFigures['warm'][number], i: number): string => {
		const label = `warm build ${i + 1} added`.padEnd(44);
		if (firstPrune === -1 || i < firstPrune) return `  ${label} ${usage(b.added)}   (retention keeps every copy so far: a whole copy)`;
		return `  ${label} ${usage(b.added)}   ${growthGoal(b.added)}${b.pruned > 0 ? `, removed the pages of ${b.pruned} old ${b.pruned === 1 ? 'build' : 'builds'}` : ''}`;
	};
	const steady = firstPrune === -1 ? [] : f.warm.slice(firstPrune).map((b) => b.added.disk);
	const perBuild = steady.length === 0 ? null : steady.toSorted((a, b) => a - b)[Math.floor(steady.length / 2)]!;
	return [
		'Published site on disk (as du counts it: a hard-linked file once, symbolic links not followed), default retention:',
		`  ${'after the cold build'.padEnd(44)} ${usage(f.siteAfterCold)}`,
		...f.warm.map(growthRow),
		`  ${`after ${1 + f.warm.length} builds`.padEnd(44)} ${usage(f.siteAfterAll)}`,
		`  ${'`halflife export` of the whole site'.padEnd(44)} ${usage(f.exported)}, ${f.exported.entries} files and folders`,
		perBuild === null
			? `  A year of daily builds: retention did not remove any pages in ${f.warm.length} builds; run more with --builds.`
			: `  A year of daily builds, at ${mb(perBuild)} a build once retention removes old pages: about ${mb(f.siteAfterAll.disk + 365 * perBuild)} (an upper bound: until 24 builds, each page's history chart grows, so each copy is larger than the one it replaces).`,
		`Service pages of the latest build (HTML as stored, diagram inline): ${pages.pages} pages, median ${kb(pages.median)}, max ${kb(pages.max)} ${pages.maxPath}   ${pageGoal}`,
	];
}

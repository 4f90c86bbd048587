import { rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { HalflifeOptions } from './config/options-schema.ts';
import { readBeliefs, type ReadBeliefs } from './check.ts';
import { buildDirOf, snapshotsDirOf, workDirOf } from './config/paths.ts';
import { claimWorkDir, pruneWorkDirs } from './config/prune-work-dirs.ts';
import { HalflifeError, ProblemsError, type Problem } from './errors/halflife-error.ts';
import { sortProblems } from './errors/sort-problems.ts';
import { buildIdOf, machineNowAfter } from './lib/build-clock.ts';
import type { Logger } from './lib/logger.ts';
import { stableJson } from './lib/stable-json.ts';
import { writeIfChanged } from './lib/write-file-atomic.ts';
import { teamDigest } from './model/team-digest.ts';
import { appendStepSummary, writeDigest } from './publish/publish-digest.ts';
import { diffModels, type BuildChanges } from './model/diff-models.ts';
import { checkIncidents } from './incidents/check-incidents.ts';
import { writeIncidentPages } from './render/write-incident-pages.ts';
import { checkDependencies, observedNames } from './model/check-dependencies.ts';
import { checkPinnedFlows } from './model/check-pinned-flows.ts';
import { mergeModel } from './model/merge-model.ts';
import type { Model, TelemetryDegraded } from './model/model-schema.ts';
import { lockSite } from './publish/lock-site.ts';
import { pruneVersions, versionsToPrune } from './publish/prune-versions.ts';
import { restoreHistory } from './publish/restore-history.ts';
import { weighLatest } from './publish/weigh-latest.ts';
import { BUILD_BASE, publishVersion, VERSIONS_DIR } from './publish/publish-version.ts';
import { readVersionModel, readVersionsIndex, trimVersionsIndex, type VersionEntry, type VersionsIndex } from './publish/versions-index.ts';
import { buildAstro } from './render/build-astro.ts';
import { drawDiagrams } from './render/draw-diagrams.ts';
import { mapGroups } from './render/map-groups.ts';
import { writePages } from './render/write-pages.ts';
import { pullTelemetry } from './sources/pull-telemetry.ts';
import { describeObserved } from './sources/describe-observed.ts';
import { readLatestSnapshot, writeSnapshot } from './sources/pull.ts';
import type { TelemetrySnapshot } from './sources/snapshot.ts';
import { telemetryProblems } from './sources/telemetry-problems.ts';
import { DAY_MS } from './lib/days.ts';
import { plural } from './lib/plural.ts';

// What a live display calls each stage of `runBuild` while it runs; the timings keep the short names.
const STAGE_LABELS: Record<string, string> = {
	notes: 'reading notes',
	pull: 'pulling telemetry',
	generate: 'writing pages',
	diagrams: 'diagrams',
	astro: 'astro building',
	publish: 'publishing',
};

/** Everything one build needs. */
export interface BuildInput {
	/** Project root: where astro.config.mjs is. */
	root: string;
	/** Halflife options, defaults filled. */
	options: HalflifeOptions;
	/** The build clock; when absent, the machine's time once the build holds the site (so a build that waited is dated when it ran). */
	now?: Date | undefined;
	logger: Logger;
	/** Folder whose git history dates notes and catalogs; the content folder when absent (the demo builds from a copy). */
	gitDir?: string | undefined;
	/** Chromium to render diagrams with; null to skip rendering (diagrams then render in the reader's browser). Found automatically when absent. */
	browser?: string | null | undefined;
}

/** What a build did. */
export interface BuildResult {
	/** Build id, the folder under `/v/`. */
	id: string;
	/** The published site folder. */
	siteDir: string;
	/** The merged model. */
	model: Model;
	/** What changed since the previous build. */
	changes: BuildChanges;
	/** Warnings found in the inputs, and errors when `notes.publishBroken` published anyway. */
	warnings: Problem[];
	/** Why telemetry is not this build's own when a source failed and the last good snapshot stood in; null when it is. */
	degraded: TelemetryDegraded | null;
	/** Milliseconds spent in each stage. */
	timings: Record<string, number>;
}

/**
 * Runs the whole pipeline once: pull telemetry, read notes, merge, generate pages and
 * diagrams, build the site with Astro, and publish it as a new version. Every input is
 * checked before the published site is touched: on bad input the site stays as it was.
 */
export async function runBuild(input: BuildInput): Promise<BuildResult> {
	const { root, options, logger } = input;
	const contentDir = path.resolve(root, options.content);
	const siteDir = path.resolve(root, options.site);
	const cacheDir = path.resolve(root, options.cacheDir);
	const workDir = workDirOf(root, options);
	const buildDir = buildDirOf(root, options);
	const timings: Record<string, number> = {};
	const time = async <T>(stage: string, work: (progress: (done: number, total: number) => void) => Promise<T>): Promise<T> => {
		const start = performance.now();
		const shown = logger.stage?.(STAGE_LABELS[stage] ?? stage);
		try {
			return await work((done, total) => shown?.update(done, total));
		} finally {
			shown?.end();
			timings[stage] = Math.round(performance.now() - start);
		}
	};

	// Nothing of the site, nor the working folder, is read before the lock: a build that waited reads what the one before it published.
	const release = await lockSite(siteDir, logger, { timeoutMs: options.lockTimeoutSeconds * 1000, clock: input.now ?? null });
	try {
		const versionsFile = path.join(siteDir, 'versions.json');
		// An emptied site folder (an evicted CI cache) gets its history back from the published site before anything reads it.
		if (options.history.restoreFrom !== null && !(await exists(versionsFile))) await restoreHistory({ from: options.history.restoreFrom, siteDir, logger });
		const history = await readVersionsIndex(versionsFile);
		const now = input.now ?? (await machineNowAfter(history.versions.at(-1)?.now));
		const id = buildIdOf(now);
		checkClock(history, id, now, siteDir);
		const previous = history.latest ? await readVersionModel(siteDir, history.latest) : null;

		const merged = await mergeInputs({ contentDir, cacheDir, options, now, id, gitDir: input.gitDir, previous, logger, time });
		const { content, incidents, model, problems, warnings, degraded } = merged;
		const changes = diffModels(previous, model, options.shifts);
		const listed = trimVersionsIndex({
			...history,
			latest: id,
			versions: [
				...(await weighLatest(siteDir, history)).versions,
				{ id, now: model.build.now, path: `/${VERSIONS_DIR}/${id}/`, summary: model.summary, changes, pruned: false, bytes: null, confidence: confidenceOf(model), calibration: model.calibration && { previous: model.calibration.previous, pairs: model.calibration.pairs, brier: model.calibration.brier } },
			],
		});
		// Retention is decided before Astro runs, so the versions.json it publishes already says which pages are gone.
		const prune = new Set(versionsToPrune(listed, options.retention));
		const current: VersionsIndex = { ...listed, versions: listed.versions.map((v) => (prune.has(v.id) ? { ...v, pruned: true } : v)) };
		logger.info(
			`model: ${model.summary.services} services, ${model.summary.hidden} hidden, ${model.summary.learned} learned, ${model.summary.dormant} dormant and ${model.summary.phantom} phantom dependencies, ${plural(model.incidents.length, 'incident')}`,
		);

		// Written only once the inputs are good, so a build that stops on bad input leaves no cache behind.
		await claimWorkDir(workDir, siteDir);
		await pruneWorkDirs(path.dirname(workDir));
		// The map's groups, computed once: the diagrams are drawn from them here, the map's pages read them.
		const groups = mapGroups(model);
		await time('generate', async (progress) => {
			await writeIfChanged(path.join(buildDir, 'model.json'), stableJson(model));
			await writeIfChanged(path.join(buildDir, 'history.json'), stableJson(current));
			await writeIfChanged(path.join(buildDir, 'map-groups.json'), stableJson(groups));
			const pages = await writePages(model, content.notes, path.join(buildDir, 'pages'), { format: options.notes.format, onProgress: progress });
			const reviews = await writeIncidentPages(model, incidents, path.join(buildDir, 'incidents'), { format: options.notes.format });
			logger.info(`generate: ${pages.written + reviews.written} pages written, ${pages.unchanged + reviews.unchanged} unchanged, ${pages.removed + reviews.removed} removed`);
		});
		// Pages only mark where diagrams go, so Astro builds while Chromium draws; publishing inlines them.
		const outDir = path.join(workDir, 'out');
		const [diagrams] = await Promise.all([
			time('diagrams', (progress) =>
				drawDiagrams(model, {
					cacheDir: path.join(cacheDir, 'mermaid'),
					maxNeighbours: options.maxDiagramNeighbours,
					groups,
					notes: content.notes,
					browser: input.browser,
					logger,
					onProgress: progress,
				}),
			),
			time('astro', () => buildAstro({ root, outDir, base: BUILD_BASE, buildDir, astroCacheDir: path.join(workDir, 'astro'), options, logger })),
		]);

		// Published with the build's pages, so the site's digest is always the latest build's.
		const digest = teamDigest(model, previous);
		await writeDigest(outDir, digest);
		await time('publish', () => publishVersion({ siteDir, outDir, id, diagrams, clientScript: mermaidClientScript(), base: options.base, logger }));
		// Every pruned id, not only the new ones, so a prune a killed build left half-done is finished.
		const pruned = await pruneVersions(siteDir, current.versions.filter((v) => v.pruned).map((v) => v.id));
		if (pruned > 0) logger.info(`retention: removed the pages of ${plural(pruned, 'old build')}; their models stay for charts and diffs`);
		await rm(outDir, { recursive: true, force: true });
		logger.info(`published build ${id} to ${siteDir}`);
		if (await appendStepSummary(digest)) logger.info('digest: added the review queues to the GitHub job summary');
		logger.info(`timings: ${Object.entries(timings).map(([stage, ms]) => `${stage} ${ms} ms`).join(', ')}`);
		return { id, siteDir, model, changes, warnings: options.notes.publishBroken ? problems : warnings, degraded, timings };
	} finally {
		await release();
	}
}

/** Runs one stage of a build, timing it and showing its progress; `mergeInputs` runs untimed without one. */
type StageRunner = <T>(stage: string, work: (progress: (done: number, total: number) => void) => Promise<T>) => Promise<T>;

/** What the stages before rendering make of a build's inputs. */
export interface MergedInputs {
	content: ReadBeliefs['content'];
	/** Post-incident reviews that could be read, for their pages. */
	incidents: ReadBeliefs['incidents'];
	model: Model;
	/** Every problem found in the inputs, sorted. */
	problems: Problem[];
	/** The problems that are only warnings. */
	warnings: Problem[];
	degraded: TelemetryDegraded | null;
}

/**
 * The stages of a build before anything is rendered: read notes, catalogs and deploys (stopping on
 * errors unless broken notes are published), pull telemetry (or fall back to the last good
 * snapshot), check dependencies, merge one model, and check the pinned flows against it.
 */
export async function mergeInputs(input: {
	contentDir: string;
	cacheDir: string;
	options: HalflifeOptions;
	now: Date;
	id: string;
	gitDir?: string | undefined;
	/** The previous build's model, which this one carries history from; none for `check`. */
	previous?: Model | null | undefined;
	logger: Logger;
	time?: StageRunner | undefined;
}): Promise<MergedInputs> {
	const { contentDir, cacheDir, options, now, id, logger } = input;
	const time: StageRunner = input.time ?? ((_stage, work) => work(() => {}));
	const { content, beliefs, deploys, incidents, problems: found } = await time('notes', () => readBeliefs(contentDir, options, now, input.gitDir));
	const errors = found.filter((p) => p.severity === 'error');
	if (errors.length > 0 && !options.notes.publishBroken) throw new ProblemsError(found);
	if (errors.length > 0) logger.warn(`notes: ${plural(errors.length, 'error')}; publishing anyway (notes.publishBroken), broken notes are marked on their pages`);
	logger.info(`notes: ${plural(content.notes.length, 'note')}, ${plural(beliefs.services.length, 'described service')}, ${plural(beliefs.teams.length, 'team')}`);

	const { snapshot, degraded } = await time('pull', (progress) => pullOrFallBack(contentDir, cacheDir, id, now, options, logger, progress));
	// A stand-in snapshot's files were warned about when it was pulled.
	const pulled = snapshot && !degraded ? telemetryProblems(snapshot) : [];
	const observed = observedNames(snapshot);
	const problems = sortProblems([...found, ...checkDependencies(beliefs, observed), ...checkIncidents(incidents, beliefs, observed), ...pulled]);
	const model = mergeModel(beliefs, snapshot, {
		buildId: id,
		now,
		staleAfterDays: options.staleAfterDays,
		problems,
		broken: options.notes.publishBroken ? content.broken : [],
		confidence: options.confidence,
		shifts: options.shifts,
		deploys,
		degraded,
		incidents,
		previous: input.previous ?? null,
	});
	checkPinnedFlows(model, options.start.flows);
	return { content, incidents, model, problems, warnings: problems.filter((p) => p.severity === 'warning'), degraded };
}

/**
 * The pull stage alone: every configured telemetry source for the window ending at `now`,
 * combined, and written atomically to `<cacheDir>/snapshots/<content>/<id>.json` only once it is whole,
 * so bad input never replaces a good snapshot. Null when there is no telemetry at all.
 */
export async function pull(
	contentDir: string,
	cacheDir: string,
	id: string,
	now: Date,
	options: HalflifeOptions,
	logger: Logger,
	onProgress?: (done: number, total: number) => void,
): Promise<TelemetrySnapshot | null> {
	const window = { start: new Date(now.getTime() - options.windowDays * DAY_MS), end: now };
	const snapshot = await pullTelemetry(options.telemetry, { contentDir, now, window, logger }, onProgress);
	if (!snapshot) return null;
	await writeSnapshot(path.join(snapshotsDirOf(cacheDir, contentDir), `${id}.json`), snapshot);
	const calls = snapshot.edges.reduce((sum, edge) => sum + edge.calls, 0);
	logger.info(`pull: ${describeObserved({ ...snapshot.stats, calls })}, ${plural(snapshot.services.length, 'service')}`);
	return snapshot;
}

/**
 * The pull stage of a build: a telemetry backend that is down, too slow, or answers half a
 * result does not stop the build. It goes on from the last good snapshot (or without telemetry when there is none),
 * and says so on every page; bad files and missing credentials are still errors, because
 * only a person can fix those.
 */
async function pullOrFallBack(...args: Parameters<typeof pull>): Promise<{ snapshot: TelemetrySnapshot | null; degraded: TelemetryDegraded | null }> {
	const [contentDir, cacheDir, , , , logger] = args;
	try {
		return { snapshot: await pull(...args), degraded: null };
	} catch (error) {
		if (!(error instanceof HalflifeError && (error.name === 'TelemetryUnavailable' || error.name === 'TelemetryPartial'))) throw error;
		const last = await readLatestSnapshot(snapshotsDirOf(cacheDir, contentDir));
		logger.warn(
			`${error.message} ${last ? `Going on from the last good snapshot, pulled ${last.pulledAt}.` : 'No earlier snapshot to go on from: building from notes alone.'} Every page will say telemetry is stale.`,
		);
		return { snapshot: last, degraded: { reason: error.message, lastGoodPull: last?.pulledAt ?? null } };
	}
}

// Whether a file is there, through symlinks: a root symlink to a latest copy that is gone counts as missing.
async function exists(file: string): Promise<boolean> {
	try {
		await stat(file);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
		throw error;
	}
}

function checkClock(history: VersionsIndex, id: string, now: Date, siteDir: string): void {
	if (history.versions.some((v) => v.id === id)) {
		throw new HalflifeError('VersionExists', { params: { id, site: siteDir } });
	}
	const last = history.versions.at(-1);
	if (last && Date.parse(last.now) > now.getTime()) {
		throw new HalflifeError('NowBeforePrevious', { params: { now: now.toISOString(), previous: last.now } });
	}
}

// What the charts need of each build, small enough to keep for every build in versions.json.
function confidenceOf(model: Model): VersionEntry['confidence'] {
	return {
		system: model.summary.confidence,
		teams: Object.fromEntries(model.teams.map((team) => [team.id, team.confidence])),
		services: Object.fromEntries(
			model.services.flatMap((s) => (s.confidence ? [[s.name, { confidence: s.confidence.confidence, slug: s.slug, ...(s.instances !== null ? { instances: s.instances } : {}) }]] : [])),
		),
	};
}

// Mermaid's browser bundle, for diagrams the reader's browser has to render.
function mermaidClientScript(): string {
	const require = createRequire(import.meta.url);
	return path.join(path.dirname(require.resolve('mermaid/package.json')), 'dist', 'mermaid.min.js');
}

import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mergeInputs } from '../build.ts';
import { loadConfig } from '../cli/load-config.ts';
import { halflifeOptionsSchema } from '../config/options-schema.ts';
import { prepareDemoContent } from '../demo/build-demo.ts';
import { DEMO_BUILDS } from '../demo/demo-org.ts';
import { buildIdOf } from '../lib/build-clock.ts';
import { memoryLogger } from '../lib/logger.ts';
import type { Model } from '../model/model-schema.ts';
import { nezhaToOtlp } from '../model/test-helpers/nezha-otlp.ts';
import { readDeploys, type DeployEvent } from '../sources/deploys/read-deploys.ts';

/** A sequence of builds' models, each merged with the one before as its previous, and the deploy events their scores read. */
export interface BuildSequence {
	name: string;
	models: Model[];
	deploys: DeployEvent[];
}

/** The demo's six weekly builds, merged by the build's own stages from the repository's `content/` (no Astro). */
export async function demoBuilds(root: string): Promise<BuildSequence> {
	const contentDir = path.join(root, 'content');
	const base = await loadConfig(root);
	const workDir = await mkdtemp(path.join(tmpdir(), 'halflife-calibrate-demo-'));
	try {
		const models: Model[] = [];
		let deploys: DeployEvent[] = [];
		for (const [index, build] of DEMO_BUILDS.entries()) {
			const content = path.join(workDir, 'content');
			await prepareDemoContent(contentDir, content, index, base.windowDays);
			const options = { ...base, content, site: path.join(workDir, 'site'), cacheDir: path.join(workDir, 'cache') };
			const now = new Date(build);
			const { model } = await mergeInputs({ contentDir: content, cacheDir: options.cacheDir, options, now, id: buildIdOf(now), gitDir: contentDir, previous: models.at(-1) ?? null, logger: memoryLogger() });
			models.push(model);
			deploys = (await readDeploys(content, options.deploys.paths)).events;
		}
		return { name: 'demo', models, deploys };
	} finally {
		await rm(workDir, { recursive: true, force: true });
	}
}

/**
 * One build per capture of a folder of Nezha trace CSVs, oldest first. Real captures come with no
 * notes, so each build's notes declare what the build before it saw, reviewed that day, as a team
 * that wrote its notes from what it saw would: the question is then whether a dependency declared
 * and seen last build is seen in this one.
 */
export async function captureBuilds(folder: string): Promise<BuildSequence> {
	const files = (await readdir(folder)).filter((f) => f.endsWith('_trace.csv.gz')).sort();
	const workDir = await mkdtemp(path.join(tmpdir(), 'halflife-calibrate-captures-'));
	try {
		const models: Model[] = [];
		for (const file of files) {
			const content = path.join(workDir, 'content');
			await rm(content, { recursive: true, force: true });
			await mkdir(path.join(content, 'telemetry'), { recursive: true });
			await mkdir(path.join(content, 'notes'), { recursive: true });
			const capture = nezhaToOtlp(path.join(folder, file));
			await writeFile(path.join(content, 'telemetry', 'spans.jsonl'), capture.jsonl);
			const previous = models.at(-1) ?? null;
			if (previous) await writeNotesFrom(previous, path.join(content, 'notes'));
			const options = halflifeOptionsSchema.parse({ content, site: path.join(workDir, 'site'), cacheDir: path.join(workDir, 'cache') });
			// Built a minute after the capture's last span, as the fault tests build theirs.
			const now = new Date(Math.ceil(capture.lastMs / 1000) * 1000 + 60_000);
			const { model } = await mergeInputs({ contentDir: content, cacheDir: options.cacheDir, options, now, id: buildIdOf(now), previous, logger: memoryLogger() });
			models.push(model);
		}
		return { name: path.basename(folder), models, deploys: [] };
	} finally {
		await rm(workDir, { recursive: true, force: true });
	}
}

// A note per caller the model saw, declaring every call it saw, reviewed on the model's build day.
async function writeNotesFrom(model: Model, notesDir: string): Promise<void> {
	const reviewed = model.build.now.slice(0, 10);
	await mkdir(path.join(notesDir, '..', 'teams'), { recursive: true });
	await writeFile(path.join(notesDir, '..', 'teams', 'trainticket.md'), '---\nname: TrainTicket\n---\n\nEvery service of the capture.\n');
	const callees = new Map<string, string[]>();
	for (const edge of model.edges.filter((e) => e.observed)) callees.set(edge.from, [...(callees.get(edge.from) ?? []), edge.to]);
	for (const [service, to] of callees) {
		// Names come from the capture's pod names, folded by the build's naming rules: quoted as YAML strings, file names from the slug.
		const slug = model.services.find((s) => s.name === service)?.slug ?? service.replace(/[^a-z0-9-]/g, '-');
		const lines = ['---', `service: ${JSON.stringify(service)}`, `owner: trainticket`, `reviewed: ${reviewed}`, 'dependsOn:', ...to.map((name) => `  - ${JSON.stringify(name)}`), '---', '', `Written from the calls build ${model.build.id} saw.`, ''];
		await writeFile(path.join(notesDir, `${slug}.md`), lines.join('\n'));
	}
}

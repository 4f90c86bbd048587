import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { emptyCatalog } from '../../catalogs/empty-catalog.ts';
import { describeServices } from '../../model/describe-services.ts';
import { diffModels } from '../../model/diff-models.ts';
import { mergeModel } from '../../model/merge-model.ts';
import { BUILD_BASE } from '../publish-version.ts';
import { versionEntrySchema, type VersionsIndex } from '../versions-index.ts';

/** One build of a test site: its id, clock, and the service pages it has. */
export interface TestBuild {
	id: string;
	now: string;
	services: readonly string[];
}

/**
 * For tests: writes Astro's output for the last of `builds` the way the site builds it (base
 * BUILD_BASE, frozen banner, diagram markers), about as many files as a small organisation's site:
 * a page per service and per team, the overview, map and builds pages, stylesheets, scripts, a
 * font, the build's model and a versions.json that lists every build. Returns the folder.
 */
export async function writeAstroOutput(dir: string, builds: readonly TestBuild[]): Promise<string> {
	const build = builds.at(-1)!;
	const out = path.join(dir, `out-${build.id}`);
	const teams = Array.from({ length: 12 }, (_, i) => `team-${i}`);
	const page = async (route: string, title: string, links: readonly string[]) => {
		const body = [
			'<!doctype html><html lang="en"><head><meta charset="utf-8">',
			`<title>${title} · Halflife</title><link rel="stylesheet" href="${BUILD_BASE}_astro/site.${build.id}.css">`,
			`<script type="module" src="${BUILD_BASE}_astro/page.${build.id}.js"></script></head><body>`,
			`<header><a href="${BUILD_BASE}">Overview</a> <a href="${BUILD_BASE}map/">Map</a> <a href="${BUILD_BASE}builds/">Builds</a></header>`,
			`<!--halflife:frozen--><p class="banner">You are reading build ${build.id}. <a href="/">Latest</a></p><!--/halflife:frozen-->`,
			`<main data-pagefind-body><h1>${title}</h1>`,
			`<p>${title} as of build ${build.id} (${build.now}). ${'Owned, observed and described in the notes. '.repeat(20)}</p>`,
			`<div class="diagram"><!--halflife:diagram:${route.replaceAll('/', '-') || 'overview'}--></div>`,
			'<ul>',
			...links.map((link) => `<li><a href="${BUILD_BASE}${link}">${link}</a></li>`),
			'</ul></main></body></html>',
		].join('\n');
		await mkdir(path.join(out, route), { recursive: true });
		await writeFile(path.join(out, route, 'index.html'), body);
	};
	const services = build.services;
	await page('', 'Overview', [...services.slice(0, 40).map((s) => `services/${s}/`), 'teams/']);
	await page('map', 'Map', services.map((s) => `services/${s}/`));
	await page('builds', 'Builds', []);
	await page('search', 'Search', []);
	await page('services', 'Services', services.map((s) => `services/${s}/`));
	await page('teams', 'Teams', teams.map((t) => `teams/${t}/`));
	for (let i = 0; i < services.length; i += 25) {
		await Promise.all(
			services.slice(i, i + 25).map((s, j) => {
				const next = services[(i + j + 1) % services.length]!;
				return page(`services/${s}`, s, [`services/${next}/`, `teams/${teams[(i + j) % teams.length]!}/`]);
			}),
		);
	}
	await Promise.all(teams.map((t, i) => page(`teams/${t}`, t, services.filter((_, j) => j % teams.length === i).map((s) => `services/${s}/`))));

	await mkdir(path.join(out, '_astro'), { recursive: true });
	for (const name of ['site', 'print']) {
		await writeFile(path.join(out, '_astro', `${name}.${build.id}.css`), `@font-face { src: url(${BUILD_BASE}_astro/inter.woff2); }\nbody { margin: 0 }\n`.repeat(30));
	}
	for (const name of ['page', 'map', 'search', 'charts']) {
		await writeFile(path.join(out, '_astro', `${name}.${build.id}.js`), `export const base = '${BUILD_BASE}';\n`.repeat(200));
	}
	// Binary, and spelling the build base: publishing must copy it as bytes.
	await writeFile(path.join(out, '_astro', 'inter.woff2'), Buffer.concat([Buffer.from([0, 1, 2, 255]), Buffer.from(BUILD_BASE), Buffer.alloc(20_000, 7)]));

	const index: VersionsIndex = { schemaVersion: 1, latest: build.id, versions: [] };
	let previous = null;
	for (const { id, now } of builds) {
		const model = mergeModel(describeServices({ notes: [], teams: [], broken: [], problems: [] }, emptyCatalog(), null), null, {
			buildId: id,
			now: new Date(now),
			staleAfterDays: 90,
		});
		// Parsed, so fields with defaults get them as the build's own index would.
		index.versions.push(versionEntrySchema.parse({ id, now: model.build.now, path: `/v/${id}/`, summary: model.summary, changes: diffModels(previous, model) }));
		previous = model;
		if (id === build.id) await writeFile(path.join(out, 'halflife-model.json'), JSON.stringify(model, null, 2));
	}
	await writeFile(path.join(out, 'versions.json'), `${JSON.stringify(index, null, 2)}\n`);
	return out;
}

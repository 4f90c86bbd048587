import { cp, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HalflifeError } from '../errors/halflife-error.ts';
import { memoryLogger } from '../lib/logger.ts';
import { diagramDomId } from '../render/diagram-dom-id.ts';
import { BUILD_BASE, publishVersion, SITE_ROOT, VERSIONS_DIR, type PublishInput } from './publish-version.ts';
import { servedRoot } from './test-helpers/served-files.ts';

const FIRST = '20261116T000000Z';
const SECOND = '20261123T000000Z';
const BANNER = (id: string) =>
	`<!--halflife:frozen--><p class="banner">You are reading build ${id}. <a href="${SITE_ROOT}">Latest</a></p><!--/halflife:frozen-->`;

/** A page as Astro writes it for the build base: links, a stylesheet, the frozen banner, searchable content. */
function page(id: string, title: string, links: string[]): string {
	return [
		'<!doctype html><html lang="en"><head><meta charset="utf-8">',
		`<title>${title}</title><link rel="stylesheet" href="${BUILD_BASE}_astro/site.css"></head><body>`,
		`<header><a href="${BUILD_BASE}">Home</a></header>`,
		BANNER(id),
		`<main data-pagefind-body><h1>${title}</h1><p>All about ${title}, build ${id}.</p>`,
		'<div class="diagram"><!--halflife:diagram:service-cart--></div>',
		...links.map((link) => `<a href="${BUILD_BASE}${link}">${link}</a>`),
		'</main></body></html>',
	].join('\n');
}

/** A fake Astro output folder for one build; `extra` adds or removes pages. */
async function astroOutput(dir: string, id: string, pages: Record<string, string[]>): Promise<string> {
	const out = path.join(dir, `out-${id}`);
	for (const [route, links] of Object.entries(pages)) {
		await mkdir(path.join(out, route), { recursive: true });
		await writeFile(path.join(out, route, 'index.html'), page(id, route || 'Overview', links));
	}
	await mkdir(path.join(out, '_astro'), { recursive: true });
	await writeFile(path.join(out, '_astro', 'site.css'), `@font-face { src: url(${BUILD_BASE}_astro/font.woff2); }\nbody { margin: 0; }\n`);
	// Binary: must be copied as bytes, even where they happen to spell the prefix.
	await writeFile(path.join(out, '_astro', 'font.woff2'), Buffer.concat([Buffer.from([0, 1, 2, 255]), Buffer.from(BUILD_BASE)]));
	await writeFile(
		path.join(out, 'versions.json'),
		`${JSON.stringify({ schemaVersion: 1, latest: id, versions: [{ id, path: `/v/${id}/` }] }, null, 2)}\n`,
	);
	return out;
}

/** Every file under a folder: its bytes and modification time, by path relative to the folder. */
async function tree(dir: string): Promise<Map<string, { bytes: Buffer; mtimeMs: number }>> {
	const files = new Map<string, { bytes: Buffer; mtimeMs: number }>();
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const file = path.join(entry.parentPath, entry.name);
		files.set(path.relative(dir, file), { bytes: await readFile(file), mtimeMs: (await stat(file)).mtimeMs });
	}
	return files;
}

const SVG = '<svg id="hl-service-cart"><text>cart &amp; co</text></svg>';
const DIAGRAMS = new Map([['service-cart', { svg: SVG }]]);
const withDiagrams = (html: string) => html.replace('<!--halflife:diagram:service-cart-->', SVG);
let clientScript: string;
const input = (outDir: string, id: string, diagrams: PublishInput['diagrams'] = DIAGRAMS) => ({
	siteDir,
	outDir,
	id,
	diagrams,
	clientScript,
	logger: memoryLogger(),
});

/** The files of an output folder as publishing freezes them: diagrams inlined, the build base made the version's. */
const frozenBytesOf = (files: Map<string, { bytes: Buffer }>, id: string) =>
	new Map(
		[...files].map(([name, { bytes }]) => {
			if (!/\.(html|css)$/.test(name)) return [name, bytes.toString('base64')];
			const text = bytes.toString('utf8').replaceAll(BUILD_BASE, `/v/${id}/`).replaceAll(SITE_ROOT, '/');
			return [name, Buffer.from(name.endsWith('.html') ? withDiagrams(text) : text).toString('base64')];
		}),
	);

const bytesOf = (files: Map<string, { bytes: Buffer }>) => new Map([...files].map(([name, { bytes }]) => [name, bytes.toString('base64')]));

/** What a publish should not leave: assembly folders, temporary files, and latest copies other than the current one. */
async function leftovers(siteDir: string): Promise<string[]> {
	const found = (await readdir(siteDir)).filter((name) => name.startsWith('.') && name !== '.halflife-root');
	found.push(...(await readdir(path.join(siteDir, VERSIONS_DIR))).filter((name) => name.startsWith('.')).map((name) => `v/${name}`));
	const current = await readlink(path.join(siteDir, '.halflife-root', 'current'));
	const copies = await readdir(path.join(siteDir, '.halflife-root'));
	found.push(...copies.filter((name) => name !== 'current' && name !== current).map((name) => `.halflife-root/${name}`));
	return found;
}

/** The root entries of a site, each with what its symlink says (or `real` for a real file or folder). */
async function rootEntries(siteDir: string): Promise<Record<string, string>> {
	const entries: Record<string, string> = {};
	for (const name of (await readdir(siteDir)).sort()) {
		const file = path.join(siteDir, name);
		entries[name] = (await lstat(file)).isSymbolicLink() ? await readlink(file) : 'real';
	}
	return entries;
}
const linkedRoot = (names: string[]) => ({
	'.halflife-root': 'real',
	v: 'real',
	...Object.fromEntries(names.map((name) => [name, `.halflife-root/current/${name}`])),
});

let dir: string;
let siteDir: string;
beforeEach(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-publish-'));
	siteDir = path.join(dir, 'site');
	clientScript = path.join(dir, 'mermaid.min.js');
	await writeFile(clientScript, 'window.mermaid = {};\n');
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('publishVersion', () => {
	it('freezes the output under v/<id>/ as it is, and serves it rewritten at the stable URLs', async () => {
		const outDir = await astroOutput(dir, FIRST, { '': ['services/'], services: ['services/cart/'], 'services/cart': ['services/'] });
		const publishing = input(outDir, FIRST);
		const logger = publishing.logger;
		await publishVersion(publishing);

		const output = await tree(outDir);
		const frozen = await tree(path.join(siteDir, VERSIONS_DIR, FIRST));
		expect(bytesOf(frozen)).toEqual(frozenBytesOf(output, FIRST));
		expect(frozen.get('index.html')!.bytes.toString('utf8')).toContain(SVG);

		const stable = new Map([...(await servedRoot(siteDir))].map(([name, bytes]) => [name, { bytes }]));
		for (const [name, { bytes }] of output) {
			const published = stable.get(name);
			expect(published, name).toBeDefined();
			const text = bytes.toString('utf8');
			if (name.endsWith('.html')) {
				expect(published!.bytes.toString('utf8'), name).toBe(
					withDiagrams(text).replaceAll(BUILD_BASE, '/').replace(BANNER(FIRST), ''),
				);
			} else if (name.endsWith('.css')) {
				expect(published!.bytes.toString('utf8')).toBe(text.replaceAll(BUILD_BASE, '/'));
			} else {
				// versions.json names every version's own path on purpose; binaries are bytes.
				expect(published!.bytes.equals(bytes), name).toBe(true);
			}
		}
		const home = stable.get('index.html')!.bytes.toString('utf8');
		expect(home).toContain('<a href="/services/">services/</a>');
		expect(home).toContain('href="/_astro/site.css"');
		expect(home).not.toContain('halflife:frozen');
		expect(home).not.toContain('You are reading build');
		expect(stable.get('versions.json')!.bytes.toString('utf8')).toContain(`"path": "/v/${FIRST}/"`);

		// Search covers the latest build at the stable URLs only.
		expect([...stable.keys()].some((name) => name.startsWith('pagefind/'))).toBe(true);
		expect((await stat(path.join(siteDir, 'pagefind', 'pagefind.js'))).isFile()).toBe(true);
		expect([...frozen.keys()].some((name) => name.startsWith('pagefind'))).toBe(false);
		expect(logger.lines).toContain('info: publish: search index of 3 pages');
		expect(await leftovers(siteDir)).toEqual([]);
	});

	it('adds a second version without touching the first, and replaces the stable copy', async () => {
		const first = await astroOutput(dir, FIRST, { '': ['old/'], old: [], services: [] });
		await publishVersion(input(first, FIRST));
		const frozenFirst = path.join(siteDir, VERSIONS_DIR, FIRST);
		const before = await tree(frozenFirst);
		await new Promise((resolve) => setTimeout(resolve, 20));

		const second = await astroOutput(dir, SECOND, { '': ['services/'], services: [], map: [] });
		await publishVersion(input(second, SECOND));

		expect(await tree(frozenFirst)).toEqual(before);
		expect(bytesOf(await tree(path.join(siteDir, VERSIONS_DIR, SECOND)))).toEqual(frozenBytesOf(await tree(second), SECOND));
		expect((await readdir(path.join(siteDir, VERSIONS_DIR))).sort()).toEqual([FIRST, SECOND]);

		// The stable copy is the second build's: the page it dropped is gone, the one it added is there.
		expect(await rootEntries(siteDir)).toEqual(linkedRoot(['_astro', 'index.html', 'map', 'pagefind', 'services', 'versions.json']));
		expect(await readlink(path.join(siteDir, '.halflife-root', 'current'))).toBe(SECOND);
		expect((await lstat(path.join(siteDir, '.halflife-root', SECOND))).isDirectory()).toBe(true);
		await expect(stat(path.join(siteDir, 'old'))).rejects.toThrow();
		const home = await readFile(path.join(siteDir, 'index.html'), 'utf8');
		expect(home).toContain(`build ${SECOND}`);
		expect(home).not.toContain('old/');
		expect(await readFile(path.join(siteDir, 'versions.json'), 'utf8')).toBe(await readFile(path.join(second, 'versions.json'), 'utf8'));
		expect(await leftovers(siteDir)).toEqual([]);
	});

	it('refuses to publish an id that exists, and changes nothing', async () => {
		const outDir = await astroOutput(dir, FIRST, { '': [], services: [] });
		await publishVersion(input(outDir, FIRST));
		const before = await tree(siteDir);
		const entries = (await readdir(siteDir, { recursive: true })).sort();

		const again = await astroOutput(path.join(dir, 'again'), FIRST, { '': [], teams: [] });
		const error = await publishVersion(input(again, FIRST)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(HalflifeError);
		expect((error as HalflifeError).name).toBe('VersionExists');
		expect((error as HalflifeError).message).toBe(`Build \`${FIRST}\` already exists in ${siteDir}.`);

		expect(await tree(siteDir)).toEqual(before);
		expect((await readdir(siteDir, { recursive: true })).sort()).toEqual(entries);
	});

	it('leaves an unrendered diagram to the browser: escaped source, and the script that draws it', async () => {
		const outDir = await astroOutput(dir, FIRST, { '': [] });
		const fallback = new Map([['service-cart', { fallback: 'flowchart LR\n n0["a</pre><script>x</script>"]' }]]);
		await publishVersion(input(outDir, FIRST, fallback));
		const frozen = await readFile(path.join(siteDir, VERSIONS_DIR, FIRST, 'index.html'), 'utf8');
		expect(frozen).toContain(`<pre class="mermaid" data-diagram-id="${diagramDomId('service-cart')}">flowchart LR\n n0[&quot;a&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;&quot;]</pre>`);
		expect(frozen).toContain(`<script src="/v/${FIRST}/_halflife/mermaid.min.js"></script>`);
		const stable = await readFile(path.join(siteDir, 'index.html'), 'utf8');
		expect(stable).toContain('<script src="/_halflife/mermaid.min.js"></script>');
		for (const copy of [siteDir, path.join(siteDir, VERSIONS_DIR, FIRST)]) {
			expect(await readFile(path.join(copy, '_halflife', 'mermaid.min.js'), 'utf8')).toBe('window.mermaid = {};\n');
		}
	});
	it('writes every link under the site\'s base: the build base to the version\'s, the site root to the base', async () => {
		const outDir = await astroOutput(dir, FIRST, { '': ['services/'], services: [] });
		const page = path.join(outDir, 'index.html');
		const html = await readFile(page, 'utf8');
		await writeFile(page, html.replace('</body>', `<a href="${SITE_ROOT}builds/">all builds</a></body>`));
		await publishVersion({ ...input(outDir, FIRST), base: '/docs/' });

		const stable = await readFile(path.join(siteDir, 'index.html'), 'utf8');
		const frozen = await readFile(path.join(siteDir, VERSIONS_DIR, FIRST, 'index.html'), 'utf8');
		expect(stable).toContain('<a href="/docs/services/">');
		expect(stable).toContain('href="/docs/_astro/');
		expect(frozen).toContain(`<a href="/docs/v/${FIRST}/services/">`);
		for (const copy of [stable, frozen]) {
			expect(copy).toContain('<a href="/docs/builds/">all builds</a>');
			expect(copy).not.toContain(BUILD_BASE);
			expect(copy).not.toContain(SITE_ROOT);
			expect(copy).not.toMatch(/(?:href|src)="\/(?!docs\/)/);
		}
		const css = await readFile(path.join(siteDir, VERSIONS_DIR, FIRST, '_astro', 'site.css'), 'utf8');
		expect(css).toContain(`url(/docs/v/${FIRST}/_astro/font.woff2)`);
	});

	it('links every root entry relatively through current, so the site still reads the same when moved', async () => {
		await publishVersion(input(await astroOutput(dir, FIRST, { '': [], services: [] }), FIRST));
		const served = await servedRoot(siteDir);
		const moved = path.join(dir, 'moved-site');
		await rename(siteDir, moved);
		expect(await servedRoot(moved)).toEqual(served);
		expect(await readFile(path.join(moved, 'services', 'index.html'), 'utf8')).toContain(`build ${FIRST}`);
	});

	for (const [kind, dereference] of [
		['published before the symlink layout', async (site: string) => site],
		[
			'restored from a deployed copy that dereferenced the symlinks',
			async (site: string) => {
				const copy = path.join(dir, 'deployed');
				await cp(site, copy, { recursive: true, dereference: true });
				return copy;
			},
		],
	] as const) {
		it(`converts a site with real root entries, ${kind}, on its next publish`, async () => {
			// The layout the previous publishing left: the latest copy as real entries at the root.
			const legacy = path.join(dir, 'legacy');
			await publishVersion({ ...input(await astroOutput(dir, FIRST, { '': ['old/'], old: [], services: [] }), FIRST), siteDir: legacy });
			const previous = await servedRoot(legacy);
			let restored = await dereference(legacy);
			if (restored === legacy) {
				restored = path.join(dir, 'old-layout');
				await mkdir(restored);
				await cp(path.join(legacy, VERSIONS_DIR), path.join(restored, VERSIONS_DIR), { recursive: true });
				for (const [name, bytes] of previous) {
					await mkdir(path.dirname(path.join(restored, name)), { recursive: true });
					await writeFile(path.join(restored, name), bytes);
				}
			}
			expect(Object.values(await rootEntries(restored)).every((kind) => kind === 'real')).toBe(true);
			expect(await servedRoot(restored)).toEqual(previous);
			// A dot-named file the site's owner keeps beside the pages (a host's marker, a checkout) is not Halflife's.
			await writeFile(path.join(restored, '.nojekyll'), '');
			const frozenFirst = await tree(path.join(restored, VERSIONS_DIR, FIRST));

			const second = await astroOutput(dir, SECOND, { '': ['services/'], services: [], map: [] });
			const publishing = { ...input(second, SECOND), siteDir: restored };
			await publishVersion(publishing);

			expect(publishing.logger.lines.filter((line) => line.includes('converting'))).toEqual([
				expect.stringMatching(/^info: publish: converting .* to publish by symlink: moving \d+ root entries into \.halflife-root\//),
			]);
			expect(await rootEntries(restored)).toEqual({
				...linkedRoot(['_astro', 'index.html', 'map', 'pagefind', 'services', 'versions.json']),
				'.nojekyll': 'real',
			});
			const served = await servedRoot(restored);
			expect(served.get('index.html')!.toString('utf8')).toContain(`build ${SECOND}`);
			expect(served.has('old/index.html')).toBe(false);
			expect(await tree(path.join(restored, VERSIONS_DIR, FIRST))).toEqual(frozenFirst);
			expect(await leftovers(restored)).toEqual(['.nojekyll']);

			// Converted once: the next publish is a plain swap.
			const third = '20261130T000000Z';
			const again = { ...input(await astroOutput(dir, third, { '': [] }), third), siteDir: restored };
			await publishVersion(again);
			expect(again.logger.lines.some((line) => line.includes('converting'))).toBe(false);
			expect(await rootEntries(restored)).toEqual({ ...linkedRoot(['_astro', 'index.html', 'pagefind', 'versions.json']), '.nojekyll': 'real' });
		});
	}

	it('finishes a conversion that was killed half-way, and the root reads the same meanwhile', async () => {
		await publishVersion(input(await astroOutput(dir, FIRST, { '': [], services: [], teams: [] }), FIRST));
		const previous = await servedRoot(siteDir);
		// Back to real entries, then converted by hand as far as a kill after `services` moved and before its symlink.
		const current = path.join(siteDir, '.halflife-root', FIRST);
		for (const name of await readdir(current)) {
			await rm(path.join(siteDir, name));
			await rename(path.join(current, name), path.join(siteDir, name));
		}
		await rm(path.join(siteDir, '.halflife-root'), { recursive: true });
		await mkdir(path.join(siteDir, '.halflife-root', '.adopted'), { recursive: true });
		await symlink('.adopted', path.join(siteDir, '.halflife-root', 'current'));
		await rename(path.join(siteDir, 'teams'), path.join(siteDir, '.halflife-root', '.adopted', 'teams'));
		await symlink('.halflife-root/current/teams', path.join(siteDir, 'teams'));
		await rename(path.join(siteDir, 'services'), path.join(siteDir, '.halflife-root', '.adopted', 'services'));
		const missing = new Map([...previous].filter(([name]) => !name.startsWith('services/')));
		expect(await servedRoot(siteDir)).toEqual(missing);

		const second = await astroOutput(dir, SECOND, { '': [], services: [], map: [] });
		const publishing = input(second, SECOND);
		await publishVersion(publishing);
		expect(publishing.logger.lines.some((line) => line.includes('converting'))).toBe(true);
		expect(await rootEntries(siteDir)).toEqual(linkedRoot(['_astro', 'index.html', 'map', 'pagefind', 'services', 'versions.json']));
		expect((await readFile(path.join(siteDir, 'services', 'index.html'), 'utf8'))).toContain(`build ${SECOND}`);
		expect(await leftovers(siteDir)).toEqual([]);
	});

	it('clears what a killed publish left, including a frozen copy it never made the latest, and publishes that build again', async () => {
		await publishVersion(input(await astroOutput(dir, FIRST, { '': [], services: [] }), FIRST));
		const previous = await servedRoot(siteDir);
		const root = path.join(siteDir, '.halflife-root');
		// Killed after the frozen copy moved into v/ and before the swap, with older debris around.
		await mkdir(path.join(siteDir, VERSIONS_DIR, SECOND, 'services'), { recursive: true });
		await writeFile(path.join(siteDir, VERSIONS_DIR, SECOND, 'index.html'), 'half a build');
		await writeFile(path.join(root, '.publishing'), SECOND);
		await mkdir(path.join(root, SECOND, 'services'), { recursive: true });
		await symlink(SECOND, path.join(root, '.current.next'));
		await writeFile(path.join(root, '.publishing.tmp'), SECOND);
		await symlink('.halflife-root/current/map', path.join(siteDir, 'map'));
		for (const debris of [
			'.staging-20261101T000000Z/index.html',
			'.retired-20261101T000000Z/x.html',
			'v/.20261101T000000Z.partial/index.html',
			'v/.20261102T000000Z.pruned/a.html',
		]) {
			await mkdir(path.dirname(path.join(siteDir, debris)), { recursive: true });
			await writeFile(path.join(siteDir, debris), 'debris');
		}
		expect(await servedRoot(siteDir)).toEqual(previous);

		const second = await astroOutput(dir, SECOND, { '': [], services: [], map: [] });
		const publishing = input(second, SECOND);
		await publishVersion(publishing);
		expect(publishing.logger.lines).toContain(`info: publish: removing v/${SECOND}/, frozen by a publish that was stopped before it finished`);
		expect(bytesOf(await tree(path.join(siteDir, VERSIONS_DIR, SECOND)))).toEqual(frozenBytesOf(await tree(second), SECOND));
		expect((await readFile(path.join(siteDir, 'map', 'index.html'), 'utf8'))).toContain(`build ${SECOND}`);
		expect(await rootEntries(siteDir)).toEqual(linkedRoot(['_astro', 'index.html', 'map', 'pagefind', 'services', 'versions.json']));
		expect(await leftovers(siteDir)).toEqual([]);
		expect(await readdir(root)).toEqual([SECOND, 'current'].sort());
	});

	it('keeps a build that was made the latest before its publish was killed', async () => {
		await publishVersion(input(await astroOutput(dir, FIRST, { '': [] }), FIRST));
		// Killed after the swap, before the marker was cleared: the build is published and must stay.
		await writeFile(path.join(siteDir, '.halflife-root', '.publishing'), FIRST);
		const frozen = await tree(path.join(siteDir, VERSIONS_DIR, FIRST));
		const error = await publishVersion(input(await astroOutput(path.join(dir, 'again'), FIRST, { '': [] }), FIRST)).catch((e: unknown) => e);
		expect((error as HalflifeError).name).toBe('VersionExists');
		expect(await tree(path.join(siteDir, VERSIONS_DIR, FIRST))).toEqual(frozen);
	});
});

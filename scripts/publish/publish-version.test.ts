import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HalflifeError } from '../errors/halflife-error.ts';
import { memoryLogger } from '../lib/logger.ts';
import { BUILD_BASE, publishVersion, VERSIONS_DIR, type PublishInput } from './publish-version.ts';

const FIRST = '20261116T000000Z';
const SECOND = '20261123T000000Z';
const BANNER = (id: string) =>
	`<!--halflife:frozen--><p class="banner">You are reading build ${id}. <a href="/">Latest</a></p><!--/halflife:frozen-->`;

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
			const text = bytes.toString('utf8').replaceAll(BUILD_BASE, `/v/${id}/`);
			return [name, Buffer.from(name.endsWith('.html') ? withDiagrams(text) : text).toString('base64')];
		}),
	);

const bytesOf = (files: Map<string, { bytes: Buffer }>) => new Map([...files].map(([name, { bytes }]) => [name, bytes.toString('base64')]));
const leftovers = async (siteDir: string) =>
	(await readdir(siteDir, { recursive: true })).filter((name) => /(^|\/)\.(staging|retired)-|\.partial$/.test(name));

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

		const stable = await tree(siteDir);
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
		expect([...stable.keys()].some((name) => name.startsWith(`pagefind${path.sep}`))).toBe(true);
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
		expect((await readdir(siteDir)).sort()).toEqual(['_astro', 'index.html', 'map', 'pagefind', 'services', 'v', 'versions.json']);
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
		expect(frozen).toContain('<pre class="mermaid">flowchart LR\n n0[&quot;a&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;&quot;]</pre>');
		expect(frozen).toContain(`<script src="/v/${FIRST}/_halflife/mermaid.min.js"></script>`);
		const stable = await readFile(path.join(siteDir, 'index.html'), 'utf8');
		expect(stable).toContain('<script src="/_halflife/mermaid.min.js"></script>');
		for (const copy of [siteDir, path.join(siteDir, VERSIONS_DIR, FIRST)]) {
			expect(await readFile(path.join(copy, '_halflife', 'mermaid.min.js'), 'utf8')).toBe('window.mermaid = {};\n');
		}
	});
});

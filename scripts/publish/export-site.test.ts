import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HalflifeError } from '../errors/halflife-error.ts';
import { memoryLogger } from '../lib/logger.ts';
import { exportSite } from './export-site.ts';
import { publishVersion } from './publish-version.ts';
import { writeAstroOutput, type TestBuild } from './test-helpers/astro-output.ts';
import { servedFiles, servedRoot } from './test-helpers/served-files.ts';

const FIRST: TestBuild = { id: '20261116T000000Z', now: '2026-11-16T00:00:00Z', services: ['cart', 'checkout', 'search'] };
const SECOND: TestBuild = { id: '20261123T000000Z', now: '2026-11-23T00:00:00Z', services: ['cart', 'payments'] };

let dir: string;
let siteDir: string;
beforeEach(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-export-'));
	siteDir = path.join(dir, 'site');
	const clientScript = path.join(dir, 'mermaid.min.js');
	await writeFile(clientScript, 'window.mermaid = {};\n');
	for (const builds of [[FIRST], [FIRST, SECOND]]) {
		const outDir = await writeAstroOutput(dir, builds);
		await publishVersion({ siteDir, outDir, id: builds.at(-1)!.id, diagrams: new Map(), clientScript, logger: memoryLogger() });
	}
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** Every entry under a folder that is a symlink. */
async function symlinksUnder(folder: string): Promise<string[]> {
	const found: string[] = [];
	for (const name of await readdir(folder, { recursive: true })) {
		if ((await lstat(path.join(folder, name))).isSymbolicLink()) found.push(name);
	}
	return found;
}

describe('exportSite', () => {
	it('copies the site as real files: the latest at the root and every frozen version, without the bookkeeping', async () => {
		// What a killed publish and the site's owner leave beside the pages.
		await writeFile(path.join(siteDir, '.halflife.lock'), '{"pid":1}');
		await mkdir(path.join(siteDir, 'v', `.${SECOND.id}.partial`), { recursive: true });
		await writeFile(path.join(siteDir, 'v', `.${SECOND.id}.partial`, 'index.html'), 'half');
		await writeFile(path.join(siteDir, '.nojekyll'), '');
		await writeFile(path.join(dir, 'secret.txt'), 'outside the site');
		await symlink('../secret.txt', path.join(siteDir, 'leak.txt'));
		await symlink('.halflife-root/current/gone', path.join(siteDir, 'gone'));

		const out = path.join(dir, 'public');
		await exportSite(siteDir, out);

		expect(await symlinksUnder(out)).toEqual([]);
		expect((await readdir(out)).sort()).toEqual([
			'.nojekyll',
			'_astro',
			'builds',
			'halflife-model.json',
			'index.html',
			'map',
			'pagefind',
			'search',
			'services',
			'teams',
			'v',
			'versions.json',
		]);
		expect((await readdir(path.join(out, 'v'))).sort()).toEqual([FIRST.id, SECOND.id]);
		const expected = new Map([...(await servedRoot(siteDir)), ['.nojekyll', Buffer.alloc(0)]]);
		// The helper reads any symlink through; the export must not follow this one out of the site.
		expect(expected.delete('leak.txt')).toBe(true);
		for (const id of [FIRST.id, SECOND.id]) {
			for (const [name, bytes] of await servedFiles(path.join(siteDir, 'v', id))) expected.set(`v/${id}/${name}`, bytes);
		}
		expect(await servedFiles(out)).toEqual(expected);
		expect(await readFile(path.join(out, 'services', 'payments', 'index.html'), 'utf8')).toContain(`build ${SECOND.id}`);
	});

	it('copies a site with real root entries as it is', async () => {
		const legacy = path.join(dir, 'legacy');
		await exportSite(siteDir, legacy);
		const out = path.join(dir, 'again');
		await exportSite(legacy, out);
		expect(await servedFiles(out)).toEqual(await servedFiles(legacy));
	});

	it('says how much it wrote, and refuses a site heavier than the limit before writing anything', async () => {
		const sized = path.join(dir, 'sized');
		const { files, bytes } = await exportSite(siteDir, sized, null);
		const written = (await readdir(sized, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
		expect(files).toBe(written.length);
		let total = 0;
		for (const entry of written) total += (await lstat(path.join(entry.parentPath, entry.name))).size;
		expect(bytes).toBe(total);

		await expect(exportSite(siteDir, path.join(dir, 'just-fits'), bytes)).resolves.toMatchObject({ bytes });
		const refused = path.join(dir, 'too-small');
		const error = await exportSite(siteDir, refused, bytes - 1).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(HalflifeError);
		expect((error as HalflifeError).name).toBe('SiteTooLarge');
		expect((error as HalflifeError).message).toContain('retention.maxSiteBytes');
		await expect(lstat(refused)).rejects.toThrow();
	});

	it('exports into an empty folder, and refuses one with files, one inside the site, and a missing site', async () => {
		const empty = path.join(dir, 'empty');
		await mkdir(empty);
		await exportSite(siteDir, empty);
		expect((await readdir(empty)).length).toBeGreaterThan(0);

		const refusals: [string, string, string][] = [
			[siteDir, empty, 'ExportTargetNotEmpty'],
			[siteDir, path.join(dir, 'mermaid.min.js'), 'ExportTargetNotEmpty'],
			[siteDir, path.join(siteDir, 'export'), 'ExportTargetInsideSite'],
			[siteDir, siteDir, 'ExportTargetInsideSite'],
			[path.join(dir, 'nope'), path.join(dir, 'fresh'), 'ExportSiteMissing'],
		];
		await symlink(siteDir, path.join(dir, 'site-link'));
		refusals.push([siteDir, path.join(dir, 'site-link', 'export'), 'ExportTargetInsideSite']);
		for (const [site, out, name] of refusals) {
			const error = await exportSite(site, out).catch((e: unknown) => e);
			expect(error, out).toBeInstanceOf(HalflifeError);
			expect((error as HalflifeError).name, out).toBe(name);
		}
		await expect(lstat(path.join(siteDir, 'export'))).rejects.toThrow();
		await expect(lstat(path.join(dir, 'fresh'))).rejects.toThrow();
	});
});

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runBuild } from '../scripts/build.ts';
import { loadConfig } from '../scripts/cli/load-config.ts';
import { memoryLogger } from '../scripts/lib/logger.ts';
import type { Model } from '../scripts/model/model-schema.ts';
import { serveSite } from '../scripts/publish/serve-site.ts';
import { mapGroups } from '../scripts/render/map-groups.ts';
import { launchBrowser } from './browser.ts';

const root = path.resolve(import.meta.dirname, '..');
const NOW = new Date('2026-11-23T00:00:00Z');

// Names telemetry could report: each tries to become code somewhere (HTML, MDX, Mermaid, a path).
const HOSTILE = [
	'<script>window.__pwned = 1</script>',
	'<img src=x onerror="window.__pwned = 2">',
	'../../../etc/passwd',
	'x"]; click n0 call alert(1) %%{init: {"securityLevel": "loose"}}%%',
	'{props.x} --- import fs from "fs"',
	'Cart',
	'cart',
];

/** One OTLP/JSON line: `web` calls every hostile name, each an instrumented service. */
function telemetry(): string {
	const start = BigInt(NOW.getTime() - 86_400_000) * 1_000_000n;
	const span = (service: string, spanId: string, parentSpanId: string, kind: number, offsetMs: number) => ({
		resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
		scopeSpans: [
			{
				scope: { name: 'test' },
				spans: [
					{
						traceId: '0af7651916cd43dd8448eb211c80319c',
						spanId,
						parentSpanId,
						name: 'call',
						kind,
						startTimeUnixNano: String(start + BigInt(offsetMs) * 1_000_000n),
						endTimeUnixNano: String(start + BigInt(offsetMs + 5) * 1_000_000n),
					},
				],
			},
		],
	});
	const resourceSpans = [span('web', '1000000000000000', '', 2, 0)];
	HOSTILE.forEach((name, i) => {
		const client = `2${String(i).padStart(15, '0')}`;
		const server = `3${String(i).padStart(15, '0')}`;
		resourceSpans.push(span('web', client, '1000000000000000', 3, 1 + i));
		resourceSpans.push(span(name, server, client, 2, 1 + i));
	});
	return `${JSON.stringify({ resourceSpans })}\n`;
}

async function files(dir: string): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (entry.isFile()) {
			const file = path.join(entry.parentPath, entry.name);
			out.set(path.relative(dir, file), (await readFile(file)).toString('base64'));
		}
	}
	return out;
}

let work: string;
let model: Model;
const sites: string[] = [];
beforeAll(async () => {
	work = await mkdtemp(path.join(tmpdir(), 'halflife-hostile-'));
	const content = path.join(work, 'content');
	await mkdir(path.join(content, 'telemetry'), { recursive: true });
	await mkdir(path.join(content, 'teams'), { recursive: true });
	await mkdir(path.join(content, 'notes'), { recursive: true });
	await writeFile(path.join(content, 'telemetry', 'window.jsonl'), telemetry());
	await writeFile(path.join(content, 'teams', 'web.md'), '---\nname: Web\n---\n');
	await writeFile(
		path.join(content, 'notes', 'web.md'),
		'---\nservice: web\nowner: web\nreviewed: 2026-11-01\ndependsOn: [Cart]\n---\nThe web tier.\n',
	);
	const base = await loadConfig(root);
	// The same inputs and clock, built twice from cold caches, must give the same bytes.
	for (const name of ['a', 'b']) {
		const options = { ...base, content, site: path.join(work, `site-${name}`), cacheDir: path.join(work, `cache-${name}`) };
		const result = await runBuild({ root, options, now: NOW, logger: memoryLogger(), browser: inject('browserPath') });
		model = result.model;
		sites.push(options.site);
	}
});
afterAll(async () => {
	await rm(work, { recursive: true, force: true });
});

describe('names from telemetry', () => {
	it('become safe, bounded, unique slugs and paths inside the site', async () => {
		const slugs = model.services.map((s) => s.slug);
		expect(new Set(slugs).size).toBe(slugs.length);
		for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
		const pages = (await readdir(path.join(sites[0]!, 'services'))).sort();
		expect(pages).toEqual([...slugs, 'index.html'].sort());
		// Nothing escaped the site folder.
		await expect(readdir(path.join(work, 'etc'))).rejects.toThrow();
	});

	it('are shown as text, in the page and in the diagram, and never run', async () => {
		const { url, server } = await serveSite(sites[0]!);
		const browser = await launchBrowser();
		try {
			const page = await browser.newPage();
			for (const name of HOSTILE) {
				const service = model.services.find((s) => s.name === name);
				expect(service, `${name} in ${JSON.stringify(model.services.map((s) => s.name))}`).toBeDefined();
				const slug = service!.slug;
				await page.goto(`${url}/services/${slug}/`);
				await expect(page.locator('h1').textContent()).resolves.toBe(name);
				const labels = (await page.locator('figure .diagram svg text').allTextContents()).join('\n');
				expect(labels).toContain(name.length > 40 ? name.slice(0, 20) : name);
				expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
			}
			await page.goto(`${url}/services/web/`);
			expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
			// Nobody owns them, so the map groups them and names the group after one of them: still text.
			const groups = mapGroups(model).filter((g) => g.kind === 'cluster');
			expect(groups.flatMap((g) => g.services).sort()).toEqual([...HOSTILE].sort());
			for (const group of groups) {
				expect(group.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
				await page.goto(`${url}${group.page}`);
				await expect(page.locator('h1').textContent()).resolves.toBe(group.name);
				const drawn = (await page.locator('figure .diagram svg text').allTextContents()).join('\n');
				for (const name of group.services) expect(drawn).toContain(name.length > 40 ? name.slice(0, 20) : name);
				expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
			}
			const html = await readFile(path.join(sites[0]!, 'services', 'web', 'index.html'), 'utf8');
			expect(html).not.toContain('<script>window.__pwned');
			expect(html).not.toContain('<img src=x');
		} finally {
			await browser.close();
			server.close();
		}
	});
});

describe('a build', () => {
	it('is byte-for-byte reproducible from the same inputs and clock', async () => {
		const [a, b] = await Promise.all(sites.map(files));
		expect([...a!.keys()].sort()).toEqual([...b!.keys()].sort());
		const different = [...a!].filter(([name, bytes]) => b!.get(name) !== bytes).map(([name]) => name);
		expect(different).toEqual([]);
	});
});

import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMermaidRenderer } from 'mermaid-isomorphic';
import { afterAll, describe, expect, it } from 'vitest';
import { generateOrg } from '../demo/generate-org.ts';
import { buildContent } from '../model/test-helpers/build-content.ts';
import { diagramSource } from './diagram-source.ts';
import { BROWSER_ARGS, findBrowser } from './find-browser.ts';
import { hostileGraph } from './fixtures/hostile-labels.ts';
import { mermaidConfig } from './mermaid-config.ts';
import { patchedChromium } from './patched-chromium.ts';
import { patchedMermaidScript } from './patched-mermaid.ts';
import { memoryLogger } from '../lib/logger.ts';

const browser = await findBrowser();
const now = new Date('2026-11-23T00:00:00Z');
const noteDiagramsDir = path.join(import.meta.dirname, 'fixtures/note-diagrams');
const work = await mkdtemp(path.join(tmpdir(), 'halflife-patched-mermaid-'));

// Skipped on a machine without Chromium, never in CI: .ci/run installs it.
describe.skipIf(browser === null && !process.env['CI'])('Mermaid with its speed-up patches', () => {
	afterAll(async () => {
		await rm(work, { recursive: true, force: true });
	});

	it('draws every diagram of a generated organisation, and notes of every kind, byte for byte as the unpatched bundle', { timeout: 300_000 }, async () => {
		// Every diagram a build of a generated organisation draws: services, map overview, groups.
		await generateOrg({ services: 40, now, dir: path.join(work, 'content') });
		const built = await buildContent(path.join(work, 'content'), work, now, 'stages', { publishBroken: false, format: 'mdx' });
		expect(built.exit).toBe(0);
		const sources = [
			...built.diagrams.values(),
			diagramSource(hostileGraph),
			...readdirSync(noteDiagramsDir).map((file) => readFileSync(path.join(noteDiagramsDir, file), 'utf8')),
		];
		expect(sources.length).toBeGreaterThan(40);

		const launchOptions = { executablePath: browser!, args: [...BROWSER_ARGS] };
		const script = patchedMermaidScript(memoryLogger());
		expect(script).not.toBeNull();
		const render = async (options: Parameters<typeof createMermaidRenderer>[0]) => {
			const results = await createMermaidRenderer(options)(sources, { prefix: 'corpus', mermaidConfig });
			return results.map((result) => (result.status === 'fulfilled' ? result.value.svg : `rejected: ${String(result.reason)}`));
		};
		const stock = await render({ launchOptions });
		expect(stock.filter((svg) => !svg.startsWith('<svg '))).toEqual([]);
		// The patches as builds apply them, together: the only bundle a build renders with.
		const patched = await render({ launchOptions, browserType: patchedChromium(script!) });
		expect(patched).toHaveLength(stock.length);
		for (const [index, svg] of stock.entries()) expect(patched[index], sources[index]).toBe(svg);
	});
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../scripts/build.ts';
import { loadConfig } from '../scripts/cli/load-config.ts';
import { DEMO_BUILDS } from '../scripts/demo/demo-org.ts';
import { memoryLogger } from '../scripts/lib/logger.ts';
import { serveSite } from '../scripts/publish/serve-site.ts';
import { diagramDomId } from '../scripts/render/diagram-dom-id.ts';
import { launchBrowser } from './browser.ts';

const root = path.resolve(import.meta.dirname, '..');
let work: string;
let url: string;
let close: () => Promise<void>;
const logger = memoryLogger();

// A build that draws no diagrams itself (`--no-diagrams`, as on a machine without Chromium): it must
// still publish, and the reader's browser draws them. (The warning when none is found: render-diagrams-no-browser.test.ts.)
beforeAll(async () => {
	work = await mkdtemp(path.join(tmpdir(), 'halflife-no-browser-'));
	const options = { ...(await loadConfig(root)), site: path.join(work, 'site'), cacheDir: path.join(work, 'cache') };
	await runBuild({ root, options, now: new Date(DEMO_BUILDS.at(-1)!), logger, browser: null });
	const served = await serveSite(options.site);
	url = served.url;
	close = () => new Promise((resolve) => served.server.close(() => resolve()));
});
afterAll(async () => {
	await close?.();
	await rm(work, { recursive: true, force: true });
});

describe('a build with no browser to draw diagrams', () => {
	it('publishes without warning about what it was asked not to do', () => {
		expect(logger.lines.filter((line) => line.startsWith('warn:'))).toEqual([]);
		expect(logger.lines.some((line) => line.includes('published build'))).toBe(true);
	});

	it('ships the Mermaid source, escaped, and the reader\'s browser draws it', async () => {
		const html = await readFile(path.join(work, 'site', 'services', 'checkout', 'index.html'), 'utf8');
		expect(html).toContain(`<pre class="mermaid" data-diagram-id="${diagramDomId('service-checkout')}">flowchart LR`);
		expect(html).toContain('<script src="/_halflife/mermaid.min.js"></script>');
		const browser = await launchBrowser();
		try {
			const page = await browser.newPage();
			await page.goto(`${url}/services/checkout/`);
			const svg = page.locator('figure .diagram svg').first();
			await svg.waitFor({ timeout: 20_000 });
			const labels = (await svg.locator('text, tspan, span, p').allTextContents()).join(' ');
			expect(labels).toContain('address-validator');
			// Drawn as the build draws: under the build's DOM id, labels as SVG text (the shared config).
			expect(await svg.getAttribute('id')).toBe(diagramDomId('service-checkout'));
			expect(await svg.locator('foreignObject').count()).toBe(0);
		} finally {
			await browser.close();
		}
	});
});

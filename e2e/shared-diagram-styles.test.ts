import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagramResult } from '../scripts/render/render-diagrams.ts';
import { shareDiagramStyles } from '../scripts/publish/share-diagram-styles.ts';
import { slimSvg } from '../scripts/render/slim-svg.ts';
import { launchBrowser } from './browser.ts';

// SVGs Halflife drew for the demo, each as Mermaid styled it, and as published with the shared stylesheet.
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', 'scripts', 'publish', 'fixtures', 'diagrams', `${name}.svg`), 'utf8');
const diagrams = new Map<string, DiagramResult>([
	['service-address-validator', { svg: fixture('undocumented') }],
	['service-analytics-ingest', { svg: fixture('plain') }],
	['map-overview', { svg: fixture('map-overview') }],
]);

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describe('diagrams styled by the shared stylesheet', () => {
	it('look exactly as Mermaid styled them, pixel for pixel', async () => {
		const { diagrams: shared, css } = shareDiagramStyles(diagrams);
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		try {
			for (const [id, artifact] of diagrams) {
				const shoot = async (html: string) => {
					await page.setContent(`<!doctype html><html><head><style>body{margin:0;background:#fff}</style>${html}</body></html>`);
					return page.locator('svg').first().screenshot();
				};
				const before = await shoot(`</head><body>${(artifact as { svg: string }).svg}`);
				const after = await shoot(`<style>${css!}</style></head><body>${(shared.get(id) as { svg: string }).svg}`);
				expect(after.equals(before), id).toBe(true);
			}
			// And the comparison can tell: without the stylesheet, the picture differs.
			const bare = await (async () => {
				await page.setContent(`<!doctype html><html><body style="margin:0">${(shared.get('map-overview') as { svg: string }).svg}</body></html>`);
				return page.locator('svg').first().screenshot();
			})();
			await page.setContent(`<!doctype html><html><body style="margin:0">${(diagrams.get('map-overview') as { svg: string }).svg}</body></html>`);
			expect(bare.equals(await page.locator('svg').first().screenshot())).toBe(false);
		} finally {
			await page.close();
		}
	});
});

describe('slimmed diagrams', () => {
	it('look exactly as Mermaid drew them, pixel for pixel, once slimmed and given the shared stylesheet, links and all', async () => {
		const slimmed = new Map([...diagrams].map(([id, artifact]) => [id, { svg: slimSvg((artifact as { svg: string }).svg) }]));
		const { diagrams: published, css } = shareDiagramStyles(slimmed);
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		try {
			const shoot = async (head: string, svg: string) => {
				await page.setContent(`<!doctype html><html><head><style>body{margin:0;background:#fff}</style>${head}</head><body>${svg}</body></html>`);
				const links = await page.locator('svg a').evaluateAll((as) => as.map((a) => a.getAttribute('xlink:href') ?? a.getAttribute('href')));
				return { image: await page.locator('svg').first().screenshot(), links };
			};
			for (const [id, artifact] of diagrams) {
				const original = (artifact as { svg: string }).svg;
				const slim = (published.get(id) as { svg: string }).svg;
				expect(slim, id).not.toContain('data-points');
				const before = await shoot('', original);
				const after = await shoot(`<style>${css!}</style>`, slim);
				expect(after.links, id).toEqual(before.links);
				expect(after.links.length, id).toBeGreaterThan(0);
				expect(after.image.equals(before.image), id).toBe(true);
			}
			// And the comparison can tell: with its arrowheads gone, the picture differs.
			const plain = (published.get('service-analytics-ingest') as { svg: string }).svg;
			const headless = await shoot(`<style>${css!}</style>`, plain.replace(/<marker\b[\s\S]*?<\/marker>/g, ''));
			expect(headless.image.equals((await shoot(`<style>${css!}</style>`, plain)).image)).toBe(false);
		} finally {
			await page.close();
		}
	});
});

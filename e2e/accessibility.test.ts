import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser.ts';

const siteUrl = inject('siteUrl');
const PAGES = ['/', '/start/', '/services/', '/services/checkout/', '/services/address-validator/', '/teams/', '/teams/commerce/', '/teams/commerce/queue/', '/incidents/', '/incidents/inc-142/', '/map/', '/map/around-address-validator/', '/feedback/', '/views/', '/views/services/', '/views/reliability/', '/views/data-flows/', '/views/entry-points/', '/services/kafka-order-events/', '/builds/', '/search/'];

let browser: Browser;
let axeSource: string;
beforeAll(async () => {
	browser = await launchBrowser();
	axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
});
afterAll(async () => {
	await browser?.close();
});

interface AxeResult {
	violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>;
}

async function audit(page: import('playwright-core').Page): Promise<AxeResult> {
	await page.addScriptTag({ content: axeSource });
	return (await page.evaluate(() =>
		(window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }).axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
		}),
	)) as AxeResult;
}

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
	it('finds a planted violation, so a clean result means something', async () => {
		const page = await browser.newPage();
		await page.goto(`${siteUrl}/`);
		await page.evaluate(() => {
			const main = document.querySelector('main')!;
			main.insertAdjacentHTML('beforeend', '<img src="x.png"><p style="color:#ccc;background:#fff">faint</p>');
		});
		const ids = (await audit(page)).violations.map((v) => v.id);
		await page.close();
		expect(ids).toEqual(expect.arrayContaining(['image-alt', 'color-contrast']));
	});

	for (const colorScheme of ['light', 'dark'] as const) {
		it(`has no violations on the main pages in the ${colorScheme} theme`, async () => {
			const page = await browser.newPage({ colorScheme });
			const found: string[] = [];
			for (const path of PAGES) {
				await page.goto(`${siteUrl}${path}`);
				// Open the collapsed data tables and change lists, so what they hold is checked too.
				await page.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
				const result = await audit(page);
				for (const v of result.violations) found.push(`${path}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
			}
			await page.close();
			expect(found).toEqual([]);
		});
	}
});

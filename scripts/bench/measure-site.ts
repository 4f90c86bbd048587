// `npx node scripts/bench/measure-site.ts --site DIR`: the tallest and the heaviest page of each
// kind in a built site, beside the budgets, as `npm run bench` prints them.
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serveSite } from '../publish/serve-site.ts';
import { BROWSER_ARGS, findBrowser } from '../render/find-browser.ts';
import { formatPageFigures, measurePages, withinBudget, type KindFigures } from './measure-pages.ts';

/** Serves a built site on loopback and measures its pages in Chromium. */
export async function measureSite(siteDir: string): Promise<KindFigures[]> {
	const executablePath = await findBrowser();
	if (!executablePath) throw new Error('Measuring pages needs Chromium: apt-get install -y chromium, or set HALFLIFE_CHROMIUM.');
	const { url, server } = await serveSite(siteDir);
	const browser = await chromium.launch({ executablePath, args: [...BROWSER_ARGS] });
	try {
		return await measurePages(siteDir, { browser, url });
	} finally {
		await browser.close();
		await new Promise((resolve) => server.close(resolve));
	}
}

if (import.meta.main) {
	const { values } = parseArgs({ options: { site: { type: 'string', default: 'dist' } } });
	const figures = await measureSite(values.site);
	process.stdout.write(`${formatPageFigures(figures)}\n`);
	process.exitCode = figures.every(withinBudget) ? 0 : 1;
}

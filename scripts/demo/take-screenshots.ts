// Retakes the README's screenshots from the built demo: `npm run demo`, then
// `npx node scripts/demo/take-screenshots.ts`. Chromium is found as for diagrams.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveSite } from '../publish/serve-site.ts';
import { BROWSER_ARGS, findBrowser } from '../render/find-browser.ts';

const root = path.resolve(import.meta.dirname, '../..');
const shots: Array<{ file: string; path: string; scrollTo?: string; waitFor?: string; phone?: boolean }> = [
	{ file: 'overview.png', path: '/' },
	{ file: 'service.png', path: '/services/checkout/' },
	{ file: 'start.png', path: '/start/' },
	{ file: 'history.png', path: '/services/sms-sender/', scrollTo: '#confidence' },
	{ file: 'map.png', path: '/map/' },
	{ file: 'feedback.png', path: '/feedback/' },
	{ file: 'incident.png', path: '/incidents/inc-142/' },
	{ file: 'data-flows.png', path: '/views/data-flows/' },
	{ file: 'entry-points.png', path: '/views/entry-points/' },
	{ file: 'builds.png', path: '/builds/' },
	{ file: 'search.png', path: '/search/?q=sends', waitFor: '[data-testid="search-results"] a' },
	{ file: 'phone.png', path: '/services/checkout/', phone: true },
];

const { url, server } = await serveSite(path.join(root, 'dist'), 0);
const browser = await chromium.launch({ executablePath: (await findBrowser()) ?? undefined, args: [...BROWSER_ARGS] });
try {
	const desktop = await browser.newPage({ viewport: { width: 1200, height: 900 } });
	// Half the scale a phone has, so the picture stays small in the README.
	const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
	for (const shot of shots) {
		const page = shot.phone ? phone : desktop;
		await page.goto(`${url}${shot.path}`);
		if (shot.waitFor) await page.locator(shot.waitFor).first().waitFor();
		if (shot.scrollTo) await page.locator(shot.scrollTo).evaluate((element) => element.scrollIntoView());
		await page.screenshot({ path: path.join(root, 'docs', 'screenshots', shot.file) });
	}
} finally {
	await browser.close();
	server.close();
}

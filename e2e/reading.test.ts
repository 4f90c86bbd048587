import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser.ts';

// Reading the site as people do: on a phone, on paper, without JavaScript, with a keyboard.
// Contrast in both themes is axe-core's job (accessibility.test.ts).

const siteUrl = inject('siteUrl');
// payment-webhooks has every part of a service page: facts with links, a diagram, claims, a chart, history, sources.
const PAGES = ['/', '/start/', '/services/', '/services/checkout/', '/services/payment-webhooks/', '/teams/', '/teams/commerce/', '/teams/commerce/queue/', '/incidents/', '/incidents/inc-142/', '/map/', '/feedback/', '/views/', '/views/services/', '/views/reliability/', '/views/data-flows/', '/views/entry-points/', '/builds/', '/search/'];
const NAV = ['/', '/start/', '/services/', '/teams/', '/incidents/', '/map/', '/feedback/', '/views/', '/builds/', '/search/'];

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

/** What stops a page from reading well on a phone, one line per problem. Runs in the page, so it carries its own helpers. */
function phoneProblems(): string[] {
	const problems: string[] = [];
	const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
	// A phone widens innerWidth to whatever overflows (and zooms out); clientWidth stays the screen's width.
	const width = document.documentElement.clientWidth;
	if (document.documentElement.scrollWidth > width) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px wide`);
	// Whatever is wider than the screen must sit in a box that scrolls; a page that clips it (overflow: hidden) loses it.
	const outside: string[] = [];
	for (const el of document.body.querySelectorAll('*')) {
		if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
		if (el.getBoundingClientRect().right <= width + 1) continue;
		let box = el.parentElement;
		while (box && box !== document.body && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
		if (!box || box === document.body) outside.push(`${name(el)} by ${Math.round(el.getBoundingClientRect().right - width)}px`);
	}
	if (outside.length > 0) problems.push(`${outside.length} elements stick out of the page, such as ${outside.slice(0, 3).join(', ')}`);
	const small = new Set<string>();
	const broken: string[] = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let node = walker.nextNode(); node; node = walker.nextNode()) {
		const el = node.parentElement!;
		const text = node.textContent ?? '';
		if (!text.trim() || el.closest('svg, script, style, noscript, template') || !el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) continue;
		const size = parseFloat(getComputedStyle(el).fontSize);
		if (size < 14) small.add(`${name(el)} is ${size}px`);
		// A word split over two lines although it would fit on one: a column squeezed to a letter or two.
		// An address wider than the screen has to break somewhere, and may.
		for (const word of text.matchAll(/[\p{L}\p{N}]{2,}/gu)) {
			const range = document.createRange();
			range.setStart(node, word.index);
			range.setEnd(node, word.index + word[0].length);
			const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
			if (lines.size < 2) continue;
			const start = text.lastIndexOf(' ', word.index) + 1;
			const end = text.indexOf(' ', word.index) === -1 ? text.length : text.indexOf(' ', word.index);
			range.setStart(node, start);
			range.setEnd(node, end);
			const chunk = [...range.getClientRects()].reduce((sum, r) => sum + r.width, 0);
			if (chunk < width * 0.8) {
				broken.push(`"${word[0]}" in ${name(el)}`);
				break;
			}
		}
	}
	if (broken.length > 0) problems.push(`${broken.length} words are broken over lines although they would fit on one, such as ${broken.slice(0, 3).join(', ')}`);
	problems.push(...[...small].map((s) => `text in ${s}`));
	const targets = [...document.querySelectorAll('.site-header a')].flatMap((link) => {
		const box = link.getBoundingClientRect();
		return box.height < 24 || box.width < 24 ? [`"${link.textContent}" ${Math.round(box.width)}×${Math.round(box.height)}px`] : [];
	});
	if (targets.length > 0) problems.push(`tap targets under 24px: ${targets.join(', ')}`);
	return problems;
}

describe('on a phone (360×740)', () => {
	it('reads every main page without sideways scrolling, squeezed words, small text or small tap targets', async () => {
		const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
		const page = await context.newPage();
		const found: string[] = [];
		for (const path of PAGES) {
			await page.goto(`${siteUrl}${path}`);
			// What a reader unfolds must fit too.
			await page.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
			for (const problem of await page.evaluate(phoneProblems)) found.push(`${path}: ${problem}`);
		}
		// Some tables are wider than a phone, so the checks above met wide content: it scrolls in its own box.
		await page.goto(`${siteUrl}/services/checkout/`);
		const scrolling = await page.locator('.table-scroll').evaluateAll((boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth).length);
		await context.close();
		expect(found).toEqual([]);
		expect(scrolling).toBeGreaterThan(0);
	});
});

/** Contrast ratio of two computed colours (`rgb()` or `rgba()`), as WCAG defines it. */
function contrast(a: string, b: string): number {
	const luminance = (colour: string) => {
		const [r, g, b] = colour.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
			const c = Number(v) / 255;
			return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		}) as [number, number, number];
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
}

interface PrintedPage {
	shown: string[];
	background: string;
	/** Each kind of element with text of its own, and the colour of that text. */
	inks: Array<[string, string]>;
	filled: string[];
	folded: string[];
	unbroken: string[];
	/** Each link in the content: its text, its address and what is printed after it. */
	links: Array<[string, string, string]>;
}

/** How a page lays out for paper, read in the page under print media. */
function printed(): PrintedPage {
	const name = (el: Element) => `${el.tagName.toLowerCase()}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
	const rendered = (el: Element) => el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true });
	const elements = [...document.body.querySelectorAll('*')].filter((el) => !el.closest('svg'));
	const inks = new Map<string, [string, string]>();
	const filled = new Set<string>();
	for (const el of elements) {
		if (!rendered(el)) continue;
		const style = getComputedStyle(el);
		const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
		if (own) inks.set(`${name(el)} ${style.color}`, [name(el), style.color]);
		const fill = style.backgroundColor;
		if (!/^rgba\(.*, 0\)$/.test(fill) && fill !== 'rgb(255, 255, 255)') filled.add(`${name(el)} ${fill}`);
	}
	return {
		shown: ['.skip', '.site-header nav', '.site-footer a', '.banner a', '[role="search"]', 'button'].filter((s) => [...document.querySelectorAll(s)].some(rendered)),
		background: getComputedStyle(document.documentElement).backgroundColor,
		inks: [...inks.values()],
		filled: [...filled],
		// What a fold holds is laid out on paper although nobody can open it there.
		folded: [...document.querySelectorAll('details')].filter((d) => [...d.children].some((c) => c.tagName !== 'SUMMARY' && !rendered(c))).map(name),
		unbroken: [...document.querySelectorAll('main figure, .diagram')].filter((f) => getComputedStyle(f).breakInside !== 'avoid').map(name),
		links: [...document.querySelectorAll('main a')].map((a) => [a.textContent!.trim(), a.getAttribute('href') ?? '', getComputedStyle(a, '::after').content]),
	};
}

describe('on paper', () => {
	for (const colorScheme of ['light', 'dark'] as const) {
		it(`prints dark on white without fills, controls or folds, pictures whole, in the ${colorScheme} theme`, async () => {
			const page = await browser.newPage({ colorScheme });
			const found: string[] = [];
			for (const path of ['/', '/services/payment-webhooks/', '/services/analytics-ingest/', '/builds/', '/map/', '/search/?q=checkout']) {
				await page.emulateMedia({ media: 'screen' });
				await page.goto(`${siteUrl}${path}`);
				// On screen, search shows its form once its script runs; on paper it must not.
				if (path.startsWith('/search/')) await page.locator('#search-results li').first().waitFor();
				await page.emulateMedia({ media: 'print' });
				const p = await page.evaluate(printed);
				if (p.background !== 'rgb(255, 255, 255)') found.push(`${path}: the page is ${p.background}`);
				for (const s of p.shown) found.push(`${path}: ${s} is printed`);
				for (const [el, ink] of p.inks) if (contrast(ink, 'rgb(255, 255, 255)') < 4.5) found.push(`${path}: faint text in ${el}, ${ink}`);
				for (const f of p.filled) found.push(`${path}: a fill ${f}`);
				for (const f of p.folded) found.push(`${path}: ${f} prints folded`);
				for (const f of p.unbroken) found.push(`${path}: ${f} may split across pages`);
				for (const [text, href, after] of p.links) {
					// Another site's address follows its link text, unless the text is the address; the site's own pages need none.
					const expected = href.startsWith('http') && href !== text ? `" (${href})"` : 'none';
					if (after !== expected) found.push(`${path}: the link "${text}" prints ${after} after it, not ${expected}`);
				}
			}
			await page.close();
			expect(found).toEqual([]);
		});
	}

	it('prints which build a frozen copy shows, without the links to the latest', async () => {
		const page = await browser.newPage();
		await page.goto(`${siteUrl}/builds/`);
		const oldest = await page.getByTestId('versions').locator('h2 a').last().getAttribute('href');
		await page.goto(`${siteUrl}${oldest}services/payment-webhooks/`);
		await page.emulateMedia({ media: 'print' });
		const banner = await page.locator('.banner').innerText();
		const p = await page.evaluate(printed);
		await page.close();
		expect(banner).toMatch(/^You are reading build \d{8}T\d{6}Z of .*, frozen as it was then\.$/);
		expect(p.shown).toEqual([]);
	});

	it('prints a service page to a PDF of a few pages, footer without links', async () => {
		const page = await browser.newPage();
		await page.goto(`${siteUrl}/services/payment-webhooks/`);
		await page.emulateMedia({ media: 'print' });
		const footer = await page.locator('.site-footer').innerText();
		const pdf = await page.pdf({ format: 'A4' });
		await page.close();
		expect(footer).toMatch(/^Build \d{8}T\d{6}Z, .* · \d+ builds? in the history · made with Halflife \d+\.\d+\.\d+$/);
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		// Chromium writes one page object per sheet; a service page is a handful of sheets, not one and not dozens.
		const sheets = pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;
		expect(sheets).toBeGreaterThanOrEqual(2);
		expect(sheets).toBeLessThanOrEqual(8);
	});
});

/** A page's main text as read, to compare with and without JavaScript. */
const mainText = (page: Page) => page.locator('main').innerText();

describe('without JavaScript', () => {
	it('reads every main page in full, diagrams and charts drawn, search pointing to the lists', async () => {
		const off = await browser.newContext({ javaScriptEnabled: false });
		const on = await browser.newContext();
		const [plain, scripted] = [await off.newPage(), await on.newPage()];
		const found: string[] = [];
		for (const path of PAGES.filter((p) => p !== '/search/')) {
			await plain.goto(`${siteUrl}${path}`);
			await scripted.goto(`${siteUrl}${path}`, { waitUntil: 'networkidle' });
			if ((await mainText(plain)) !== (await mainText(scripted))) found.push(`${path}: reads differently without JavaScript`);
			// A diagram the build could not draw is left for a script to draw: without one the reader gets Mermaid source.
			const undrawn = await plain.locator('.diagram:not(:has(svg)), pre.mermaid, figure.trend:not(:has(svg))').count();
			if (undrawn > 0) found.push(`${path}: ${undrawn} diagrams or charts are not drawn`);
		}
		expect(found).toEqual([]);

		await plain.goto(`${siteUrl}/services/payment-webhooks/`);
		for (const part of ['[data-testid="service-facts"]', '.diagram svg', 'table.claims', '[data-testid="service-history"] > .table-scroll table', 'figure.trend svg', '[data-testid="sources-table"]']) {
			await expect(plain.locator(part).first().isVisible(), part).resolves.toBe(true);
		}
		for (const path of ['/map/', '/map/commerce/']) {
			await plain.goto(`${siteUrl}${path}`);
			const diagrams = await plain.locator('.diagram svg').evaluateAll((svgs) => svgs.filter((s) => s.getBoundingClientRect().height > 50).length);
			expect(diagrams, path).toBe(1);
		}

		await plain.goto(`${siteUrl}/search/`);
		const fallback = plain.getByTestId('search-no-script');
		await expect(fallback.isVisible()).resolves.toBe(true);
		await expect(fallback.locator('a[href="/services/"]').count()).resolves.toBe(1);
		// A form that cannot search is not offered.
		await expect(plain.getByTestId('search-form').isVisible()).resolves.toBe(false);
		await off.close();
		await on.close();
	});
});

interface Focused {
	href: string | null;
	inMain: boolean;
	onScreen: boolean;
	/** Why the focus cannot be seen, or null when it can. */
	unseen: string | null;
}

/** Where the keyboard's focus is, and whether a sighted reader can see it there. */
async function focused(page: Page): Promise<Focused> {
	const at = await page.evaluate(() => {
		const el = document.activeElement as HTMLElement;
		const box = el.getBoundingClientRect();
		const style = getComputedStyle(el);
		return {
			href: el.getAttribute('href'),
			inMain: document.querySelector('main')!.contains(el),
			onScreen: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight,
			focusVisible: el.matches(':focus-visible'),
			shadow: style.boxShadow,
			outline: { style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor },
			page: getComputedStyle(document.documentElement).backgroundColor,
		};
	});
	const { outline } = at;
	let unseen: string | null = null;
	if (!at.focusVisible) unseen = 'not :focus-visible';
	else if (at.shadow !== 'none') unseen = null;
	else if (outline.style === 'none' || outline.width < 2) unseen = `outline ${outline.style} ${outline.width}px`;
	// A ring must stand out from the page as a control's edge does (WCAG 1.4.11: 3:1).
	else if (contrast(outline.colour, at.page) < 3) unseen = `outline ${outline.colour} on ${at.page}`;
	return { href: at.href, inMain: at.inMain, onScreen: at.onScreen, unseen };
}

describe('with a keyboard', () => {
	for (const colorScheme of ['light', 'dark'] as const) {
		it(`skips to the content first, then reaches every nav link with a visible focus ring, in the ${colorScheme} theme`, async () => {
			const page = await browser.newPage({ colorScheme });
			await page.goto(`${siteUrl}/services/checkout/`);
			await page.keyboard.press('Tab');
			const skip = await focused(page);
			expect(skip).toEqual({ href: '#main', inMain: false, onScreen: true, unseen: null });
			await page.keyboard.press('Enter');
			expect(new URL(page.url()).hash).toBe('#main');
			// The next Tab starts from the content, not from the header again.
			await page.keyboard.press('Tab');
			await expect(focused(page)).resolves.toMatchObject({ inMain: true, unseen: null });

			await page.goto(`${siteUrl}/services/checkout/`);
			const stops: Focused[] = [];
			for (let i = 0; i < 2 + NAV.length; i++) {
				await page.keyboard.press('Tab');
				stops.push(await focused(page));
			}
			await page.close();
			// The skip link, the site's name, then the nav in order, each with a ring a reader can see.
			expect(stops.map((s) => s.href)).toEqual(['#main', '/', ...NAV]);
			expect(stops.filter((s) => s.unseen !== null || !s.onScreen)).toEqual([]);
		});
	}
});

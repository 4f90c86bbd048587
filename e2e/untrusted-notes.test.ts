import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runBuild } from '../scripts/build.ts';
import { loadConfig } from '../scripts/cli/load-config.ts';
import type { HalflifeOptions } from '../scripts/config/options-schema.ts';
import { memoryLogger } from '../scripts/lib/logger.ts';
import { serveSite } from '../scripts/publish/serve-site.ts';
import { launchBrowser } from './browser.ts';

const root = path.resolve(import.meta.dirname, '..');
const NOW = new Date('2026-11-23T00:00:00Z');

// Every way a note has to put an address on the page, each aimed at running script, in a note
// whose author the site does not trust. Line breaks, tabs and NUL inside a destination can only be
// written as character references (Markdown ends a destination at white space and turns NUL into
// U+FFFD); browsers drop tabs and line breaks anywhere in a URL, and C0 controls and spaces around it.
const LINK_TRICKS = [
	'Inline [1](javascript:alert(1)), reference [2][r2], image ![3](javascript:alert(3)), autolink <javascript:alert(4)>,',
	'image reference ![19][r19], literal www.example.com and https://example.com/ (both safe),',
	'mixed case [8](JaVaScRiPt:alert(8)), entities [9](&#106;avascript:alert(9)) and [10](&#x6A;avascript&#58;alert(10)),',
	'a tab [11](<java\tscript:alert(11)>), entity tab [12](java&#9;script:alert(12)), entity line break [13](java&#10;script:alert(13)),',
	'NUL [14](&#0;javascript:alert(14)), a leading control character [15](<\u0001javascript:alert(15)>), spaced [16](< javascript:alert(16)>),',
	'data [17](data:text/html;base64,PHNjcmlwdD5hbGVydCgxNyk8L3NjcmlwdD4=), ![18](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDE4KSIvPg==),',
	'vbscript [20](vbscript:msgbox(20)), and a safe one to the [cart](/services/cart/).',
	'',
	'Raw HTML is shown as text: <a href="javascript:alert(21)">21</a> <img src=x onerror=alert(22)>',
	'<svg><a xlink:href="javascript:alert(23)"><text>23</text></a></svg> <form action="javascript:alert(24)"><button formaction="javascript:alert(25)">25</button></form>',
	'',
	'[r2]: javascript:alert(2)',
	'[r19]: javascript:alert(19)',
	'',
];

// A diagram that tries to loosen Mermaid's config from inside, to become HTML, to link to script
// from a label or a click, and to load something from elsewhere. (Mermaid's grammar has no `url(`
// in `style` lines: such a diagram does not parse.)
const DIAGRAM_TRICKS = [
	'```mermaid',
	'%%{init: {"securityLevel": "loose", "htmlLabels": true, "flowchart": {"htmlLabels": true}, "themeCSS": "@import url(http://evil.example/theme.css);", "fontFamily": "x;background:url(http://evil.example/font.png)"}}%%',
	'flowchart LR',
	'  a["<a href=\'javascript:alert(30)\'>label link</a> <img src=x onerror=alert(31)>"] --> b["<svg><a xlink:href=\'javascript:alert(32)\'>svg</a></svg>"]',
	'  c["`**md** [x](javascript:alert(33))`"] --> d[JaVaScRiPt:alert]',
	'  click a href "javascript:alert(34)"',
	'  click b "JaVaScRiPt:alert(35)"',
	'  click c href "data:text/html;base64,PHNjcmlwdD5hbGVydCgzNik8L3NjcmlwdD4="',
	'  click d href "java&#9;script:alert(37)"',
	'  style d fill:#fee,stroke:#a40e26',
	'```',
	'',
];

// The project's config: notes are untrusted, and teams' plugins, one of them hostile, are code in it.
function config(): string {
	return [
		`import mdx from '@astrojs/mdx';`,
		`import halflife from ${JSON.stringify(path.join(root, 'scripts/integration/index.ts'))};`,
		`const walk = (node, visit) => { visit(node); for (const child of node.children ?? []) walk(child, visit); };`,
		`// A remark plugin and a rehype plugin of the kind teams use.`,
		`const remarkStamp = () => (tree) => { tree.children.push({ type: 'paragraph', children: [{ type: 'text', value: 'Stamped by remark.' }] }); };`,
		`const rehypeTitles = () => (tree) => walk(tree, (node) => { if (node.tagName === 'a' && /^https?:/.test(String(node.properties?.href))) node.properties.title = 'leaves the site'; });`,
		`// One that injects script addresses: the sanitizer runs after it. (MDX has no raw HTML, so not there.)`,
		`const rehypeInject = () => (tree, file) => {`,
		`	tree.children.push({ type: 'element', tagName: 'a', properties: { href: 'javascript:alert(40)' }, children: [{ type: 'text', value: 'Injected by rehype.' }] });`,
		`	if (!file.path.endsWith('.mdx')) tree.children.push({ type: 'raw', value: '<img src="x" onerror="alert(41)">' });`,
		`};`,
		`export default {`,
		`	srcDir: ${JSON.stringify(path.join(root, 'site'))},`,
		`	trailingSlash: 'always',`,
		`	integrations: [halflife({ title: 'Untrusted', notes: { format: 'markdown', remarkPlugins: [remarkStamp], rehypePlugins: [rehypeTitles, rehypeInject] } }), mdx()],`,
		`};`,
		'',
	].join('\n');
}

const note = (service: string, body: string[]) => ['---', `service: ${service}`, 'owner: web', 'reviewed: 2026-11-01', '---', ...body].join('\n');

let project: string;
let browser: Browser;
// The three builds of the same project, served: diagrams drawn at build time, in the reader's browser, and notes trusted.
const sites = {} as Record<'built' | 'fallback' | 'trusted', { url: string; close: () => Promise<void> }>;

beforeAll(async () => {
	await mkdir(path.join(root, '.halflife'), { recursive: true });
	project = await mkdtemp(path.join(root, '.halflife', 'e2e-untrusted-'));
	const content = path.join(project, 'content');
	await mkdir(path.join(content, 'notes'), { recursive: true });
	await mkdir(path.join(content, 'teams'), { recursive: true });
	await writeFile(path.join(project, 'astro.config.mjs'), config());
	await writeFile(path.join(content, 'teams', 'web.md'), '---\nname: Web\n---\n');
	await writeFile(path.join(content, 'notes', 'web.md'), note('web', ['The web tier.', '', ...LINK_TRICKS]));
	await writeFile(path.join(content, 'notes', 'cart.md'), note('cart', ['The cart, as its team sketches it:', '', ...DIAGRAM_TRICKS]));
	await writeFile(path.join(content, 'notes', 'sketch.mdx'), note('sketch', ['An MDX note with a sketch:', '', '```mermaid', 'flowchart LR', '  sketch --> cart', '```', '']));
	const options = await loadConfig(project);
	const build = async (name: keyof typeof sites, changes: Partial<HalflifeOptions>, chromium: string | null) => {
		const site = { ...options, ...changes, site: path.join(project, `site-${name}`), cacheDir: path.join(project, `cache-${name}`) };
		await runBuild({ root: project, options: site, now: NOW, logger: memoryLogger(), browser: chromium });
		const { url, server } = await serveSite(site.site);
		sites[name] = { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
	};
	// Diagrams drawn at build time, then by the reader's browser (no Chromium at build time), then trusted notes.
	await build('built', {}, inject('browserPath'));
	await build('fallback', {}, null);
	await build('trusted', { notes: { ...options.notes, format: 'mdx' } }, inject('browserPath'));
	browser = await launchBrowser();
});
afterAll(async () => {
	for (const visit of visits.values()) await (await visit).page.close();
	await browser?.close();
	for (const site of Object.values(sites)) await site.close();
	await rm(project, { recursive: true, force: true });
});

interface Visit {
	page: Page;
	dialogs: string[];
	requests: string[];
}

// A page opened once per site for the tests that only read it (closed after all): a fallback page draws
// its diagrams in the reader's browser, seconds a visit.
const visits = new Map<string, Promise<Visit>>();
function visitOf(site: keyof typeof sites, pathname: string): Promise<Visit> {
	const key = `${site}${pathname}`;
	if (!visits.has(key)) visits.set(key, open(site, pathname));
	return visits.get(key)!;
}

// Opens a page, records every dialog and request, and waits until every diagram on it is drawn.
async function open(site: keyof typeof sites, pathname: string): Promise<Visit> {
	const page = await browser.newPage();
	const visit: Visit = { page, dialogs: [], requests: [] };
	page.on('dialog', (dialog) => {
		visit.dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	page.on('request', (request) => void visit.requests.push(request.url()));
	await page.goto(`${sites[site].url}${pathname}`);
	await page.waitForFunction(() => document.querySelectorAll('pre.mermaid').length === 0, null, { timeout: 30_000 });
	return visit;
}

// Every address-carrying attribute in the DOM, as the browser reads it: it drops C0 controls and
// spaces around a URL and tabs and line breaks inside it. The site's own inline favicon is left out.
function addresses(page: Page): Promise<{ element: string; name: string; value: string }[]> {
	return page.evaluate(() => {
		const names = ['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'poster'];
		return [...document.querySelectorAll('*')]
			.filter((element) => !element.matches('head > link[rel="icon"]'))
			.flatMap((element) =>
				[...element.attributes]
					.filter((attribute) => names.includes(attribute.name.toLowerCase()))
					.map((attribute) => ({ element: element.localName, name: attribute.name, value: attribute.value.replace(/[\u0000-\u0020]/g, '') })),
			);
	});
}

// Activates every link on the page that does not plainly lead to a page or a mail address, as a
// reader's click would, and returns their addresses: a script address left anywhere opens the
// dialog the page is watched for. `about:blank` is what Mermaid puts in place of an unsafe target.
async function clickSuspectLinks(page: Page): Promise<string[]> {
	const clicked = await page.evaluate(() => {
		const addresses: string[] = [];
		for (const link of document.querySelectorAll('a')) {
			const address = (link.getAttribute('href') ?? link.getAttribute('xlink:href') ?? '').replace(/[\u0000-\u0020]/g, '');
			if (address === '' || address === 'about:blank' || /^(https?:|mailto:|\/|#)/i.test(address)) continue;
			link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
			addresses.push(address);
		}
		return addresses;
	});
	// A `javascript:` navigation runs after the click returns.
	await page.waitForTimeout(500);
	return clicked;
}

const SCRIPT_ADDRESS = /^(?:javascript|vbscript|data):/i;

describe.each(['built', 'fallback'] as const)('an untrusted note, diagrams %s', (site) => {
	it.each(['web', 'cart'])('puts no script address on the page of %s, opens no dialog and sends no request elsewhere', async (slug) => {
		// A visit of its own: the clicks may lead the tab away from the page the other tests read.
		const visit = await open(site, `/services/${slug}/`);
		try {
			const found = await addresses(visit.page);
			expect(found.filter(({ value }) => SCRIPT_ADDRESS.test(value))).toEqual([]);
			const clicked = await clickSuspectLinks(visit.page);
			expect(visit.dialogs, `after clicking ${JSON.stringify(clicked)}`).toEqual([]);
			const origin = sites[site].url;
			expect(visit.requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
		} finally {
			await visit.page.close();
		}
	});

	it('keeps the text of what it dropped, and the safe link', async () => {
		const visit = await visitOf(site, '/services/web/');
		const prose = visit.page.locator('.prose');
		const text = await prose.innerText();
		for (const label of ['Inline 1', 'reference 2', 'autolink javascript:alert(4)', 'mixed case 8', 'vbscript 20']) expect(text).toContain(label);
		expect(text).toContain('<a href="javascript:alert(21)">21</a>');
		await expect(prose.locator('a[href="/services/cart/"]').textContent()).resolves.toBe('cart');
	});

	it('runs the teams\' plugins from astro.config.mjs, before the sanitizer', async () => {
		const visit = await visitOf(site, '/services/web/');
		const prose = visit.page.locator('.prose');
		expect(await prose.innerText()).toContain('Stamped by remark.');
		await expect(prose.locator('a[href="https://example.com/"]').getAttribute('title')).resolves.toBe('leaves the site');
		const injected = prose.locator('a', { hasText: 'Injected by rehype.' });
		expect(await injected.count()).toBe(1);
		expect(await injected.getAttribute('href')).toBeNull();
	});

	it('draws the note\'s Mermaid block with the site\'s config, and keeps its source for readers', async () => {
		const visit = await visitOf(site, '/services/cart/');
		const figure = visit.page.locator('.prose figure.note-diagram');
		const svg = figure.locator('.diagram > svg');
		expect(await svg.count()).toBe(1);
		expect(await svg.getAttribute('id')).toMatch(/^hl-note-cart-[0-9a-f]{12}-[0-9a-f]{8}$/);
		// The directive could not turn labels into HTML or restyle the diagram.
		expect(await svg.locator('foreignObject').count()).toBe(0);
		expect(await svg.locator('style').textContent()).not.toContain('evil.example');
		const labels = (await svg.locator('text').allTextContents()).join(' ');
		expect(labels).toContain('label link');
		await expect(figure.locator('details summary').textContent()).resolves.toBe('Diagram source');
		expect(await figure.locator('details code').textContent()).toContain('click a href "javascript:alert(34)"');
	});
});

describe('a trusted note (notes.format mdx)', () => {
	it.each(['cart', 'sketch'])('draws the Mermaid block of %s at build time', async (slug) => {
		const visit = await open('trusted', `/services/${slug}/`);
		try {
			const svg = visit.page.locator('.prose figure.note-diagram .diagram > svg');
			expect(await svg.count()).toBe(1);
			expect(await svg.getAttribute('id')).toMatch(new RegExp(`^hl-note-${slug}-[0-9a-f]{12}-[0-9a-f]{8}$`));
			// Trusted notes take their plugins' HTML as it is: the hostile plugin's raw HTML runs in the
			// Markdown note (the untrusted format's sanitizer is what stops it), MDX has no raw HTML.
			expect(visit.dialogs).toEqual(slug === 'cart' ? ['41'] : []);
		} finally {
			await visit.page.close();
		}
	});
});

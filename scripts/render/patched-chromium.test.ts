import { chromium } from 'playwright';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../lib/logger.ts';
import { BROWSER_ARGS, findBrowser } from './find-browser.ts';
import { patchedChromium } from './patched-chromium.ts';
import { MERMAID_BUNDLE_URL, patchedMermaidScript } from './patched-mermaid.ts';

const browser = await findBrowser();

// Loads the bundle as mermaid-isomorphic does, and asks whether two getConfig calls share a copy.
async function sharesConfigCopy(browserType: typeof chromium): Promise<boolean> {
	const launched = await browserType.launch({ executablePath: browser!, args: [...BROWSER_ARGS] });
	try {
		const page = await (await launched.newContext({ bypassCSP: true })).newPage();
		await page.goto(new URL('../index.html', import.meta.resolve('mermaid-isomorphic')).href);
		await page.addScriptTag({ url: MERMAID_BUNDLE_URL });
		return await page.evaluate(() => {
			const api = (globalThis as unknown as { mermaid: { mermaidAPI: { getConfig(): unknown } } }).mermaid.mermaidAPI;
			return api.getConfig() === api.getConfig();
		});
	} finally {
		await launched.close();
	}
}

// Skipped on a machine without Chromium, never in CI: .ci/run installs it.
describe.skipIf(browser === null && !process.env['CI'])('patchedChromium', () => {
	it("serves the patched bundle in place of the file, so the page's Mermaid keeps its config copy", { timeout: 60_000 }, async () => {
		expect(await sharesConfigCopy(chromium)).toBe(false);
		expect(await sharesConfigCopy(patchedChromium(patchedMermaidScript(memoryLogger())!))).toBe(true);
	});
});

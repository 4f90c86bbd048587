import { chromium, type BrowserType } from 'playwright';
import { MERMAID_BUNDLE_URL } from './patched-mermaid.ts';

/**
 * Chromium, as mermaid-isomorphic's `browserType`, whose every context answers the request for
 * the Mermaid bundle with `script` instead of the file on disk.
 */
export function patchedChromium(script: string): BrowserType {
	const launch: BrowserType['launch'] = async (options) => {
		const browser = await chromium.launch(options);
		// mermaid-isomorphic opens its one context itself, so routing is set up as each context opens.
		const newContext = browser.newContext.bind(browser);
		browser.newContext = async (contextOptions) => {
			const context = await newContext(contextOptions);
			await context.route(
				(url) => url.href === MERMAID_BUNDLE_URL,
				(route) => route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: script }),
			);
			return context;
		};
		return browser;
	};
	return Object.assign(Object.create(chromium) as BrowserType, { launch });
}

import type { Browser, BrowserType } from 'playwright';

/** A browser type whose browser is launched once and outlives the renderer's idle moments, and the way to close it. */
export interface BatchBrowser {
	browserType: BrowserType;
	/** Closes the browser, if one was launched. */
	close(): Promise<void>;
}

/**
 * Wraps `browserType` for mermaid-isomorphic, which closes its browser whenever no render is in
 * flight: between a tab's pages that is a relaunch, seconds on a busy machine. Here the first
 * launch is kept and reused, and the browser closes only on `close()`, at the end of the batch.
 */
export function batchBrowser(browserType: BrowserType): BatchBrowser {
	let launched: Promise<{ browser: Browser; close: () => Promise<void> }> | undefined;
	const launch: BrowserType['launch'] = async (options) => {
		launched ??= browserType.launch(options).then((browser) => {
			const close = browser.close.bind(browser);
			browser.close = async () => {};
			return { browser, close };
		});
		return (await launched).browser;
	};
	return {
		browserType: Object.assign(Object.create(browserType) as BrowserType, { launch }),
		async close() {
			const started = await launched?.catch(() => undefined);
			await started?.close();
		},
	};
}

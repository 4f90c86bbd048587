import type { Browser, BrowserType } from 'playwright';

/** A browser type whose browser is launched once and outlives the renderer's idle moments, and the way to close it. */
export interface BatchBrowser {
	browserType: BrowserType;
	/** Closes the browser, if one was launched, once its contexts have closed. */
	close(): Promise<void>;
}

/**
 * Wraps `browserType` for mermaid-isomorphic, which closes its browser whenever no render is in
 * flight: between a tab's pages that is a relaunch, seconds on a busy machine. Here the first
 * launch is kept and reused, and the browser closes only on `close()`, at the end of the batch.
 * mermaid-isomorphic does not wait for a context to close, so each close is kept and awaited
 * before the browser goes, and one that fails (the browser went first) is not an unhandled error.
 */
export function batchBrowser(browserType: BrowserType): BatchBrowser {
	let launched: Promise<{ browser: Browser; close: () => Promise<void> }> | undefined;
	const closing = new Set<Promise<void>>();
	const launch: BrowserType['launch'] = async (options) => {
		launched ??= browserType.launch(options).then((browser) => {
			const close = browser.close.bind(browser);
			browser.close = async () => {};
			const newContext = browser.newContext.bind(browser);
			browser.newContext = async (contextOptions) => {
				const context = await newContext(contextOptions);
				const closeContext = context.close.bind(context);
				context.close = (closeOptions) => {
					const done = closeContext(closeOptions).catch(() => {});
					closing.add(done);
					return done;
				};
				return context;
			};
			return { browser, close };
		});
		return (await launched).browser;
	};
	return {
		browserType: Object.assign(Object.create(browserType) as BrowserType, { launch }),
		async close() {
			const started = await launched?.catch(() => undefined);
			await Promise.all(closing);
			await started?.close();
		},
	};
}

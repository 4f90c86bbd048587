import { chromium } from 'playwright';
import { describe, expect, it } from 'vitest';
import { batchBrowser } from './batch-browser.ts';
import { BROWSER_ARGS, findBrowser } from './find-browser.ts';

const browser = await findBrowser();

// Skipped on a machine without Chromium, never in CI: .ci/run installs it.
describe.skipIf(browser === null && !process.env['CI'])('batchBrowser', () => {
	it('launches once, outlives the closes a renderer makes, and closes after the contexts it did not wait for', async () => {
		const rejections: unknown[] = [];
		const onRejection = (reason: unknown) => rejections.push(reason);
		process.on('unhandledRejection', onRejection);
		try {
			const shared = batchBrowser(chromium);
			const options = { executablePath: browser!, args: [...BROWSER_ARGS] };
			const first = await shared.browserType.launch(options);
			const context = await first.newContext();
			await (await context.newPage()).setContent('<p>one</p>');
			// What mermaid-isomorphic does when no render is in flight: close the context without waiting, then the browser.
			void context.close();
			await first.close();
			expect(first.isConnected()).toBe(true);
			const second = await shared.browserType.launch(options);
			expect(second).toBe(first);
			const page = await (await second.newContext()).newPage();
			await page.setContent('<p>two</p>');
			void page.context().close();
			await shared.close();
			expect(first.isConnected()).toBe(false);
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect(rejections).toEqual([]);
		} finally {
			process.off('unhandledRejection', onRejection);
		}
	});
});

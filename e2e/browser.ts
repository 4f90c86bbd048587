import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';
import { BROWSER_ARGS } from '../scripts/render/find-browser.ts';

/** Launches the Chromium the global setup found, with the flags that work on machines without a sandbox or network. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: inject('browserPath'), args: [...BROWSER_ARGS] });
}

import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';

/** Chromium flags for rendering diagrams: headless, no sandbox (containers, CI), and nothing that phones home. */
export const BROWSER_ARGS: readonly string[] = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

/** Where Chromium and Chrome are usually installed, in the order they are tried after the environment variables. */
export const KNOWN_BROWSER_PATHS: readonly string[] = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable',
	'/snap/bin/chromium',
	'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
	'/Applications/Chromium.app/Contents/MacOS/Chromium',
	'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
	'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/** Where to look; the defaults are the real environment, the known paths and Playwright's download. */
export interface FindBrowserOptions {
	env?: Record<string, string | undefined> | undefined;
	knownPaths?: readonly string[] | undefined;
	/** Whether to ask playwright-core where its own Chromium would be. */
	playwright?: boolean | undefined;
}

/**
 * Finds a Chromium or Chrome binary to render diagrams with: `$HALFLIFE_CHROMIUM`, then
 * `$CHROMIUM_PATH`, then the known install paths, then Playwright's own download. Returns the
 * first that is an executable file, or null when there is none.
 */
export async function findBrowser(options: FindBrowserOptions = {}): Promise<string | null> {
	const env = options.env ?? process.env;
	const candidates = [env.HALFLIFE_CHROMIUM, env.CHROMIUM_PATH, ...(options.knownPaths ?? KNOWN_BROWSER_PATHS)];
	for (const candidate of candidates) {
		if (candidate && (await isExecutableFile(candidate))) return candidate;
	}
	if (options.playwright ?? true) {
		const downloaded = await playwrightChromium();
		if (downloaded && (await isExecutableFile(downloaded))) return downloaded;
	}
	return null;
}

async function isExecutableFile(file: string): Promise<boolean> {
	try {
		if (!(await stat(file)).isFile()) return false;
		await access(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

async function playwrightChromium(): Promise<string | null> {
	try {
		// Loaded only when needed: it is large, and most machines find a browser before this.
		const { chromium } = await import('playwright-core');
		return chromium.executablePath() || null;
	} catch {
		// Playwright throws on platforms it has no build for.
		return null;
	}
}

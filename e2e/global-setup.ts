import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../scripts/cli/load-config.ts';
import { buildDemo } from '../scripts/demo/build-demo.ts';
import { memoryLogger } from '../scripts/lib/logger.ts';
import { serveSite } from '../scripts/publish/serve-site.ts';
import { findBrowser } from '../scripts/render/find-browser.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		siteUrl: string;
		siteDir: string;
		browserPath: string;
	}
}

const root = path.resolve(import.meta.dirname, '..');

// Builds the demo exactly as `npm run demo` does, into a temporary site, and serves it on loopback.
export default async function setup(project: TestProject) {
	const browserPath = await findBrowser();
	if (!browserPath) throw new Error('End-to-end tests need Chromium: apt-get install -y chromium, or set HALFLIFE_CHROMIUM.');
	const siteDir = await mkdtemp(path.join(tmpdir(), 'halflife-e2e-'));
	const options = { ...(await loadConfig(root)), site: siteDir };
	const logger = memoryLogger();
	await buildDemo({ root, options, logger, browser: browserPath });
	const { url, server } = await serveSite(siteDir);
	project.provide('siteUrl', url);
	project.provide('siteDir', siteDir);
	project.provide('browserPath', browserPath);
	return async () => {
		await new Promise((resolve) => server.close(resolve));
		await rm(siteDir, { recursive: true, force: true });
	};
}

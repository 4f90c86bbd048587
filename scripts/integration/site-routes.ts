import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the site's pages, shipped in the package beside `scripts/` (and `lib/`, its compiled copy). */
export const ROUTES_DIR = fileURLToPath(new URL('../../site/routes/', import.meta.url));

/** One page of the site: its URL pattern and the file that renders it. */
export interface SiteRoute {
	pattern: string;
	entrypoint: string;
}

/**
 * Every page of the site, found in `site/routes/` the way Astro finds pages in `src/pages/`
 * (`teams/[slug].astro` serves `/teams/[slug]`, `index.astro` serves its folder). The integration
 * injects them, so a team's project holds no copy of the site and upgrading Halflife upgrades it.
 */
export function siteRoutes(dir = ROUTES_DIR): SiteRoute[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((file) => /\.(astro|ts)$/.test(file) && !file.endsWith('.d.ts'))
		.sort()
		.map((file) => {
			const route = file.split(path.sep).join('/').replace(/\.(astro|ts)$/, '').replace(/(^|\/)index$/, '');
			return { pattern: `/${route}`, entrypoint: path.join(dir, file) };
		});
}

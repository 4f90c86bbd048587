// @ts-check
// The baseline the benchmark compares Halflife with: a plain Astro site rendering the same
// MDX pages, with nothing of Halflife's (no model, no diagrams, no versions, no search).
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';

export default defineConfig({
	srcDir: './site',
	trailingSlash: 'always',
	// The benchmark gives each run its own cache, as Halflife's builds have.
	...(process.env['PLAIN_CACHE_DIR'] ? { cacheDir: process.env['PLAIN_CACHE_DIR'] } : {}),
	integrations: [mdx()],
});

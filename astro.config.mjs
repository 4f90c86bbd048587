// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import halflife from './scripts/integration/index.ts';

export default defineConfig({
	srcDir: './site',
	trailingSlash: 'always',
	integrations: [
		halflife({
			title: 'Basketful · Halflife demo',
			content: 'content',
			site: 'dist',
			windowDays: 7,
			staleAfterDays: 90,
		}),
		mdx(),
	],
});

// @ts-check
import { defineConfig } from 'astro/config';
import halflife from './scripts/integration/index.ts';

// The demo's project: a team's own would import `halflife` from its dependencies instead.
export default defineConfig({
	integrations: [
		halflife({
			title: 'Basketful · Halflife demo',
			content: 'content',
			site: 'dist',
			windowDays: 7,
			staleAfterDays: 90,
		}),
	],
});

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
			// What a newcomer should follow first: telemetry alone would not put it first (it carries few calls).
			start: {
				flows: [{ title: 'Checkout', path: ['api-gateway', 'checkout', 'payments'], why: 'the flow that earns the money, a basket becoming a paid order' }],
			},
		}),
	],
});

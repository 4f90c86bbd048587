import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['scripts/**/*.test.ts', 'site/**/*.test.ts', 'tests/**/*.test.ts'],
					testTimeout: 60_000,
					// Hooks launch Chromium or build sites too, and a busy 2-core runner takes longer than 10 s for that.
					hookTimeout: 60_000,
				},
			},
			{
				test: {
					name: 'e2e',
					include: ['e2e/**/*.test.ts'],
					globalSetup: ['e2e/global-setup.ts'],
					testTimeout: 120_000,
					hookTimeout: 600_000,
					// Two files at a time: much of a file's time is waiting on Chromium, Astro's worker or a spawned CLI.
					maxWorkers: 2,
				},
			},
		],
	},
});

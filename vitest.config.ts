import { defineConfig } from 'vitest/config';

const UNIT = ['scripts/**/*.test.ts', 'site/**/*.test.ts', 'tests/**/*.test.ts'];
// Files that replace a module (vi.mock, vi.spyOn) or measure a process's memory: each gets a fresh module graph.
const ISOLATED = [
	'scripts/render/render-diagrams-no-browser.test.ts',
	'scripts/cli/review-command.test.ts',
	'scripts/cli/export-command.test.ts',
	'scripts/sources/prometheus/prometheus-source.test.ts',
	'scripts/sources/http/bounded-answers.test.ts',
];

export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: UNIT,
					exclude: ISOLATED,
					testTimeout: 60_000,
					// Test files share their worker's modules: importing Astro, zod and the pipeline once per worker
					// instead of once per file saves about a minute and a half of a CI run.
					isolate: false,
					// Hooks launch Chromium or build sites too, and a busy 2-core runner takes longer than 10 s for that.
					hookTimeout: 60_000,
				},
			},
			{
				test: {
					name: 'unit-isolated',
					include: ISOLATED,
					testTimeout: 60_000,
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

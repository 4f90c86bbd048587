import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../lib/logger.ts';
import { renderDiagrams } from './render-diagrams.ts';

// A machine with no Chromium anywhere: the search finds none.
vi.mock('./find-browser.ts', async (original) => ({ ...(await original<typeof import('./find-browser.ts')>()), findBrowser: async () => null }));

const diagrams = [
	{ id: 'one', source: 'flowchart LR\n  a --> b' },
	{ id: 'two', source: 'flowchart LR\n  b --> c' },
];

let cacheDir: string;
beforeEach(async () => {
	cacheDir = await mkdtemp(path.join(tmpdir(), 'halflife-render-'));
});
afterEach(async () => {
	await rm(cacheDir, { recursive: true, force: true });
});

describe('renderDiagrams without a browser', () => {
	it('returns every diagram as source, with one warning saying what to install, when none is found', async () => {
		const log = memoryLogger();
		const results = await renderDiagrams(diagrams, { cacheDir, logger: log });
		for (const { id, source } of diagrams) expect(results.get(id)).toEqual({ fallback: source });
		expect(results.stats).toMatchObject({ diagrams: 2, cached: 0, rendered: 0, fallback: 2, browserLaunched: false });
		const warnings = log.lines.filter((line) => line.startsWith('warn:'));
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toContain('BrowserNotFound');
		expect(warnings[0]).toContain('apt-get install -y chromium');
		expect(warnings[0]).toContain('/usr/bin/chromium');
		expect(await readdir(cacheDir)).toEqual([]);
	});

	it('leaves every diagram to the reader without a warning when asked to (--no-diagrams)', async () => {
		const log = memoryLogger();
		const results = await renderDiagrams(diagrams, { cacheDir, browser: null, logger: log });
		for (const { id, source } of diagrams) expect(results.get(id)).toEqual({ fallback: source });
		expect(log.lines.filter((line) => line.startsWith('warn:'))).toEqual([]);
	});
});

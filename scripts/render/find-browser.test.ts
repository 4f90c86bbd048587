import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from './find-browser.ts';

let dir: string;
let first: string;
let second: string;
let third: string;
let notExecutable: string;
let folder: string;

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-find-browser-'));
	[first, second, third, notExecutable] = ['first', 'second', 'third', 'plain'].map((name) => path.join(dir, name)) as [string, string, string, string];
	for (const file of [first, second, third, notExecutable]) await writeFile(file, '#!/bin/sh\n');
	for (const file of [first, second, third]) await chmod(file, 0o755);
	folder = path.join(dir, 'folder');
	await mkdir(folder);
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

const find = (env: Record<string, string | undefined>, knownPaths: string[]) => findBrowser({ env, knownPaths, playwright: false });

describe('findBrowser', () => {
	it('prefers $HALFLIFE_CHROMIUM, then $CHROMIUM_PATH, then the known paths', async () => {
		expect(await find({ HALFLIFE_CHROMIUM: first, CHROMIUM_PATH: second }, [third])).toBe(first);
		expect(await find({ CHROMIUM_PATH: second }, [third])).toBe(second);
		expect(await find({}, [third])).toBe(third);
	});

	it('skips what is missing, not executable or not a file', async () => {
		const missing = path.join(dir, 'missing');
		expect(await find({ HALFLIFE_CHROMIUM: missing, CHROMIUM_PATH: notExecutable }, [folder, third])).toBe(third);
		expect(await find({ HALFLIFE_CHROMIUM: '' }, [missing, notExecutable, folder])).toBeNull();
	});

	it('falls back to the browser Playwright would use, only when that file exists', async () => {
		const { chromium } = await import('playwright-core');
		const downloaded = chromium.executablePath();
		const exists = await find({ HALFLIFE_CHROMIUM: downloaded }, []);
		expect(await findBrowser({ env: {}, knownPaths: [] })).toBe(exists);
	});
});

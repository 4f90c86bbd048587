import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedIdToken, diagramCacheKey, readCachedSvg, writeCachedSvg } from './diagram-cache.ts';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-diagram-cache-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('diagram cache', () => {
	it('keys by source', () => {
		const key = diagramCacheKey('flowchart LR\n\tn0("a")\n');
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(diagramCacheKey('flowchart LR\n\tn0("a")\n')).toBe(key);
		expect(diagramCacheKey('flowchart LR\n\tn0("b")\n')).not.toBe(key);
	});

	it('reads back what it wrote, leaving no temporary files', async () => {
		const key = diagramCacheKey('one');
		const svg = `<svg id="${cachedIdToken(key)}"><g/></svg>`;
		expect(await readCachedSvg(dir, key)).toBeNull();
		await writeCachedSvg(dir, key, svg);
		expect(await readCachedSvg(dir, key)).toBe(svg);
		expect(await readdir(dir)).toEqual([`${key}.svg`]);
	});

	it('treats a truncated or foreign file as a miss', async () => {
		const key = diagramCacheKey('two');
		await writeFile(path.join(dir, `${key}.svg`), `<svg id="${cachedIdToken(key)}"><g/>`);
		expect(await readCachedSvg(dir, key)).toBeNull();
		await writeFile(path.join(dir, `${key}.svg`), '<svg id="other"><g/></svg>');
		expect(await readCachedSvg(dir, key)).toBeNull();
	});
});

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { renderCache } from './render-cache.ts';

// A real renderer that counts how often it really renders.
async function counted(): Promise<{ renderer: MarkdownRenderer; calls: () => number }> {
	const real = await createMarkdownProcessor();
	let calls = 0;
	return {
		renderer: { render: (content, options) => (calls++, real.render(content, options)) },
		calls: () => calls,
	};
}

const fileURL = new URL('file:///pages/cart.md');

describe('renderCache', () => {
	it('gives a later build the same result without rendering, and renders a changed note afresh', async () => {
		const file = path.join(await mkdtemp(path.join(tmpdir(), 'render-cache-')), 'notes.json');
		const first = await counted();
		const cold = renderCache(file, 'v1').wrap(first.renderer, 'settings');
		const fresh = await cold.render('# Cart\n\n"Quoted" text.', { fileURL, frontmatter: { slug: 'cart' } });
		await renderCache(file, 'v1').save(); // a build that used nothing writes nothing over the first
		const writer = renderCache(file, 'v1');
		await writer.wrap(first.renderer, 'settings').render('# Cart\n\n"Quoted" text.', { fileURL, frontmatter: { slug: 'cart' } });
		await writer.save();

		const second = await counted();
		const warm = renderCache(file, 'v1').wrap(second.renderer, 'settings');
		expect(await warm.render('# Cart\n\n"Quoted" text.', { fileURL, frontmatter: { slug: 'cart' } })).toEqual(fresh);
		expect(second.calls()).toBe(0);
		const changed = await warm.render('# Cart\n\nNew text.', { fileURL, frontmatter: { slug: 'cart' } });
		expect(second.calls()).toBe(1);
		expect(changed.code).toContain('New text.');
	});

	it('ignores a cache written under another fingerprint or with other settings, and an unreadable one', async () => {
		const file = path.join(await mkdtemp(path.join(tmpdir(), 'render-cache-')), 'notes.json');
		const first = await counted();
		const cache = renderCache(file, 'v1');
		await cache.wrap(first.renderer, 'settings').render('Text', { fileURL });
		await cache.save();
		for (const [fingerprint, settings] of [['v2', 'settings'], ['v1', 'other settings']] as const) {
			const again = await counted();
			await renderCache(file, fingerprint).wrap(again.renderer, settings).render('Text', { fileURL });
			expect(again.calls()).toBe(1);
		}
		await writeFile(file, '{ not json');
		const again = await counted();
		await renderCache(file, 'v1').wrap(again.renderer, 'settings').render('Text', { fileURL });
		expect(again.calls()).toBe(1);
	});

	it('keeps only the notes the last build used', async () => {
		const file = path.join(await mkdtemp(path.join(tmpdir(), 'render-cache-')), 'notes.json');
		const { renderer } = await counted();
		const first = renderCache(file, 'v1');
		await first.wrap(renderer, 's').render('One', { fileURL });
		await first.wrap(renderer, 's').render('Two', { fileURL });
		await first.save();
		const second = renderCache(file, 'v1');
		await second.wrap(renderer, 's').render('Two', { fileURL });
		await second.save();
		const kept = JSON.parse(await readFile(file, 'utf8')) as { entries: Record<string, { code: string }> };
		expect(Object.values(kept.entries).map((entry) => entry.code)).toEqual(['<p>Two</p>']);
	});
});

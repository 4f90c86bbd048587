import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { MarkdownRenderer, MarkdownRenderOptions, MarkdownRenderResult } from '@astrojs/markdown-remark';
import { writeFileAtomic } from '../lib/write-file-atomic.ts';

/** Rendered Markdown kept between builds, by what went into rendering it. */
export interface RenderCache {
	/** Wraps a renderer (`settings` are the options it was made with) so a note an earlier build rendered alike is not rendered again. */
	wrap(renderer: MarkdownRenderer, settings: string): MarkdownRenderer;
	/** Writes the results this build used (and only those, so the file never outgrows the site) when any was new. */
	save(): Promise<void>;
}

interface CacheFile {
	fingerprint: string;
	entries: Record<string, MarkdownRenderResult>;
}

/**
 * A cache of rendered notes in `file`. `fingerprint` stands for everything besides a note's own
 * text that shapes its HTML (Halflife's version, the processor's options and plugins): a file
 * written under another fingerprint is ignored. A warm build re-renders only the notes that changed,
 * as Astro's content layer does for a collection's Markdown.
 */
export function renderCache(file: string, fingerprint: string): RenderCache {
	let previous: Record<string, MarkdownRenderResult> | undefined;
	const used = new Map<string, MarkdownRenderResult>();
	let rendered = 0;
	const load = () => (previous ??= readCache(file, fingerprint));
	return {
		wrap: (renderer, settings) => ({
			async render(content: string, options?: MarkdownRenderOptions) {
				const key = keyOf(settings, content, options);
				const known = used.get(key) ?? load()[key];
				if (known) {
					used.set(key, known);
					// A copy: Astro's Markdown plugin may adjust what it is given.
					return structuredClone(known);
				}
				const result = await renderer.render(content, options);
				used.set(key, structuredClone(result));
				rendered++;
				return result;
			},
		}),
		async save() {
			if (rendered === 0 && used.size === Object.keys(load()).length) return;
			const data: CacheFile = { fingerprint, entries: Object.fromEntries(used) };
			await writeFileAtomic(file, JSON.stringify(data));
		},
	};
}

function keyOf(settings: string, content: string, options: MarkdownRenderOptions | undefined): string {
	return createHash('sha256')
		.update(JSON.stringify([settings, options?.fileURL?.href ?? null, options?.frontmatter ?? {}, content]))
		.digest('base64url');
}

// A missing, unreadable or foreign cache is an empty one: the notes are rendered afresh.
function readCache(file: string, fingerprint: string): Record<string, MarkdownRenderResult> {
	try {
		const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
		return data.fingerprint === fingerprint && data.entries && typeof data.entries === 'object' ? data.entries : {};
	} catch {
		return {};
	}
}

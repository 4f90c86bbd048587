import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeIfChanged } from '../lib/write-file-atomic.ts';
import type { Model } from '../model/model-schema.ts';
import type { Note } from '../notes/load-content.ts';
import { replaceSectionMarkers } from '../notes/read-sections.ts';
import { sectionFreshnessHtml } from './section-freshness-html.ts';

/** How many page files a generate run wrote, left alone, and removed. */
export interface WriteStats {
	written: number;
	unchanged: number;
	removed: number;
}

/**
 * Writes one page per service into `pagesDir`: the team's note body as the page's prose,
 * under frontmatter that holds only the slug. Everything else on the page (names, ages,
 * calls) is untrusted or computed, so the site reads it from the model as data; nothing
 * from telemetry is ever written into page source. MDX notes stay MDX; Markdown notes are
 * written as Markdown, because the MDX compiler would read their `{` and `<` as code. With
 * `format: 'markdown'` every note is written as Markdown, so no note runs as code.
 * Section review markers become a freshness line under their heading. `onProgress` hears how
 * many pages are done, of how many.
 */
export async function writePages(
	model: Model,
	notes: Note[],
	pagesDir: string,
	options: { format: 'mdx' | 'markdown'; onProgress?: ((done: number, total: number) => void) | undefined },
): Promise<WriteStats> {
	await mkdir(pagesDir, { recursive: true });
	const notesByService = new Map(notes.map((note) => [note.service, note]));
	const wanted = new Set<string>();
	const stats: WriteStats = { written: 0, unchanged: 0, removed: 0 };
	for (const service of model.services) {
		// A broken note is published without its prose: its body may be what broke it.
		const note = service.broken ? undefined : notesByService.get(service.name);
		const format = note?.format === 'mdx' && options.format === 'mdx' ? 'mdx' : 'md';
		const file = `${service.slug}.${format}`;
		wanted.add(file);
		const sections = service.note?.sections ?? [];
		const body = note ? replaceSectionMarkers(note.body, ({ index }) => sectionFreshnessHtml(sections[index]!, model.build.now)) : '';
		// The slug is [a-z0-9-] by construction, so it is safe as YAML and as a file name.
		const source = `---\nslug: ${service.slug}\n---\n${body}`;
		if (await writeIfChanged(path.join(pagesDir, file), source)) stats.written++;
		else stats.unchanged++;
		options.onProgress?.(stats.written + stats.unchanged, model.services.length);
	}
	for (const file of await readdir(pagesDir)) {
		if (wanted.has(file)) continue;
		await rm(path.join(pagesDir, file), { force: true });
		stats.removed++;
	}
	return stats;
}

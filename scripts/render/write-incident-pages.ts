import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Incident } from '../incidents/load-incidents.ts';
import { writeIfChanged } from '../lib/write-file-atomic.ts';
import type { Model } from '../model/model-schema.ts';
import type { WriteStats } from './write-pages.ts';

/**
 * Writes one page per incident into `pagesDir`: the review's prose under frontmatter that holds
 * only the slug, as `writePages` does for notes, so the same Markdown and MDX setup (and, with
 * `format: 'markdown'`, the same sanitizing) renders it. Everything else on the page comes from
 * the model as data.
 */
export async function writeIncidentPages(model: Model, incidents: readonly Incident[], pagesDir: string, options: { format: 'mdx' | 'markdown' }): Promise<WriteStats> {
	await mkdir(pagesDir, { recursive: true });
	const byId = new Map(incidents.map((incident) => [incident.id, incident]));
	const wanted = new Set<string>();
	const stats: WriteStats = { written: 0, unchanged: 0, removed: 0 };
	for (const entry of model.incidents) {
		const incident = byId.get(entry.id);
		const format = incident?.format === 'mdx' && options.format === 'mdx' ? 'mdx' : 'md';
		const file = `${entry.slug}.${format}`;
		wanted.add(file);
		// The slug is [a-z0-9-] by construction, so it is safe as YAML and as a file name.
		if (await writeIfChanged(path.join(pagesDir, file), `---\nslug: ${entry.slug}\n---\n${incident?.body ?? ''}`)) stats.written++;
		else stats.unchanged++;
	}
	for (const file of await readdir(pagesDir)) {
		if (wanted.has(file)) continue;
		await rm(path.join(pagesDir, file), { force: true });
		stats.removed++;
	}
	return stats;
}

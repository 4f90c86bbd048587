import * as pagefind from 'pagefind';

/** Builds the pagefind search index of a site folder into `outputPath`; returns how many pages it indexed. */
export async function indexForSearch(siteDir: string, outputPath: string): Promise<number> {
	const { index, errors } = await pagefind.createIndex({});
	if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`);
	try {
		const added = await index.addDirectory({ path: siteDir });
		if (added.errors.length > 0) throw new Error(`pagefind could not index ${siteDir}: ${added.errors.join('; ')}`);
		const written = await index.writeFiles({ outputPath });
		if (written.errors.length > 0) throw new Error(`pagefind could not write its index: ${written.errors.join('; ')}`);
		return added.page_count;
	} finally {
		await index.deleteIndex();
	}
}

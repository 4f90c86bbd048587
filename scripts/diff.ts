import path from 'node:path';
import type { ShiftOptions } from './config/shift-options.ts';
import { HalflifeError } from './errors/halflife-error.ts';
import { diffModels, type BuildChanges } from './model/diff-models.ts';
import { nearestName } from './notes/nearest-name.ts';
import { readVersionModel, readVersionsIndex } from './publish/versions-index.ts';

/** Two builds compared. */
export interface DiffResult {
	/** The older build, or null when `to` is the first. */
	from: string | null;
	/** The newer build. */
	to: string;
	changes: BuildChanges;
}

/**
 * Compares two published builds of a site by their models (kept for every version, pruned ones
 * included). `to` defaults to the latest build and `from` to the build before `to`.
 */
export async function runDiff(input: { siteDir: string; from?: string | undefined; to?: string | undefined; shifts?: ShiftOptions | undefined }): Promise<DiffResult> {
	const index = await readVersionsIndex(path.join(input.siteDir, 'versions.json'));
	const ids = index.versions.map((v) => v.id);
	if (ids.length === 0) throw new HalflifeError('VersionNotFound', { params: { id: input.to ?? 'latest', site: input.siteDir, fix: 'The site has no builds yet: run `halflife build` first.' } });
	const find = (id: string) => {
		if (ids.includes(id)) return id;
		const near = nearestName(id, ids);
		throw new HalflifeError('VersionNotFound', {
			params: { id, site: input.siteDir, fix: near ? `Did you mean \`${near}\`?` : `Builds: ${ids.slice(-5).join(', ')}${ids.length > 5 ? ` and ${ids.length - 5} earlier` : ''}.` },
		});
	};
	const to = input.to ? find(input.to) : ids.at(-1)!;
	const from = input.from ? find(input.from) : (ids[ids.indexOf(to) - 1] ?? null);
	const [before, after] = await Promise.all([from ? readVersionModel(input.siteDir, from) : null, readVersionModel(input.siteDir, to)]);
	return { from, to, changes: diffModels(before, after, input.shifts) };
}

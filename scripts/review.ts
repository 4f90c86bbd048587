import path from 'node:path';
import { HalflifeError } from './errors/halflife-error.ts';
import { compare } from './lib/compare.ts';
import type { QueueItem } from './model/model-schema.ts';
import { editDistance } from './notes/nearest-name.ts';
import { readVersionModel, readVersionsIndex } from './publish/versions-index.ts';

/** One team's review queue, as `halflife review` prints it. */
export interface TeamReview {
	/** Team id. */
	id: string;
	/** Display name. */
	name: string;
	/** Site path of the team's queue page. */
	page: string;
	/** Every open item, the longest open first, then the riskiest (the model's order). */
	queue: QueueItem[];
}

/** The review queues of a site's latest build. */
export interface ReviewResult {
	/** The build they are from. */
	build: string;
	/** That build's clock. */
	now: string;
	/** Each team's queue, by team id; one team with `--team`. */
	teams: TeamReview[];
}

// Teams suggested for an id that names none: enough to spot a typo, few enough to read.
const SUGGESTIONS = 3;

/** The latest published build's review queues, of every team or of the one with id `team`; an unknown id names the nearest known ones. */
export async function runReview(input: { siteDir: string; team?: string | undefined }): Promise<ReviewResult> {
	const index = await readVersionsIndex(path.join(input.siteDir, 'versions.json'));
	const latest = index.versions.at(-1)?.id;
	if (!latest) throw new HalflifeError('VersionNotFound', { params: { id: 'latest', site: input.siteDir, fix: 'The site has no builds yet: run `halflife build` first.' } });
	const model = await readVersionModel(input.siteDir, latest);
	const teams = model.teams.map((t) => ({ id: t.id, name: t.name, page: `/teams/${t.slug}/queue/`, queue: t.queue }));
	if (input.team === undefined) return { build: model.build.id, now: model.build.now, teams };
	const wanted = input.team;
	const found = teams.find((t) => t.id === wanted);
	if (found) return { build: model.build.id, now: model.build.now, teams: [found] };
	const near = teams.map((t) => t.id).sort((a, b) => editDistance(wanted.toLowerCase(), a.toLowerCase()) - editDistance(wanted.toLowerCase(), b.toLowerCase()) || compare(a, b));
	const fix = near.length === 0 ? 'The build has no teams.' : `Nearest known teams: ${near.slice(0, SUGGESTIONS).map((id) => `\`${id}\``).join(', ')}${near.length > SUGGESTIONS ? ` (of ${near.length})` : ''}.`;
	throw new HalflifeError('TeamNotFound', { params: { id: wanted, build: model.build.id, fix } });
}

import path from 'node:path';
import { loadCatalogs } from './catalogs/load-catalogs.ts';
import type { HalflifeOptions } from './config/options-schema.ts';
import { snapshotsDirOf } from './config/paths.ts';
import { HalflifeError, type Problem } from './errors/halflife-error.ts';
import { sortProblems } from './errors/sort-problems.ts';
import { machineNow } from './lib/build-clock.ts';
import { checkDependencies, observedNames } from './model/check-dependencies.ts';
import { checkOwners } from './model/check-owners.ts';
import { checkCodeowners } from './model/check-codeowners.ts';
import { checkIncidentOwners, checkIncidents } from './incidents/check-incidents.ts';
import { loadIncidents, type Incident } from './incidents/load-incidents.ts';
import { describeServices, type Beliefs } from './model/describe-services.ts';
import { lastCommitDates } from './notes/git-dates.ts';
import { noteHistories, type NoteHistories } from './notes/git-note-history.ts';
import { reviewFromGit } from './notes/review-from-git.ts';
import { codeownersRule, type Codeowners } from './notes/codeowners.ts';
import { byOwningTeam } from './notes/owning-team.ts';
import { readCodeowners } from './notes/read-codeowners.ts';
import { ownerOf } from './catalogs/parse-entity-ref.ts';
import { loadContent, type Content, type Note, type Team } from './notes/load-content.ts';
import { readDeploys, type DeployEvent } from './sources/deploys/read-deploys.ts';
import { readLatestSnapshot } from './sources/pull.ts';

/** What people wrote down, combined, with every problem found reading it. */
export interface ReadBeliefs {
	content: Content;
	beliefs: Beliefs;
	/** Deploy events, which count as changes since a review. */
	deploys: DeployEvent[];
	/** Post-incident reviews that could be read. */
	incidents: Incident[];
	/** Errors and warnings from notes, teams, catalogs and ownership, in file order. */
	problems: Problem[];
}

/**
 * Reads notes, teams and catalogs, combines them into one description per service and checks
 * ownership. Dependencies are checked separately, once telemetry says which names are real.
 */
export async function readBeliefs(contentDir: string, options: HalflifeOptions, now: Date, gitDir = contentDir): Promise<ReadBeliefs> {
	const [git, histories] = options.notes.gitDates ? await Promise.all([lastCommitDates(gitDir), noteHistories(gitDir)]) : [null, null];
	const bodies = { mdx: options.notes.format === 'mdx', checkUrls: options.notes.format === 'markdown' };
	const [loaded, catalog, deploys, incidents, codeowners] = await Promise.all([
		loadContent(contentDir, { now, git, ...bodies }),
		loadCatalogs(contentDir, options.catalogs.paths),
		readDeploys(contentDir, options.deploys.paths),
		loadIncidents(contentDir, { now, ...bodies }),
		readCodeowners(histories?.root ?? null),
	]);
	const prefix = histories?.prefix ?? '';
	const content = { ...loaded, notes: loaded.notes.map((note) => withGitReview(note, histories, { codeowners, prefix, teams: loaded.teams })) };
	const beliefs = describeServices(content, catalog, git);
	const problems = [...content.problems, ...catalog.problems, ...deploys.problems, ...beliefs.problems, ...checkOwners(beliefs, options.owners.departed, content.broken), ...checkCodeowners(content.notes, codeowners, prefix), ...incidents.problems, ...checkIncidentOwners(incidents.incidents, beliefs)];
	const gitDated = content.notes.filter((n) => n.reviewedFrom === 'git').length + catalog.files.length;
	// A shallow clone knows one commit, so every file would look changed today.
	if (git?.shallow && gitDated > 0) {
		problems.push({ severity: 'warning', error: new HalflifeError('ShallowClone', { params: { files: gitDated === 1 ? '1 file is' : `${gitDated} files are` } }) });
	}
	return { content, beliefs, deploys: deploys.events, incidents: incidents.incidents, problems: sortProblems(problems) };
}

/**
 * Validates notes, teams and catalogs and returns every problem found, errors and warnings.
 * Dependencies are checked against the newest pulled snapshot when there is one, so a service
 * telemetry has seen is not reported as unknown. `now` is the build's clock, the machine's time
 * when absent as for a build, so reviews dated after it are flagged as a build flags them.
 */
export async function runCheck(input: { root: string; options: HalflifeOptions; now?: Date | undefined }): Promise<Problem[]> {
	const contentDir = path.resolve(input.root, input.options.content);
	const { beliefs, incidents, problems } = await readBeliefs(contentDir, input.options, input.now ?? machineNow());
	const latest = await readLatestSnapshot(snapshotsDirOf(path.resolve(input.root, input.options.cacheDir), contentDir));
	const observed = observedNames(latest);
	return sortProblems([...problems, ...checkDependencies(beliefs, observed), ...checkIncidents(incidents, beliefs, observed)]);
}

// What tells whether a review's author is of the owning team.
interface Membership {
	codeowners: Codeowners | null;
	/** The content folder's path inside the repository. */
	prefix: string;
	teams: readonly Team[];
}

// A date git fell back to (no `reviewed:`) is nobody's review, so it has no kind.
function withGitReview(note: Note, histories: NoteHistories | null, membership: Membership): Note {
	if (!histories?.known || note.reviewedFrom !== 'frontmatter') return note;
	const review = reviewFromGit(histories.files.get(note.file) ?? [], note.reviewed);
	if (!review) return note;
	const owner = ownerOf(note.owner);
	const members = membership.teams.find((team) => team.id === owner)?.members ?? [];
	const rule = membership.codeowners ? codeownersRule(membership.codeowners, membership.prefix + note.file) : null;
	return { ...note, gitReview: { ...review, byOwningTeam: byOwningTeam(review.author, { members, rule }) } };
}

import { glob, readFile } from 'node:fs/promises';
import path from 'node:path';
import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import { nearestName } from './nearest-name.ts';
import { noteFieldExamples, noteFrontmatterSchema, teamFrontmatterSchema, type NoteFrontmatter } from './note-schema.ts';
import { readFrontmatter } from './read-frontmatter.ts';
import { validateFrontmatter } from './validate-frontmatter.ts';

/** A team's note about one service: validated frontmatter plus the prose body. */
export interface Note extends NoteFrontmatter {
	/** Path relative to the content folder, with forward slashes. */
	file: string;
	/** Markdown or MDX, from the file extension. */
	format: 'md' | 'mdx';
	/** The team's prose, everything after the frontmatter. */
	body: string;
}

/** A team from `teams/<id>.md`. */
export interface Team {
	/** The file name without its extension. */
	id: string;
	/** Path relative to the content folder. */
	file: string;
	/** Display name. */
	name: string;
	/** One line on what the team does, or null. */
	description: string | null;
	/** Where to reach the team, or null. */
	contact: string | null;
	/** The team's prose. */
	body: string;
}

/** Everything people wrote down, and every problem found reading it. */
export interface Content {
	notes: Note[];
	teams: Team[];
	problems: Problem[];
}

/**
 * Reads `notes/` and `teams/` under the content folder. It never stops at the first problem:
 * every file is read and every problem is collected, so `halflife check` can list them all.
 */
export async function loadContent(contentDir: string, options: { now?: Date } = {}): Promise<Content> {
	const problems: Problem[] = [];
	const error = (e: HalflifeError) => problems.push({ severity: 'error', error: e });
	const warn = (e: HalflifeError) => problems.push({ severity: 'warning', error: e });

	const teams: Team[] = [];
	for (const file of await listFiles(contentDir, 'teams/**/*.md')) {
		const text = await readFile(path.join(contentDir, file), 'utf8');
		try {
			const frontmatter = readFrontmatter(file, text);
			const result = validateFrontmatter(teamFrontmatterSchema, file, frontmatter, {
				name: 'name: Payments',
				description: 'description: Money in and out.',
				contact: "contact: '#payments'",
			});
			result.errors.forEach(error);
			if (result.data) {
				teams.push({
					id: path.basename(file, '.md'),
					file,
					name: result.data.name,
					description: result.data.description ?? null,
					contact: result.data.contact ?? null,
					body: frontmatter.body,
				});
			}
		} catch (e) {
			if (!(e instanceof HalflifeError)) throw e;
			error(e);
		}
	}
	const teamIds = new Set(teams.map((team) => team.id));

	const notes: Note[] = [];
	const byService = new Map<string, Note>();
	for (const file of await listFiles(contentDir, 'notes/**/*.{md,mdx}')) {
		const text = await readFile(path.join(contentDir, file), 'utf8');
		let frontmatter;
		try {
			frontmatter = readFrontmatter(file, text);
		} catch (e) {
			if (!(e instanceof HalflifeError)) throw e;
			error(e);
			continue;
		}
		const result = validateFrontmatter(noteFrontmatterSchema, file, frontmatter, noteFieldExamples);
		result.errors.forEach(error);
		if (!result.data) continue;
		const note: Note = {
			...result.data,
			file,
			format: file.endsWith('.mdx') ? 'mdx' : 'md',
			body: frontmatter.body,
		};
		const other = byService.get(note.service);
		if (other) {
			error(
				new HalflifeError('DuplicateService', {
					location: { file, line: frontmatter.lineOf('service'), column: 1 },
					params: { service: note.service, other: other.file },
				}),
			);
			continue;
		}
		if (!teamIds.has(note.owner)) {
			const near = nearestName(note.owner, teamIds);
			error(
				new HalflifeError('UnknownTeam', {
					location: { file, line: frontmatter.lineOf('owner'), column: 1 },
					params: {
						owner: note.owner,
						teamsDir: 'teams/',
						fix: near
							? `Did you mean \`${near}\`?`
							: `Add teams/${note.owner}.md, or use one of: ${[...teamIds].sort().join(', ') || '(no teams yet)'}.`,
					},
				}),
			);
		}
		if (options.now && Date.parse(`${note.reviewed}T00:00:00Z`) > options.now.getTime()) {
			warn(
				new HalflifeError('ReviewedInFuture', {
					location: { file, line: frontmatter.lineOf('reviewed'), column: 1 },
					params: { reviewed: note.reviewed, now: options.now.toISOString() },
				}),
			);
		}
		byService.set(note.service, note);
		notes.push(note);
	}
	return { notes, teams, problems };
}

async function listFiles(contentDir: string, pattern: string): Promise<string[]> {
	const files: string[] = [];
	for await (const file of glob(pattern, { cwd: contentDir })) files.push(file.split(path.sep).join('/'));
	return files.sort();
}

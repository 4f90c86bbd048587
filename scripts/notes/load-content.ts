import { glob, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ownerOf } from '../catalogs/parse-entity-ref.ts';
import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import type { NoteReview } from '../model/model-schema.ts';
import { checkMdxBody } from './check-mdx-body.ts';
import { checkNoteUrls } from './check-note-urls.ts';
import { lastCommitDates, type GitDates } from './git-dates.ts';
import { noteFieldExamples, noteFrontmatterSchema, teamFrontmatterSchema, type NoteFrontmatter } from './note-schema.ts';
import { readFrontmatter } from './read-frontmatter.ts';
import { readSections, type NoteSection } from './read-sections.ts';
import { validateFrontmatter } from './validate-frontmatter.ts';

/** Where a value sits in its file. */
export interface Position {
	line: number;
	column: number;
}

/** A team's note about one service: validated frontmatter plus the prose body. */
export interface Note extends Omit<NoteFrontmatter, 'reviewed'> {
	/** Path relative to the content folder, with forward slashes. */
	file: string;
	/** Markdown or MDX, from the file extension. */
	format: 'md' | 'mdx';
	/** The team's prose, everything after the frontmatter. */
	body: string;
	/** The line of the note file the body starts on, 1-based, so a place in the body can be named in the file. */
	bodyLine: number;
	/** The date a person last confirmed the note, or its last commit date when it has no `reviewed`. */
	reviewed: string;
	/** Where `reviewed` came from: the frontmatter, or git as a fallback. */
	reviewedFrom: 'frontmatter' | 'git';
	/** Sections that carry their own review date. */
	sections: NoteSection[];
	/** What git tells of the review that set `reviewed` (`readBeliefs` adds it), or absent when git cannot tell. */
	gitReview?: NoteReview | undefined;
	/** Where the fields that later checks point at are written. */
	positions: { service: Position; owner: Position; dependsOn: Position[]; stores: Position[]; uses: Position[]; aliases: Position[] };
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
	/** Emails and `@handles` of its members, lower-cased; empty when the file lists none. */
	members: string[];
	/** The team's prose. */
	body: string;
}

/** Everything people wrote down, and every problem found reading it. */
export interface Content {
	notes: Note[];
	teams: Team[];
	/** Notes that could not be read, by the service they seem to be about (their file name when unreadable). */
	broken: BrokenNote[];
	problems: Problem[];
}

/** A note with errors: kept so a build that publishes anyway can say so on the service's page. */
export interface BrokenNote {
	file: string;
	service: string;
	/** The owner as written and where, when that field itself is valid: still checked, so one bad field does not hide another. */
	owner: { name: string; at: Position } | null;
}

/** How to read the content folder. */
export interface LoadContentOptions {
	/** The build clock: reviews after it are flagged. */
	now: Date;
	/** Last commit dates of the content folder, for notes without `reviewed`: looked up when absent, none when null. */
	git?: GitDates | null | undefined;
	/** Whether `.mdx` notes are compiled as MDX (default true), so their bodies are checked as MDX. */
	mdx?: boolean | undefined;
	/** Whether notes are untrusted (`notes.format: 'markdown'`), so every address their pages would drop is a warning. */
	checkUrls?: boolean | undefined;
}

/**
 * Reads `notes/` and `teams/` under the content folder. It never stops at the first problem:
 * every file is read and every problem is collected, so `halflife check` can list them all.
 */
export async function loadContent(contentDir: string, options: LoadContentOptions): Promise<Content> {
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
				members: 'members: [jane@example.com, "@jdoe"]',
			});
			result.errors.forEach(error);
			if (result.data) {
				teams.push({
					id: path.basename(file, '.md'),
					file,
					name: result.data.name,
					description: result.data.description ?? null,
					contact: result.data.contact ?? null,
					members: result.data.members,
					body: frontmatter.body,
				});
			}
		} catch (e) {
			if (!(e instanceof HalflifeError)) throw e;
			error(e);
		}
	}
	const notes: Note[] = [];
	const broken: BrokenNote[] = [];
	const byService = new Map<string, Note>();
	let git = options.git;
	for (const file of await listFiles(contentDir, 'notes/**/*.{md,mdx}')) {
		const text = await readFile(path.join(contentDir, file), 'utf8');
		const fallbackName = path.basename(file).replace(/\.mdx?$/, '');
		let frontmatter;
		try {
			frontmatter = readFrontmatter(file, text);
		} catch (e) {
			if (!(e instanceof HalflifeError)) throw e;
			error(e);
			broken.push({ file, service: fallbackName, owner: null });
			continue;
		}
		const result = validateFrontmatter(noteFrontmatterSchema, file, frontmatter, noteFieldExamples);
		result.errors.forEach(error);
		const { service = fallbackName, owner } = result.fields;
		const brokenNote: BrokenNote = { file, service, owner: owner ? { name: owner, at: frontmatter.locate(['owner']) } : null };
		const sections = readSections(file, frontmatter.body, frontmatter.bodyLine);
		sections.problems.forEach((p) => problems.push(p));
		const bodyError = file.endsWith('.mdx') && options.mdx !== false ? checkMdxBody(file, frontmatter.body, frontmatter.bodyLine) : null;
		if (bodyError) error(bodyError);
		if (options.checkUrls) problems.push(...checkNoteUrls(file, frontmatter.body, frontmatter.bodyLine));
		if (!result.data || bodyError || sections.problems.some((p) => p.severity === 'error')) {
			broken.push(brokenNote);
			continue;
		}
		const { reviewed, ...data } = result.data;
		let dated: Pick<Note, 'reviewed' | 'reviewedFrom'> | undefined = reviewed ? { reviewed, reviewedFrom: 'frontmatter' } : undefined;
		if (!dated && git !== null) {
			git ??= await lastCommitDates(contentDir);
			const date = git.dates.get(file);
			if (date) dated = { reviewed: date, reviewedFrom: 'git' };
		}
		if (!dated) {
			error(
				new HalflifeError('ReviewedUnknown', {
					location: { file, line: 1, column: 1 },
					params: {
						reason: git === null ? '`notes.gitDates` is off' : git?.repository ? 'the file has no commit in git yet' : 'the content folder is not in a git repository',
					},
				}),
			);
			broken.push(brokenNote);
			continue;
		}
		const note: Note = {
			...data,
			...dated,
			owner: ownerOf(data.owner),
			file,
			format: file.endsWith('.mdx') ? 'mdx' : 'md',
			body: frontmatter.body,
			bodyLine: frontmatter.bodyLine,
			sections: sections.sections,
			positions: {
				service: frontmatter.locate(['service']),
				owner: frontmatter.locate(['owner']),
				dependsOn: data.dependsOn.map((_, i) => frontmatter.locate(['dependsOn', i])),
				stores: data.stores.map((_, i) => frontmatter.locate(['stores', i])),
				uses: data.uses.map((_, i) => frontmatter.locate(['uses', i])),
				aliases: data.aliases.map((_, i) => frontmatter.locate(['aliases', i])),
			},
		};
		const other = byService.get(note.service);
		if (other) {
			error(
				new HalflifeError('DuplicateService', {
					location: { file, ...note.positions.service },
					params: { service: note.service, other: other.file },
				}),
			);
			continue;
		}
		if (Date.parse(`${note.reviewed}T00:00:00Z`) > options.now.getTime()) {
			warn(
				new HalflifeError('ReviewedInFuture', {
					location: { file, ...frontmatter.locate(['reviewed']) },
					params: { reviewed: note.reviewed, now: options.now.toISOString() },
				}),
			);
		}
		byService.set(note.service, note);
		notes.push(note);
	}
	return { notes, teams, broken, problems };
}

async function listFiles(contentDir: string, pattern: string): Promise<string[]> {
	const files: string[] = [];
	for await (const file of glob(pattern, { cwd: contentDir })) files.push(file.split(path.sep).join('/'));
	return files.sort();
}

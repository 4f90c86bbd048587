import { glob, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ownerOf } from '../catalogs/parse-entity-ref.ts';
import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import { checkMdxBody } from '../notes/check-mdx-body.ts';
import { checkNoteUrls } from '../notes/check-note-urls.ts';
import type { Position } from '../notes/load-content.ts';
import { readFrontmatter, type FrontmatterFile } from '../notes/read-frontmatter.ts';
import { validateFrontmatter } from '../notes/validate-frontmatter.ts';
import { incidentFieldExamples, incidentFrontmatterSchema, type IncidentFrontmatter } from './incident-schema.ts';

/** A post-incident review: validated frontmatter, its prose, and where its names are written. */
export interface Incident extends IncidentFrontmatter {
	/** Path relative to the content folder, with forward slashes. */
	file: string;
	/** Markdown or MDX, from the file extension. */
	format: 'md' | 'mdx';
	/** The review's prose, everything after the frontmatter. */
	body: string;
	/** The line the body starts on, 1-based. */
	bodyLine: number;
	/** Where the fields later checks point at are written. */
	positions: IncidentPositions;
}

/** Where an incident's names are written, for checks that run once telemetry is known. */
export interface IncidentPositions {
	owner: Position;
	services: Position[];
	/** Per learned dependency, where its `from` and `to` are. */
	dependencies: { from: Position; to: Position }[];
	/** Per learned service lesson, where its `service` is. */
	learnedServices: Position[];
}

/** Every readable incident, and every problem found reading them. */
export interface LoadedIncidents {
	incidents: Incident[];
	problems: Problem[];
}

/** How to read incidents: the build clock, and whether MDX bodies and addresses are checked as for notes. */
export interface LoadIncidentsOptions {
	now: Date;
	mdx?: boolean | undefined;
	checkUrls?: boolean | undefined;
}

/**
 * Reads `incidents/**\/*.{md,mdx}` under the content folder. Like notes, every file is read and
 * every problem collected: bad fields, duplicate ids, a resolution before the start, and times
 * after the build clock (a warning, as for a note reviewed in the future).
 */
export async function loadIncidents(contentDir: string, options: LoadIncidentsOptions): Promise<LoadedIncidents> {
	const problems: Problem[] = [];
	const incidents: Incident[] = [];
	const byId = new Map<string, Incident>();
	for (const file of await listFiles(contentDir)) {
		const text = await readFile(path.join(contentDir, file), 'utf8');
		let frontmatter: FrontmatterFile;
		try {
			frontmatter = readFrontmatter(file, text);
		} catch (e) {
			if (!(e instanceof HalflifeError)) throw e;
			problems.push({ severity: 'error', error: e });
			continue;
		}
		const result = validateFrontmatter(incidentFrontmatterSchema, file, frontmatter, incidentFieldExamples);
		result.errors.forEach((error) => problems.push({ severity: 'error', error }));
		const bodyError = file.endsWith('.mdx') && options.mdx !== false ? checkMdxBody(file, frontmatter.body, frontmatter.bodyLine) : null;
		if (bodyError) problems.push({ severity: 'error', error: bodyError });
		if (options.checkUrls) problems.push(...checkNoteUrls(file, frontmatter.body, frontmatter.bodyLine));
		if (!result.data || bodyError) continue;
		const incident = toIncident(file, frontmatter, result.data);
		const other = byId.get(incident.id);
		if (other) {
			problems.push({ severity: 'error', error: new HalflifeError('IncidentDuplicateId', { location: { file, ...frontmatter.locate(['id']) }, params: { id: incident.id, other: other.file } }) });
			continue;
		}
		const timeProblems = checkTimes(incident, frontmatter, options.now);
		problems.push(...timeProblems);
		if (timeProblems.some((p) => p.severity === 'error')) continue;
		byId.set(incident.id, incident);
		incidents.push(incident);
	}
	return { incidents, problems };
}

function toIncident(file: string, frontmatter: FrontmatterFile, data: IncidentFrontmatter): Incident {
	const at = (...keys: PropertyKey[]) => frontmatter.locate(keys);
	return {
		...data,
		// A catalog Group reference names the same team as its bare id.
		owner: ownerOf(data.owner),
		file,
		format: file.endsWith('.mdx') ? 'mdx' : 'md',
		body: frontmatter.body,
		bodyLine: frontmatter.bodyLine,
		positions: {
			owner: at('owner'),
			services: data.services.map((_, i) => at('services', i)),
			dependencies: data.learned.dependencies.map((_, i) => ({ from: at('learned', 'dependencies', i, 'from'), to: at('learned', 'dependencies', i, 'to') })),
			learnedServices: data.learned.services.map((_, i) => at('learned', 'services', i, 'service')),
		},
	};
}

// An incident that ends before it starts is an error (its dates would mislead every age); one after the clock a warning.
function checkTimes(incident: Incident, frontmatter: FrontmatterFile, now: Date): Problem[] {
	const { file } = incident;
	if (Date.parse(incident.resolved) < Date.parse(incident.started)) {
		const error = new HalflifeError('IncidentResolvedBeforeStarted', {
			location: { file, ...frontmatter.locate(['resolved']) },
			params: { resolved: incident.resolved, started: incident.started },
		});
		return [{ severity: 'error', error }];
	}
	return (['started', 'resolved'] as const)
		.filter((field) => Date.parse(incident[field]) > now.getTime())
		.map((field) => ({
			severity: 'warning' as const,
			error: new HalflifeError('IncidentInFuture', {
				location: { file, ...frontmatter.locate([field]) },
				params: { field, value: incident[field], now: now.toISOString(), verb: field === 'started' ? 'started' : 'was resolved' },
			}),
		}));
}

async function listFiles(contentDir: string): Promise<string[]> {
	const files: string[] = [];
	for await (const file of glob('incidents/**/*.{md,mdx}', { cwd: contentDir })) files.push(file.split(path.sep).join('/'));
	return files.sort();
}

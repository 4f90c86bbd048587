import { readFile } from 'node:fs/promises';
import { z } from 'astro/zod';
import { HalflifeError, type Problem } from '../../errors/halflife-error.ts';
import { compare } from '../../lib/compare.ts';
import { expandPaths } from '../expand-paths.ts';

/** One line of a deploy-events file: a service went to a version at a time. */
export const deployEventSchema = z.strictObject({
	/** The service's name, as telemetry reports it. */
	service: z.string().trim().min(1),
	/** The version deployed. */
	version: z.string().trim().min(1),
	/** When the deploy finished, ISO-8601 with an offset. */
	time: z.iso.datetime({ offset: true }),
});

/** A deploy, with where it was read. */
export interface DeployEvent extends z.infer<typeof deployEventSchema> {
	/** File it came from, relative to the content folder. */
	file: string;
}

/** Every deploy event found, sorted by time, and every problem found reading them. */
export interface Deploys {
	events: DeployEvent[];
	problems: Problem[];
}

/**
 * Reads deploy events: JSON lines of `{ "service", "version", "time" }` (what a CD pipeline can
 * append after each deploy). A bad line is an error naming the file and line; the other lines
 * are still read.
 */
export async function readDeploys(contentDir: string, patterns: readonly string[]): Promise<Deploys> {
	const events: DeployEvent[] = [];
	const problems: Problem[] = [];
	for (const file of await expandPaths(contentDir, patterns)) {
		const lines = (await readFile(file.absolute, 'utf8')).split('\n');
		lines.forEach((text, index): void => {
			if (text.trim() === '') return;
			const fail = (detail: string): void => {
				problems.push({
					severity: 'error',
					error: new HalflifeError('DeployEventInvalid', { location: { file: file.display, line: index + 1, column: 1 }, params: { detail } }),
				});
			};
			let value: unknown;
			try {
				value = JSON.parse(text);
			} catch (cause) {
				return fail(`not JSON: ${(cause as Error).message}`);
			}
			const result = deployEventSchema.safeParse(value);
			if (!result.success) {
				return fail(result.error.issues.map((issue) => `${issue.path.join('.') || 'the line'}: ${issue.message}`).join('; '));
			}
			events.push({ ...result.data, file: file.display });
		});
	}
	events.sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || compare(a.service, b.service) || compare(a.version, b.version));
	return { events, problems };
}

import path from 'node:path';
import type { HalflifeOptions } from './config/options-schema.ts';
import type { Problem } from './errors/halflife-error.ts';
import { loadContent } from './notes/load-content.ts';

/** Validates the notes and teams of a project and returns every problem found, errors and warnings. */
export async function runCheck(input: { root: string; options: HalflifeOptions; now?: Date | undefined }): Promise<Problem[]> {
	const content = await loadContent(path.resolve(input.root, input.options.content), input.now ? { now: input.now } : {});
	return content.problems;
}

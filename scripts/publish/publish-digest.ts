import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../lib/write-file-atomic.ts';

/** The digest's name in each version's folder, and so at the site's root: `<site>/digest.md`. */
export const DIGEST_FILE = 'digest.md';

/** Writes the digest into a build's output, which publishing then makes the site's `digest.md` with the rest of the build, in one step. */
export async function writeDigest(outDir: string, markdown: string): Promise<void> {
	await writeFileAtomic(path.join(outDir, DIGEST_FILE), markdown);
}

/** Appends the digest to GitHub's job summary when the job has one (`GITHUB_STEP_SUMMARY`); returns whether it did. */
export async function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
	const file = env['GITHUB_STEP_SUMMARY'];
	if (!file) return false;
	await appendFile(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
	return true;
}

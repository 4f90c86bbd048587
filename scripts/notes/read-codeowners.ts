import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCodeowners, type Codeowners } from './codeowners.ts';

// GitHub's order: the first of these that exists is the one it uses.
const PLACES = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

/** Reads the repository's CODEOWNERS from its top folder (as `git rev-parse --show-toplevel` gives it), or null when there is none. */
export async function readCodeowners(root: string | null): Promise<Codeowners | null> {
	if (root === null) return null;
	for (const place of PLACES) {
		let text: string;
		try {
			text = await readFile(path.join(root, place), 'utf8');
		} catch {
			continue;
		}
		return parseCodeowners(place, text);
	}
	return null;
}

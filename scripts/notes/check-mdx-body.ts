import { mdxToMdast } from 'satteri';
import { HalflifeError } from '../errors/halflife-error.ts';
import { replaceSectionMarkers } from './read-sections.ts';

/**
 * Parses an MDX note's body the way the site will compile it, so a syntax error (an unclosed
 * tag, a broken `{expression}`) is found by `halflife check` with its line, not by Astro halfway
 * through a build. Returns the problem, or null when the body parses.
 */
export function checkMdxBody(file: string, body: string, bodyLine: number): HalflifeError | null {
	try {
		// Section markers are stripped before the page is compiled, so they are not checked as code.
		mdxToMdast(replaceSectionMarkers(body, () => ''));
		return null;
	} catch (cause) {
		const message = cause instanceof Error ? cause.message : String(cause);
		const match = /^(\d+):(\d+): (.*?)(?: \(\d+:\d+\))?(?: \([\w:-]+\))?$/s.exec(message);
		return new HalflifeError('NoteBodyInvalid', {
			location: match ? { file, line: bodyLine - 1 + Number(match[1]), column: Number(match[2]) } : { file, line: bodyLine },
			params: { detail: match ? match[3]! : message },
			cause,
		});
	}
}

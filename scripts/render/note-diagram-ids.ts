import { createHash } from 'node:crypto';

/**
 * Names the Mermaid blocks of one note's page, in document order: `note-<slug>-<hash of the
 * source>`, and `-2`, `-3` for a source repeated on the page. The build, which draws the blocks,
 * and the page, which marks where they go, each call it and agree without sharing any state:
 * an id names its source, so a block the two read differently is never given another's picture.
 */
export function noteDiagramIds(slug: string): (source: string) => string {
	const seen = new Map<string, number>();
	return (source) => {
		const id = `note-${slug}-${createHash('sha256').update(source).digest('hex').slice(0, 12)}`;
		const count = (seen.get(id) ?? 0) + 1;
		seen.set(id, count);
		return count === 1 ? id : `${id}-${count}`;
	};
}

import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import { parseNoteBody } from './parse-note-body.ts';
import { isAllowedNoteUrl } from './untrusted-note-schema.ts';

// Long enough to recognise the address, short enough for one line of a terminal.
const SHOWN_LENGTH = 80;

/**
 * Finds every address in an untrusted note's body that its page drops (see `untrustedNoteSchema`):
 * in links, autolinks, images and reference definitions, as Markdown parses them (entities and
 * escapes decoded). Each is a warning at its line and column in the note file.
 */
export function checkNoteUrls(file: string, body: string, bodyLine: number): Problem[] {
	const tree = parseNoteBody(body);
	// A definition is an image's address when an image reference uses it, and a link's otherwise.
	const imageDefinitions = new Set<string>();
	visit(tree, 'imageReference', (node) => {
		imageDefinitions.add(node.identifier);
	});
	const problems: Problem[] = [];
	visit(tree, (node: Nodes) => {
		const found = addressOf(node, imageDefinitions);
		if (!found || isAllowedNoteUrl(found.url, found.property) || !node.position) return;
		const { line, column } = node.position.start;
		problems.push({
			severity: 'warning',
			error: new HalflifeError('NoteUrlUnsafe', {
				location: { file, line: bodyLine - 1 + line, column },
				params: { kind: found.kind, url: shown(found.url) },
			}),
		});
	});
	return problems;
}

function addressOf(node: Nodes, imageDefinitions: Set<string>): { url: string; property: 'href' | 'src'; kind: string } | null {
	if (node.type === 'link') return { url: node.url, property: 'href', kind: 'link' };
	if (node.type === 'image') return { url: node.url, property: 'src', kind: 'image' };
	if (node.type === 'definition') {
		const image = imageDefinitions.has(node.identifier);
		return { url: node.url, property: image ? 'src' : 'href', kind: image ? 'image definition' : 'link definition' };
	}
	return null;
}

// Quoted, cut short, and with every character outside printable ASCII written as an escape, so
// control characters and bidirectional marks show as what they are instead of acting on the terminal.
function shown(url: string): string {
	const cut = url.length > SHOWN_LENGTH ? `${url.slice(0, SHOWN_LENGTH - 1)}…` : url;
	return JSON.stringify(cut).replace(/[^\x20-\x7e]/g, (c) => (c === '…' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

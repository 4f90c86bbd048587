import type { Code, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

const parser = unified().use(remarkParse).use(remarkGfm);

/** Parses a note's body as the site reads Markdown (CommonMark and GFM), with positions relative to the body. */
export function parseNoteBody(body: string): Root {
	return parser.parse(body);
}

/** The ```` ```mermaid ```` fenced blocks of a parsed note, in document order. */
export function mermaidBlocks(tree: Root): Code[] {
	const blocks: Code[] = [];
	visit(tree, 'code', (node) => {
		if (node.lang?.toLowerCase() === 'mermaid') blocks.push(node);
	});
	return blocks;
}

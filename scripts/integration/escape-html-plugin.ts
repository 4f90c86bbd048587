import type { Html, Paragraph, Root, Text } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

/** Options for `escapeHtmlPlugin`. */
export interface EscapeHtmlOptions {
	/** Raw HTML that stays HTML when it matches this pattern whole: only for markup Halflife itself writes. */
	allow?: RegExp | undefined;
}

// Parents whose children are blocks: raw HTML there is an HTML block, and its text needs a paragraph.
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/**
 * A remark plugin that turns every raw HTML node of a note into text, so HTML in an untrusted note
 * shows as written instead of reaching the page. It runs before any other remark plugin, so HTML
 * that plugins add is left to the sanitizer instead.
 */
export const escapeHtmlPlugin: Plugin<[EscapeHtmlOptions?], Root> = (options = {}) => {
	// Anchored, and without the flags that would let it match part of the HTML or keep state between nodes.
	const allow = options.allow && new RegExp(`^(?:${options.allow.source})$`, options.allow.flags.replace(/[gmy]/g, ''));
	return (tree) => {
		visit(tree, 'html', (node: Html, index, parent) => {
			if (!parent || index === undefined || allow?.test(node.value)) return;
			const text: Text = { type: 'text', value: node.value };
			const paragraph: Paragraph = { type: 'paragraph', children: [text] };
			parent.children[index] = FLOW_PARENTS.has(parent.type) ? paragraph : text;
		});
	};
};

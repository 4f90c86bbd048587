import type { Html, Paragraph, Text } from 'mdast';
import type { MdastPluginDefinition, MdastVisitorContext } from 'satteri';

/** Options for `escapeHtmlPlugin`. */
export interface EscapeHtmlOptions {
	/** Raw HTML that stays HTML when it matches this pattern whole: only for markup Halflife itself writes. */
	allow?: RegExp | undefined;
}

// Parents whose children are blocks: raw HTML there is an HTML block, and its text needs a paragraph.
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/**
 * An mdast plugin for Astro's Markdown processor (Sätteri, `satteri({ mdastPlugins })`) that turns
 * every raw HTML node into text, so HTML in an untrusted note shows as written instead of reaching
 * the page. Astro 7 no longer runs remark plugins unless `@astrojs/markdown-remark` is installed.
 */
export function escapeHtmlPlugin(options: EscapeHtmlOptions = {}): MdastPluginDefinition {
	// Anchored, and without the flags that would let it match part of the HTML or keep state between nodes.
	const allow = options.allow && new RegExp(`^(?:${options.allow.source})$`, options.allow.flags.replace(/[gmy]/g, ''));
	return {
		name: 'halflife-escape-html',
		html(node: Readonly<Html>, context: MdastVisitorContext): Text | Paragraph | undefined {
			if (allow?.test(node.value)) return undefined;
			const text: Text = { type: 'text', value: node.value };
			const parent = context.parent(node);
			return parent && FLOW_PARENTS.has(parent.type) ? { type: 'paragraph', children: [text] } : text;
		},
	};
}

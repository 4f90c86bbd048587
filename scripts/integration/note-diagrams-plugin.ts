import type { Element, ElementContent, Root } from 'hast';
import type { Plugin } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import { diagramMarker } from '../publish/inline-diagrams.ts';
import { noteDiagramIds } from '../render/note-diagram-ids.ts';

// Halflife's pages carry their slug as their only frontmatter; other Markdown is left alone.
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/**
 * A rehype plugin that turns each ```` ```mermaid ```` block of a note's page into a diagram: a
 * figure with the marker publishing puts the build's SVG at (the same batch, cache and config as
 * the generated diagrams), and the block's source, folded, for readers. It runs last, after the
 * sanitizer, and needs the blocks unhighlighted (`notesProcessor` keeps highlighters off them).
 */
export const noteDiagramsPlugin: Plugin<[], Root> = () => (tree, file) => {
	const slug: unknown = file.data.astro?.frontmatter?.['slug'];
	if (typeof slug !== 'string' || !SLUG.test(slug)) return;
	const idOf = noteDiagramIds(slug);
	const mdx = file.path?.endsWith('.mdx') ?? false;
	visit(tree, 'element', (node, index, parent) => {
		const source = mermaidSource(node);
		if (source === null || !parent || index === undefined) return;
		parent.children[index] = figure(diagramMarker(idOf(source)), node, mdx);
		return SKIP;
	});
};

// The source of a `<pre><code class="language-mermaid">` block as Markdown wrote it, or null.
function mermaidSource(pre: Element): string | null {
	if (pre.tagName !== 'pre' || pre.children.length !== 1) return null;
	const code = pre.children[0]!;
	if (code.type !== 'element' || code.tagName !== 'code') return null;
	const classes = Array.isArray(code.properties['className']) ? code.properties['className'] : [];
	if (!classes.some((name) => String(name).toLowerCase() === 'language-mermaid')) return null;
	if (!code.children.every((child) => child.type === 'text')) return null;
	// remark-rehype ends a code block's text with a line break its Markdown value does not have.
	return code.children.map((child) => (child.type === 'text' ? child.value : '')).join('').replace(/\n$/, '');
}

function figure(marker: string, pre: Element, mdx: boolean): Element {
	// MDX compiles to JSX, which has no comments and no raw HTML: a Fragment with `set:html` carries the marker.
	const markerNode = (
		mdx
			? { type: 'mdxJsxFlowElement', name: 'Fragment', attributes: [{ type: 'mdxJsxAttribute', name: 'set:html', value: marker }], children: [] }
			: { type: 'raw', value: marker }
	) as unknown as ElementContent;
	const element = (tagName: string, className: string[], children: ElementContent[]): Element => ({
		type: 'element',
		tagName,
		properties: className.length > 0 ? { className } : {},
		children,
	});
	return element('figure', ['diagram-figure', 'note-diagram'], [
		element('div', ['diagram'], [markerNode]),
		// Search matches prose, not diagram syntax.
		{ ...element('details', ['diagram-source'], [element('summary', [], [{ type: 'text', value: 'Diagram source' }]), pre]), properties: { className: ['diagram-source'], dataPagefindIgnore: '' } },
	]);
}

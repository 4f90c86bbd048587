import { unified, type AstroMarkdownOptions, type MarkdownProcessor } from '@astrojs/markdown-remark';
import { satteri } from '@astrojs/markdown-satteri';
import type { Element, Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { describe, expect, it } from 'vitest';
import { visit } from 'unist-util-visit';
import { HalflifeError } from '../errors/halflife-error.ts';
import { mermaidBlocks, parseNoteBody } from '../notes/parse-note-body.ts';
import { diagramMarker } from '../publish/inline-diagrams.ts';
import { noteDiagramIds } from '../render/note-diagram-ids.ts';
import { sectionFreshnessHtml } from '../render/section-freshness-html.ts';
import { notesProcessor, type NotesProcessorOptions } from './notes-processor.ts';

// What Astro passes a processor by default: Shiki highlighting, as the site builds.
const SHARED: AstroMarkdownOptions = { syntaxHighlight: { type: 'shiki', excludeLangs: ['math'] }, shikiConfig: { theme: 'github-dark' } };

const freshness = sectionFreshnessHtml({ heading: 'Runbook', reviewed: '2026-10-01', ageDays: 53, stale: true }, '2026-11-23T00:00:00Z');
const note = [
	'## Runbook',
	'',
	freshness,
	'',
	'[here](javascript:alert(1)) [there][r] ![i](javascript:alert(2)) <javascript:alert(3)> [MiXeD](JaVaScRiPt:alert(4))',
	'[entity](&#106;avascript:alert(5)) [tab](<java\tscript:alert(6)>) [data](data:text/html,x) [vb](vbscript:msgbox(7))',
	'<a href="javascript:alert(8)">raw</a> TODO',
	'',
	'[ok](https://example.com/) [path](/services/cart/) [mail](mailto:oncall@example.com) www.example.org',
	'',
	'[r]: javascript:alert(9)',
	'',
	'```mermaid',
	'flowchart LR',
	'  a --> b',
	'```',
	'',
	'```js',
	'const answer = 42;',
	'```',
	'',
].join('\n');

// A remark plugin teams might write: `TODO` in the text becomes strong.
const remarkTodo = () => (tree: MdastRoot) => {
	visit(tree, 'text', (node, index, parent) => {
		if (node.value.includes('TODO') && parent && index !== undefined) parent.children[index] = { type: 'strong', children: [{ ...node }] };
	});
};
// A rehype plugin teams might write: every absolute link gets a title naming its host.
const rehypeHostTitles = () => (tree: HastRoot) => {
	visit(tree, 'element', (node: Element) => {
		const href = node.properties['href'];
		if (node.tagName === 'a' && typeof href === 'string' && /^https?:/.test(href)) node.properties['title'] = `on ${new URL(href).host}`;
	});
};
// Plugins that inject script addresses three ways: an mdast link, a hast element, raw HTML.
const remarkInject = () => (tree: MdastRoot) => {
	tree.children.push({ type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(10)', children: [{ type: 'text', value: 'mdast' }] }] });
	tree.children.push({ type: 'html', value: '<p><a href="javascript:alert(11)" onclick="alert(12)">remark html</a></p>' });
};
const rehypeInject = () => (tree: HastRoot) => {
	tree.children.push({ type: 'element', tagName: 'a', properties: { href: 'javascript:alert(13)' }, children: [{ type: 'text', value: 'hast' }] });
	tree.children.push({ type: 'raw', value: '<img src="x" onerror="alert(14)"><svg><a xlink:href="javascript:alert(15)">svg</a></svg>' });
};

async function render(processor: MarkdownProcessor, markdown: string, frontmatter: Record<string, unknown> = { slug: 'cart' }): Promise<string> {
	const renderer = await processor.createRenderer(SHARED);
	return (await renderer.render(markdown, { frontmatter })).code;
}

function processor(options: Partial<NotesProcessorOptions>, current: MarkdownProcessor = satteri()): MarkdownProcessor {
	return notesProcessor(current, { format: 'markdown', remarkPlugins: [], rehypePlugins: [], ...options });
}

// Every address an attribute of the rendered HTML carries (tags only: escaped HTML in the text is no tag).
function addresses(html: string): string[] {
	return [...html.matchAll(/<[a-z][^<>]*>/gi)].flatMap(([tag]) =>
		[...tag.matchAll(/\s(?:href|src|xlink:href|action|formaction)\s*=\s*"([^"]*)"/gi)].map(([, value]) => value!),
	);
}

const UNSAFE = /^\s*(?:javascript|vbscript|data):/i;

describe('notesProcessor, untrusted (markdown)', () => {
	it('drops every address that is not http, https, mailto or relative, in every link form', async () => {
		const html = await render(processor({}), note);
		expect(addresses(html).filter((url) => !url.startsWith('#'))).toEqual(['https://example.com/', '/services/cart/', 'mailto:oncall@example.com', 'http://www.example.org']);
		// The links stay as their text; the autolink and raw HTML read as written.
		expect(html).toContain('<a>here</a> <a>there</a> <img alt="i"> <a>javascript:alert(3)</a> <a>MiXeD</a>');
		expect(html).toContain('&#x3C;a href="javascript:alert(8)">raw&#x3C;/a>');
	});

	it('keeps the section freshness line Halflife writes, and highlights code after sanitizing', async () => {
		const html = await render(processor({}), note);
		expect(html).toContain(freshness);
		expect(html).toMatch(/<pre class="astro-code github-dark" style="[^"]+"[^>]*data-language="js"><code><span class="line"><span style="color:#[0-9A-F]{6}">const/);
	});

	it('runs the teams\' remark and rehype plugins', async () => {
		const html = await render(processor({ remarkPlugins: [remarkTodo], rehypePlugins: [rehypeHostTitles] }), note);
		expect(html).toContain('<strong> TODO</strong>');
		expect(html).toContain('<a href="https://example.com/" title="on example.com">ok</a>');
		const without = await render(processor({}), note);
		expect(without).not.toContain('<strong>');
		expect(without).not.toContain('title="on example.com"');
	});

	it('sanitizes what plugins add, as it does the note', async () => {
		const html = await render(processor({ remarkPlugins: [remarkInject], rehypePlugins: [rehypeInject] }), 'Body.\n');
		expect(html).toContain('<a>mdast</a>');
		expect(html).toContain('<a>remark html</a>');
		expect(html).toContain('<a>hast</a>');
		expect(html).toContain('<img src="x">');
		expect(html).not.toMatch(/javascript:|onerror|onclick|<svg/i);
		// Trusted notes take the same plugins as they are: the sanitizer is what removed them above.
		const trusted = await render(processor({ format: 'mdx', remarkPlugins: [remarkInject], rehypePlugins: [rehypeInject] }), 'Body.\n');
		expect(addresses(trusted).filter((url) => UNSAFE.test(url))).toHaveLength(4);
	});
});

describe('notesProcessor, trusted (mdx)', () => {
	it('publishes addresses as written, and the same freshness line', async () => {
		const html = await render(processor({ format: 'mdx' }), note);
		expect(addresses(html)).toContain('javascript:alert(1)');
		expect(html).toContain(freshness);
	});

	it('keeps the plugins of a unified processor the project set itself, before the notes\' own', async () => {
		const project = unified({ remarkPlugins: [remarkTodo] });
		const html = await render(notesProcessor(project, { format: 'mdx', remarkPlugins: [], rehypePlugins: [rehypeHostTitles] }), note);
		expect(html).toContain('<strong> TODO</strong>');
		expect(html).toContain('title="on example.com"');
	});

	it('refuses a processor that cannot run remark and rehype plugins', () => {
		const other = { name: 'custom', options: {}, createRenderer: satteri().createRenderer };
		expect(() => processor({}, other)).toThrow(HalflifeError);
		expect(() => processor({}, other)).toThrow(/`custom` processor cannot run them/);
	});
});

describe('Mermaid blocks in notes', () => {
	const build = mermaidBlocks(parseNoteBody(note)).map((block) => noteDiagramIds('cart')(block.value));

	it.each(['markdown', 'mdx'] as const)('become a figure marked with the id the build draws them under (%s)', async (format) => {
		const html = await render(processor({ format }), note);
		expect(build).toHaveLength(1);
		expect(html).toContain(
			`<figure class="diagram-figure note-diagram"><div class="diagram">${diagramMarker(build[0]!)}</div><details class="diagram-source" data-pagefind-ignore=""><summary>Diagram source</summary><pre><code class="language-mermaid">flowchart LR\n  a --> b\n</code></pre></details></figure>`,
		);
	});

	it('are marked in MDX notes too, through a Fragment', async () => {
		const renderer = await processor({ format: 'mdx' }).createMdxRenderer!(SHARED, { optimize: false });
		const { code } = await renderer.process('Sketch:\n\n```mermaid\nflowchart LR\n  a --> b\n```\n', '/pages/cart.mdx', { slug: 'cart' });
		expect(code).toContain(`"set:html": ${JSON.stringify(diagramMarker(build[0]!))}`);
	});

	it('give repeated sources their own ids, and leave pages without a slug alone', async () => {
		const twice = '```mermaid\nflowchart LR\n  a --> b\n```\n\n```mermaid\nflowchart LR\n  a --> b\n```\n';
		const html = await render(processor({}), twice);
		expect([...html.matchAll(/halflife:diagram:([a-z0-9-]+?)-->/g)].map(([, id]) => id)).toEqual([build[0], `${build[0]}-2`]);
		expect(await render(processor({}), twice, {})).not.toContain('halflife:diagram');
	});
});

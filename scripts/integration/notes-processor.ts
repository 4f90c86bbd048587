import {
	isUnifiedProcessor,
	rehypePrism,
	rehypeShiki,
	unified,
	type AstroMarkdownOptions,
	type MarkdownProcessor,
	type RehypePlugins,
	type RemarkPlugins,
	type UnifiedResolvedOptions,
} from '@astrojs/markdown-remark';
import { isSatteriProcessor } from '@astrojs/markdown-satteri';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import type { Processor } from 'unified';
import type { NotesOptions } from '../config/notes-options.ts';
import { HalflifeError } from '../errors/halflife-error.ts';
import { untrustedNoteSchema } from '../notes/untrusted-note-schema.ts';
import { SECTION_FRESHNESS_HTML } from '../render/section-freshness-html.ts';
import { escapeHtmlPlugin } from './escape-html-plugin.ts';
import { noteDiagramsPlugin } from './note-diagrams-plugin.ts';
import type { RenderCache } from './render-cache.ts';

/** What the notes processor needs of the notes options: the format and the teams' own plugins. */
export type NotesProcessorOptions = Pick<NotesOptions, 'format' | 'remarkPlugins' | 'rehypePlugins'>;

/**
 * The Markdown processor the site renders notes with: Astro's unified (remark and rehype)
 * processor, with the project's own processor options and plugins kept, then the teams' plugins
 * from `notes`, then Halflife's. In `markdown` format HTML written in a note is shown as text,
 * every plugin runs before the sanitizer, and syntax highlighting after it (its colours are
 * inline styles the sanitizer would drop). Mermaid blocks become diagrams in both formats.
 * Astro's default processor (Sätteri) runs no remark or rehype plugins, so it is replaced;
 * another processor cannot be extended, which is a configuration error.
 */
export function notesProcessor(current: MarkdownProcessor, notes: NotesProcessorOptions, cache?: RenderCache): MarkdownProcessor<UnifiedResolvedOptions> {
	const base = baseOptions(current);
	const untrusted = notes.format === 'markdown';
	const options = {
		...base,
		remarkPlugins: [...(untrusted ? [[escapeHtmlPlugin, { allow: SECTION_FRESHNESS_HTML }]] : []), ...base.remarkPlugins, ...notes.remarkPlugins] as RemarkPlugins,
		rehypePlugins: [...base.rehypePlugins, ...notes.rehypePlugins] as RehypePlugins,
	};
	const configured = (shared: AstroMarkdownOptions) => {
		const highlight = highlighting(shared);
		const tail: RehypePlugins = untrusted ? [rehypeRaw, [rehypeSanitize, untrustedNoteSchema], ...highlight.plugins] : [];
		return {
			processor: unified({ ...options, rehypePlugins: [...options.rehypePlugins, ...tail, noteDiagramsPlugin] }),
			shared: { ...shared, syntaxHighlight: untrusted ? false : highlight.config },
		};
	};
	return {
		name: 'unified',
		options,
		async createRenderer(shared) {
			const { processor, shared: adjusted } = configured(shared);
			const renderer = await processor.createRenderer(adjusted);
			return cache ? cache.wrap(renderer, JSON.stringify(adjusted)) : renderer;
		},
		async createMdxRenderer(shared, mdx) {
			const { processor, shared: adjusted } = configured(shared);
			return processor.createMdxRenderer!(adjusted, mdx);
		},
	};
}

/**
 * What, besides a note's text, shapes its HTML: the format, and every plugin's source and options.
 * It misses what a plugin imports or reads, so a project whose plugin changed that way clears the cache.
 */
export function notesFingerprint(current: MarkdownProcessor, notes: NotesProcessorOptions): string {
	const base = baseOptions(current);
	const describe = (plugins: readonly unknown[]) =>
		plugins.map((entry) => (Array.isArray(entry) ? entry : [entry]).map((part) => (typeof part === 'function' ? part.toString() : JSON.stringify(part ?? null))));
	return JSON.stringify([
		notes.format,
		describe([...base.remarkPlugins, ...notes.remarkPlugins]),
		describe([...base.rehypePlugins, ...notes.rehypePlugins]),
		JSON.stringify(base.remarkRehype ?? {}),
	]);
}

function baseOptions(current: MarkdownProcessor): UnifiedResolvedOptions {
	if (isUnifiedProcessor(current)) return current.options;
	if (isSatteriProcessor(current)) return { remarkPlugins: [], rehypePlugins: [], remarkRehype: {}, recmaPlugins: [] };
	throw new HalflifeError('ConfigInvalid', {
		params: {
			detail: `- **markdown.processor**: Halflife renders notes with remark and rehype plugins, and the \`${current.name}\` processor cannot run them: leave \`markdown.processor\` unset, or use \`unified()\` from \`@astrojs/markdown-remark\``,
		},
	});
}

// The site's syntax highlighting with Mermaid left out (its blocks become diagrams), and the same
// highlighter as a rehype plugin, for the untrusted format where it runs after the sanitizer.
function highlighting(shared: AstroMarkdownOptions): { config: AstroMarkdownOptions['syntaxHighlight']; plugins: RehypePlugins } {
	const setting = shared.syntaxHighlight;
	if (!setting) return { config: setting, plugins: [] };
	const type = typeof setting === 'string' ? setting : setting.type;
	const excludeLangs = [...((typeof setting === 'object' && setting.excludeLangs) || []), 'mermaid'];
	// Astro's highlighters take two options where a plugin list passes one: an attacher passes both.
	const shikiConfig = shared.shikiConfig ?? {};
	const plugin = function (this: Processor) {
		return type === 'shiki' ? rehypeShiki.call(this, shikiConfig, excludeLangs) : rehypePrism.call(this, excludeLangs);
	};
	return { config: { type, excludeLangs }, plugins: [plugin] };
}

import type { RehypePlugin, RemarkPlugin } from '@astrojs/markdown-remark';
import { z } from 'astro/zod';

/** A unified plugin as a processor takes it: the plugin function, or `[plugin, options]`. */
function pluginSchema<Plugin>(kind: string) {
	return z.custom<Plugin | [Plugin, unknown]>(
		(value) => typeof value === 'function' || (Array.isArray(value) && value.length <= 2 && typeof value[0] === 'function'),
		{ message: `must be a ${kind} plugin (a function, imported in astro.config.mjs) or \`[plugin, options]\`, not a name` },
	);
}

/** How notes are read, dated and trusted. */
export const notesOptionsSchema = z.strictObject({
	/**
	 * How note bodies are read. `mdx`: `.mdx` notes are MDX, code that runs at build time, and HTML in
	 * Markdown notes reaches the page. `markdown`: every note is plain Markdown, any HTML in it is
	 * shown as text, and every address in it (links, images, reference definitions, autolinks) must be
	 * http, https, mailto or a relative path, or it is dropped (`halflife check` warns of each); choose
	 * it for notes from people you would not give commit access to the build.
	 */
	format: z.enum(['mdx', 'markdown']).default('mdx'),
	/** Date a note without `reviewed` by its last commit in git (said on its page as a fallback). */
	gitDates: z.boolean().default(true),
	/** Publish even when notes have errors, showing each broken note as broken on its page. */
	publishBroken: z.boolean().default(false),
	/**
	 * remark plugins notes are rendered with (`[remarkToc]`, `[[remarkToc, { heading: 'contents' }]]`),
	 * after Halflife's own. Plugins are code: they are taken from the `halflife()` call in
	 * astro.config.mjs, the one place `halflife build` and Astro both load, and are not passed any
	 * other way. With `format: 'markdown'` the HTML they produce is sanitized like the notes' own.
	 */
	remarkPlugins: z.array(pluginSchema<RemarkPlugin>('remark')).default([]),
	/**
	 * rehype plugins notes are rendered with, after the remark ones. With `format: 'markdown'` the
	 * sanitizer runs after them, so what they add passes the same allowlist as the notes' own
	 * Markdown (no scripts, styles or event handlers; addresses http, https, mailto or relative).
	 */
	rehypePlugins: z.array(pluginSchema<RehypePlugin>('rehype')).default([]),
});

/** Where service catalogs are read from. */
export const catalogsOptionsSchema = z.strictObject({
	/** Globs of Backstage (`catalog-info.yaml`) and Datadog (`service.datadog.yaml`) files, relative to the content folder. */
	paths: z.array(z.string().min(1)).default(['catalogs/**/*.{yaml,yml}', '**/catalog-info.{yaml,yml}', '**/service.datadog.{yaml,yml}']),
});

/** Checks on who owns what. */
export const ownersOptionsSchema = z.strictObject({
	/** People who have left: a service owned by one of them (`user:<name>` or `<name>`) is flagged. */
	departed: z.array(z.string().min(1)).default([]),
});

/** Notes options with defaults filled. */
export type NotesOptions = z.output<typeof notesOptionsSchema>;

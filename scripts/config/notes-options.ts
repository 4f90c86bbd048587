import { z } from 'astro/zod';

/** How notes are read, dated and trusted. */
export const notesOptionsSchema = z.strictObject({
	/**
	 * How note bodies are read. `mdx`: `.mdx` notes are MDX, code that runs at build time, and HTML in
	 * Markdown notes reaches the page. `markdown`: every note is plain Markdown and any HTML in it is
	 * shown as text; choose it for notes from people you would not give commit access to the build.
	 */
	format: z.enum(['mdx', 'markdown']).default('mdx'),
	/** Date a note without `reviewed` by its last commit in git (said on its page as a fallback). */
	gitDates: z.boolean().default(true),
	/** Publish even when notes have errors, showing each broken note as broken on its page. */
	publishBroken: z.boolean().default(false),
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

import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

const base = process.env['PLAIN_PAGES_DIR'];
if (!base) throw new Error('Set PLAIN_PAGES_DIR to the folder of MDX pages to build.');

export const collections = {
	pages: defineCollection({ loader: glob({ pattern: '*.{md,mdx}', base }) }),
};

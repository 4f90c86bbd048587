import { z } from 'astro/zod';

/** How a team makes the site its own without copying it: its components, styles and icon. */
export const siteOptionsSchema = z.strictObject({
	/**
	 * Replaces one of the site's components with the project's own, by the name of its file in the
	 * package's `site/components/` (`SiteHeader`, `SiteFooter`, `Head`, `Legend`, ...): the path is
	 * relative to the project root, such as `{ SiteFooter: './src/components/Footer.astro' }`. The
	 * replacement gets the same props; it can wrap the original by importing
	 * `halflife/components/SiteFooter.astro`.
	 */
	components: z.record(z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'must be a component name such as `SiteFooter`'), z.string().min(1)).default({}),
	/** Stylesheets added to every page after Halflife's own, relative to the project root: `['./src/styles/brand.css']`. */
	customCss: z.array(z.string().min(1)).default([]),
	/**
	 * The site's icon, a path under the site such as `/favicon.svg` for `public/favicon.svg`. By
	 * default an inline icon, so no page asks the host for a file it may not have.
	 */
	favicon: z
		.string()
		.regex(/^\/[A-Za-z0-9._~\-/]+$/, 'must be a path in the site such as `/favicon.svg` (a file in public/)')
		.nullable()
		.default(null),
});

/** Site options with defaults filled. */
export type SiteOptions = z.output<typeof siteOptionsSchema>;

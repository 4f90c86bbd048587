declare module 'virtual:halflife/config' {
	/** Absolute folder of the generated build data. */
	export const buildDir: string;
	/** Site title. */
	export const title: string;
	/** Most neighbours a service's diagram draws. */
	export const maxDiagramNeighbours: number;
	/** The site's icon, a path in the site (`/favicon.svg`), or null for the inline one. */
	export const favicon: string | null;
	/** The version of Halflife that built the site. */
	export const version: string;
	/** Start here's options: pinned flows, how many to suggest, how many services to list. */
	export const start: import('../scripts/config/start-options.ts').StartOptions;
	/** The `editLink.baseUrl` option: a content file's path after it opens the file for editing; null for none. */
	export const editBaseUrl: string | null;
}

declare module 'virtual:halflife/custom-css' {}

declare module 'virtual:halflife/notes' {
	/** Each service's generated page (its note's prose), by slug, as a module Astro compiled from Markdown or MDX. */
	export const notePages: Record<string, () => Promise<{ default: import('astro').AstroComponentFactory }>>;
	/** Each post-incident review's generated page (its prose), by slug, compiled like the notes. */
	export const incidentPages: Record<string, () => Promise<{ default: import('astro').AstroComponentFactory }>>;
}

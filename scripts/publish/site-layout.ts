import { LOCK_DIR } from './lock-site.ts';

/** Folder under the site that holds every frozen version. */
export const VERSIONS_DIR = 'v';

/**
 * The base Astro builds every version with. Publishing rewrites it to `<base>v/<id>/` in the
 * frozen copy and to `<base>` in the latest. One base for every build keeps Astro's config, and
 * so its content cache, the same from build to build.
 */
export const BUILD_BASE = `/${VERSIONS_DIR}/halflife-build-base/`;

/**
 * Stands for the site's root in links that must reach the latest build from any copy (a frozen
 * page's "this page in the latest build"). Publishing rewrites it to the site's base everywhere.
 */
export const SITE_ROOT = `/${VERSIONS_DIR}/halflife-site-root/`;

/** Folder under the site holding the latest copy of a build, `<id>/`, and the `current` symlink that picks one. */
export const LATEST_DIR = '.halflife-root';

/** The symlink in LATEST_DIR that names the copy the site root serves; replacing it publishes a build in one step. */
export const CURRENT_LINK = 'current';

/** What the symlink of a site-root entry says: the entry of that name in the current latest copy, relative so the site can move. */
export const rootLinkTarget = (name: string): string => `${LATEST_DIR}/${CURRENT_LINK}/${name}`;

/** Whether a name at the site root is Halflife's bookkeeping rather than part of the site: never linked, served or exported. */
export function isBookkeeping(name: string): boolean {
	// `.staging-` and `.retired-` are what publishing before the symlink layout left when it was killed.
	return name === LATEST_DIR || name === LOCK_DIR || /^\.(staging|retired)-/.test(name);
}

/** File in LATEST_DIR naming the build being published, so the next publish can tell a frozen copy a killed one left behind. */
export const PUBLISHING_MARKER = '.publishing';

// Absolute site path, lower-case segments that never start with a dot: no scheme, no `//host`,
// no `..`, no query, fragment, quote or entity, so it is inert inside a Mermaid `click` string.
const SITE_PATH = /^\/(?:[a-z0-9_-][a-z0-9._-]*\/)*(?:[a-z0-9_-][a-z0-9._-]*)?$/;

/** Longest link a diagram node may carry. */
export const MAX_HREF_LENGTH = 256;

/** Whether a link is a plain site-relative path that is safe to put in a diagram as it is. */
export function isSafeSiteHref(href: string): boolean {
	return href.length <= MAX_HREF_LENGTH && SITE_PATH.test(href);
}

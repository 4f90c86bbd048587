// A scheme, then no white space or control characters anywhere: browsers drop tabs and line
// breaks inside a URL, so `java\tscript:` would otherwise slip through as `javascript:`.
const SAFE_LINK = /^(?:https?:\/\/|mailto:)[^\s\u0000-\u001f\u007f]+$/i;

/** Whether an address may become a link on a page: http, https or mailto only. */
export function isSafeLinkUrl(url: string): boolean {
	return SAFE_LINK.test(url);
}

/** The scheme an address starts with, lower-cased (`javascript`), or null when it has none. */
export function urlScheme(value: string): string | null {
	// Control characters and white space are ignored by browsers inside a scheme, so they are here too.
	const match = /^([a-z][a-z0-9+.-]*):/i.exec(value.replace(/[\s\u0000-\u001f\u007f]/g, ''));
	return match ? match[1]!.toLowerCase() : null;
}

import type { Element, Root } from 'hast';
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import { unified } from 'unified';

/** The schemes an address in an untrusted note may use; relative addresses have none and are allowed. */
export const NOTE_LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const;

/**
 * What HTML an untrusted note (`notes.format: 'markdown'`) may become on a page: GitHub's
 * allowlist (rehype-sanitize's default), with every address property restricted to http, https,
 * mailto (links only) or a relative path, and the section freshness line Halflife writes itself.
 * Only `name` is prefixed against DOM clobbering: footnote ids are prefixed by remark-rehype already,
 * and prefixing them again would break the links to them.
 */
export const untrustedNoteSchema: Schema = {
	...defaultSchema,
	tagNames: [...(defaultSchema.tagNames ?? []), 'time'],
	attributes: {
		...defaultSchema.attributes,
		p: [['className', 'section-freshness'], 'dataStale'],
		time: ['dateTime'],
		// `srcset` holds addresses no protocol check reads.
		source: [],
	},
	protocols: {
		href: [...NOTE_LINK_PROTOCOLS],
		src: ['http', 'https'],
		cite: ['http', 'https'],
		longDesc: ['http', 'https'],
		action: ['http', 'https'],
	},
	clobber: ['name'],
};

/**
 * Whether the sanitizer keeps `url` as a link's `href` or an image's `src`: the same test, made by
 * the same sanitizer and schema, so `halflife check` warns of exactly what pages drop.
 */
export function isAllowedNoteUrl(url: string, property: 'href' | 'src'): boolean {
	const element: Element = { type: 'element', tagName: property === 'href' ? 'a' : 'img', properties: { [property]: url }, children: [] };
	const tree = unified().use(rehypeSanitize, untrustedNoteSchema).runSync({ type: 'root', children: [element] } satisfies Root);
	const kept = tree.children[0];
	return kept?.type === 'element' && kept.properties[property] !== undefined;
}

import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import type { CatalogLink } from './catalog-types.ts';
import type { YamlDocument } from './read-yaml-documents.ts';
import { isSafeLinkUrl, urlScheme } from '../lib/safe-url.ts';

/** A link as a catalog writes it, with where its address is. */
export interface LinkCandidate {
	/** Text shown for the link, or null to show the address. */
	title: string | null;
	/** The address, untrusted. */
	url: string;
	/** What the link is, or null. */
	type: string | null;
	/** Path of the address in the document, for the warning when it is dropped. */
	path: readonly PropertyKey[];
}

/** Keeps the links whose address is http, https or mailto, in the order given; warns about each one dropped. */
export function keepLinks(doc: YamlDocument, candidates: readonly LinkCandidate[], problems: Problem[]): CatalogLink[] {
	const links: CatalogLink[] = [];
	for (const candidate of candidates) {
		const url = candidate.url.trim();
		if (!isSafeLinkUrl(url)) {
			problems.push(unsafe(doc, candidate.path, url));
			continue;
		}
		const title = candidate.title?.trim() || url;
		links.push({ title, url, type: candidate.type?.trim() || null });
	}
	return links;
}

/**
 * Keeps a contact or on-call address: text without a scheme (an email address, a channel name)
 * stays as it is, an address with a scheme must be http, https or mailto. Null when dropped.
 */
export function keepAddress(doc: YamlDocument, path: readonly PropertyKey[], value: string, problems: Problem[]): string | null {
	const address = value.trim();
	if (address === '') return null;
	if (urlScheme(address) === null || isSafeLinkUrl(address)) return address;
	problems.push(unsafe(doc, path, address));
	return null;
}

function unsafe(doc: YamlDocument, path: readonly PropertyKey[], url: string): Problem {
	const scheme = urlScheme(url);
	return {
		severity: 'warning',
		error: new HalflifeError('CatalogUnsafeLink', {
			location: { file: doc.file, ...doc.locate(path) },
			params: {
				field: path.join('.'),
				// Only the scheme is repeated, never the address: it is untrusted and may be long.
				what: scheme ? `a \`${scheme}:\` address` : 'not a full http://, https:// or mailto: address',
			},
		}),
	};
}

import { createHash } from 'node:crypto';

/** Longest slug produced, so URLs and file names stay bounded whatever telemetry reports. */
export const MAX_SLUG_LENGTH = 64;

// Names that Windows refuses as file names, whatever the extension.
const RESERVED = new Set(['con', 'prn', 'aux', 'nul', 'com1', 'com2', 'com3', 'com4', 'lpt1', 'lpt2', 'lpt3', 'index']);

/** Turns any text into a lowercase ASCII slug of `[a-z0-9-]`, at most MAX_SLUG_LENGTH long, never empty. */
export function slugify(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, MAX_SLUG_LENGTH)
		.replace(/-+$/, '');
	if (slug === '') return 'x';
	return RESERVED.has(slug) ? `${slug}-x` : slug;
}

/**
 * Gives every name a slug that is unique in the set. Names whose slugs collide all get a
 * short hash of their own text appended, so a slug depends only on its name and its rivals,
 * never on the order names were seen in.
 */
export function assignSlugs(names: Iterable<string>): Map<string, string> {
	const groups = new Map<string, string[]>();
	for (const name of new Set(names)) {
		const base = slugify(name);
		const group = groups.get(base);
		if (group) group.push(name);
		else groups.set(base, [name]);
	}
	const slugs = new Map<string, string>();
	const taken = new Set(groups.keys());
	for (const [base, group] of groups) {
		if (group.length === 1) {
			slugs.set(group[0]!, base);
			continue;
		}
		for (const name of group) {
			let hash = createHash('sha256').update(name).digest('hex');
			let slug = `${base.slice(0, MAX_SLUG_LENGTH - 9)}-${hash.slice(0, 8)}`;
			// A hashed slug could in theory equal another name's plain slug; rehash until free.
			while (taken.has(slug)) {
				hash = createHash('sha256').update(hash).digest('hex');
				slug = `${base.slice(0, MAX_SLUG_LENGTH - 9)}-${hash.slice(0, 8)}`;
			}
			taken.add(slug);
			slugs.set(name, slug);
		}
	}
	return slugs;
}

import { createHash } from 'node:crypto';

/**
 * The DOM id of a diagram's SVG on the page, from the caller's diagram id: `hl-` plus the id
 * reduced to `[a-z0-9-]` plus a short hash of the original, so ids that reduce to the same slug
 * (`Cart`, `cart`) still differ, and Mermaid's `#id` style rules never leak between diagrams.
 */
export function diagramDomId(id: string): string {
	const slug = id
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.slice(0, 48)
		.replace(/^-+|-+$/g, '');
	const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
	return slug === '' ? `hl-${hash}` : `hl-${slug}-${hash}`;
}

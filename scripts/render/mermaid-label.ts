/** Longest node label, in user-perceived characters, before it is cut with an ellipsis. */
export const MAX_NODE_LABEL = 48;

/** Longest edge label, in user-perceived characters, before it is cut with an ellipsis. */
export const MAX_EDGE_LABEL = 32;

// Characters that Mermaid's preprocessing, parser and label renderer all treat as plain text in a
// quoted label. Everything else (quotes, `#`, `;`, `%`, `<`, backticks, `:`, `\`, `$`, ...) is
// written as an entity code, so no input can end the string or start a directive, comment,
// entity, icon, markdown string or line break. Letters, marks, digits and emoji of any script
// stay raw so that Mermaid measures them right.
const SAFE =
	/^[A-Za-z0-9 ._,/()\-\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200D\uFE0E\uFE0F]$/u;
// Mermaid's internal placeholder for entity codes starts with this ligature; never pass it raw.
const PLACEHOLDER_LEAD = '\uFB02';

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The text a label shows: well-formed, one line, without controls, bidi overrides or other
 * invisible format characters, whitespace collapsed, NFC, cut at `max` graphemes with an ellipsis.
 */
export function labelText(text: string, max: number): string {
	const cleaned = text
		.toWellFormed()
		// Line breaks and other controls would end the Mermaid statement or hide text.
		.replace(/[\p{Cc}\p{Zl}\p{Zp}\p{Zs}]+/gu, ' ')
		// Format characters (bidi overrides, zero-width spaces, BOM) can make a label read as
		// something it is not; the joiner stays because emoji sequences need it.
		.replace(/(?!\u200D)\p{Cf}/gu, '')
		// Not valid in XML, and the SVG is XML.
		.replace(/\p{Noncharacter_Code_Point}/gu, '')
		.normalize('NFC')
		.replace(/ {2,}/g, ' ')
		.trim();
	// Stacked combining marks make one grapheme arbitrarily long, so the length is capped too.
	const budget = max * 16;
	const kept: string[] = [];
	let units = 0;
	for (const { segment } of segmenter.segment(cleaned)) {
		if (kept.length === max || units + segment.length > budget) {
			return `${kept.slice(0, max - 1).join('').trimEnd()}…`;
		}
		kept.push(segment);
		units += segment.length;
	}
	return cleaned;
}

/** Writes text for the inside of a double-quoted Mermaid label: safe characters raw, all others as `#<decimal>;` entity codes. */
export function escapeMermaidText(text: string): string {
	let out = '';
	for (const char of text) {
		out += SAFE.test(char) && char !== PLACEHOLDER_LEAD ? char : `#${char.codePointAt(0)};`;
	}
	return out;
}

/** A complete double-quoted Mermaid label for untrusted text: cleaned, capped and escaped. */
export function mermaidLabel(text: string, max: number): string {
	// Mermaid cannot parse an empty quoted label.
	const shown = labelText(text, max) || '(unnamed)';
	return `"${escapeMermaidText(shown)}"`;
}

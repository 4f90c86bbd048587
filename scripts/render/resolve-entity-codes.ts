/**
 * Turns the entity codes that Mermaid leaves as literal text in SVG-text labels (`#60;` shows as
 * `&#60;`, serialized `&amp;#60;`; mermaid-js/mermaid#7015) into character references, so the
 * label reads as written. A character reference is always text, never markup.
 */
export function resolveEntityCodes(svg: string): string {
	return svg.replace(/&amp;#(\d{1,7});/g, (whole, digits: string) => {
		const code = Number(digits);
		return isXmlChar(code) ? `&#${code};` : whole;
	});
}

/**
 * Whether a code point is a character XML 1.0 allows; anything else would make the SVG ill-formed.
 * It is also sent to the reader's browser as its source, so it stays self-contained.
 */
export function isXmlChar(code: number): boolean {
	return (
		code === 0x9 ||
		code === 0xa ||
		code === 0xd ||
		(code >= 0x20 && code <= 0xd7ff) ||
		(code >= 0xe000 && code <= 0xfffd) ||
		(code >= 0x10000 && code <= 0x10ffff)
	);
}

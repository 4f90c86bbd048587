/**
 * Text made safe to place in Markdown as it reads: every ASCII punctuation mark backslash-escaped
 * (CommonMark lets any be), so a name cannot open emphasis, a link, code, a table cell or an HTML
 * tag; line breaks and other control characters become spaces, so it cannot start a new block.
 */
export function escapeMarkdown(text: string): string {
	return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** The text with its first letter in upper case, for a sentence assembled from parts. */
export function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Trimmed text, or null when absent or blank. */
export function optionalText(value: string | undefined | null): string | null {
	const text = value?.trim();
	return text ? text : null;
}

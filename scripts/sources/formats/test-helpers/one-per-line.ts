/** A JSON array written one element a line after the opening bracket, so element i starts on line i + 2. */
export function onePerLine(values: readonly unknown[]): string {
	return `[\n${values.map((value) => JSON.stringify(value)).join(',\n')}\n]`;
}

/** Serializes data as indented JSON with a final newline, the form every Halflife JSON file is written in. */
export function stableJson(value: unknown): string {
	return `${JSON.stringify(value, null, '\t')}\n`;
}

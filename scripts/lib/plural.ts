/** A count with its noun, singular or plural as the count needs: "1 deploy", "3 deploys", "2 dependencies" (given the plural). */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
	return `${count} ${count === 1 ? noun : nouns}`;
}

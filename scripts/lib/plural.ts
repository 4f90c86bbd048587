/** A count with its noun, singular or plural as the count needs: "1 deploy", "3 deploys", "2 dependencies" (given the plural), "1,200 spans" (given a format). */
export function plural(count: number, noun: string, nouns = `${noun}s`, format: (count: number) => string = String): string {
	return `${format(count)} ${count === 1 ? noun : nouns}`;
}

/** What an input held: spans to join, aggregated dependency links, or nothing. */
export type InputKind = 'spans' | 'links' | 'empty';

/** Inputs grouped into views of the traffic, and which inputs repeat an earlier one. */
export interface ViewGrouping {
	/** Groups of input numbers: inputs of one view add up, views never do (the busiest is kept per dependency). */
	views: number[][];
	/** Input number → the earlier input whose spans it repeats, for each span input that opened a view of its own. */
	repeated: Map<number, number>;
}

/**
 * Groups a source's inputs (in read order) into views of the traffic they saw. Span inputs are
 * one view as long as none repeats another's spans: traces split over rotated files join, and
 * different traffic adds up. A span input that repeats spans of every view so far (a second
 * export of the same traffic) opens a view of its own. Every dependency-links input is a view of
 * its own: links carry no trace ids or times, so nothing tells two exports of one period apart
 * from two periods, and the busiest is kept rather than a sum that may count calls twice.
 * Span views come first, so a tie keeps the view with times and latency.
 */
export function inputViews(kinds: readonly InputKind[], repeats: (a: number, b: number) => boolean): ViewGrouping {
	const linkViews: number[][] = [];
	const spanViews: number[][] = [];
	const repeated = new Map<number, number>();
	kinds.forEach((kind, input) => {
		if (kind === 'links') {
			linkViews.push([input]);
			return;
		}
		if (kind === 'empty') return;
		const home = spanViews.find((view) => view.every((other) => !repeats(other, input)));
		if (home) {
			home.push(input);
			return;
		}
		const first = spanViews.flat().find((other) => repeats(other, input));
		if (first !== undefined) repeated.set(input, first);
		spanViews.push([input]);
	});
	return { views: [...spanViews, ...linkViews], repeated };
}

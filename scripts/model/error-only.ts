import type { ModelEdge } from './model-schema.ts';

/**
 * How unlikely it must be that a path taken whether or not something failed had every one of its
 * calls land in failing traces, before the path is called one only failure takes. In a window
 * where most of a caller's traffic fails, a few calls of any of its dependencies are all in
 * failing traces by chance; those are not error-only.
 */
export const ERROR_ONLY_CHANCE = 0.05;
/** The failing share assumed for a caller whose other traffic says nothing. */
const UNKNOWN_SHARE = 0.5;

type EdgeCounts = Pick<ModelEdge, 'from' | 'to' | 'observed' | 'calls' | 'errorTraceCalls'>;

interface Tally {
	calls: number;
	errorTraceCalls: number;
}

/** Which observed edges and which callees only failure reaches, judged against each caller's own failing share. */
export function errorOnlyPaths(edges: readonly EdgeCounts[]): { edges: Set<EdgeCounts>; callees: Set<string> } {
	const seen = edges.filter((edge) => edge.observed && edge.calls > 0);
	const outgoing = tallyBy(seen, (edge) => edge.from);
	const incoming = tallyBy(seen, (edge) => edge.to);
	const chanceOf = (edge: EdgeCounts) => chanceAllInFailures(edge, outgoing, incoming);
	const onlyInFailures = (edge: EdgeCounts) => edge.errorTraceCalls >= edge.calls;
	const flagged = new Set(seen.filter((edge) => onlyInFailures(edge) && chanceOf(edge) <= ERROR_ONLY_CHANCE));
	const byCallee = new Map<string, EdgeCounts[]>();
	for (const edge of seen) byCallee.set(edge.to, [...(byCallee.get(edge.to) ?? []), edge]);
	const callees = new Set<string>();
	for (const [callee, into] of byCallee) {
		// Every caller reached it only in failing traces, and together that is unlikely by chance.
		if (into.every(onlyInFailures) && into.reduce((chance, edge) => chance * chanceOf(edge), 1) <= ERROR_ONLY_CHANCE) callees.add(callee);
	}
	return { edges: flagged, callees };
}

/**
 * The chance that `edge`'s calls all fell in failing traces were the path taken regardless of
 * failure. Judged by the requests its caller received (drawn without replacement: of R requests F
 * failed, and each call is taken as one request), else by the share of the caller's other calls
 * in failing traces, else by an even guess.
 */
function chanceAllInFailures(edge: EdgeCounts, outgoing: Map<string, Tally>, incoming: Map<string, Tally>): number {
	const into = incoming.get(edge.from);
	if (into && into.calls >= edge.calls) {
		// More calls than failing requests: a request made several (retries); count the requests.
		const draws = Math.min(edge.calls, into.errorTraceCalls);
		let chance = 1;
		for (let i = 0; i < draws; i++) chance *= (into.errorTraceCalls - i) / (into.calls - i);
		return chance;
	}
	const out = outgoing.get(edge.from)!;
	const others = { calls: out.calls - edge.calls, errorTraceCalls: out.errorTraceCalls - edge.errorTraceCalls };
	return (others.calls > 0 ? others.errorTraceCalls / others.calls : UNKNOWN_SHARE) ** edge.calls;
}

function tallyBy(edges: readonly EdgeCounts[], keyOf: (edge: EdgeCounts) => string): Map<string, Tally> {
	const tallies = new Map<string, Tally>();
	for (const edge of edges) {
		const tally = tallies.get(keyOf(edge)) ?? { calls: 0, errorTraceCalls: 0 };
		tally.calls += edge.calls;
		tally.errorTraceCalls += edge.errorTraceCalls;
		tallies.set(keyOf(edge), tally);
	}
	return tallies;
}

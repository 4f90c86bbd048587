import { plural } from '../lib/plural.ts';

/** What a pull observed, in a few words: spans and traces, or, for a source that has only call totals, the calls. */
export function describeObserved(counts: { spans: number; traces: number; calls: number; format?: (count: number) => string }): string {
	const { spans, traces, calls, format = String } = counts;
	// Jaeger's dependency links and service-graph metrics count calls but keep no spans: "0 spans in 0 traces" would read as nothing seen.
	if (spans === 0 && calls > 0) return `${plural(calls, 'call', 'calls', format)} counted between services (the source keeps totals, no spans)`;
	return `${plural(spans, 'span', 'spans', format)} in ${plural(traces, 'trace', 'traces', format)}`;
}

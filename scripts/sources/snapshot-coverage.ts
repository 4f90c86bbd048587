import type { SkipReason } from './formats/skipped-records.ts';
import type { TelemetrySnapshot } from './snapshot.ts';

/** How well a snapshot's telemetry fits its window, and what had to be left out of it. */
export interface SnapshotCoverage {
	/** Nothing the sources read falls in the window: no span, and no call from links or metrics. */
	emptyWindow: boolean;
	/** Spans read outside the window, not counted. */
	spansOutsideWindow: number;
	/** Earliest and latest span start over every input, in the window or not; null when no span was read. */
	spanStarts: { first: string; last: string } | null;
	/** Invalid records skipped, over every input. */
	skippedRecords: number;
	/** Each input and reason that had records skipped, in input order, with the line of the first. */
	skipped: { input: string; reason: SkipReason; count: number; line: number | null; detail: string }[];
}

/** Sums up a snapshot's inputs: whether anything falls in the window, where the spans were, what was skipped. */
export function snapshotCoverage(snapshot: TelemetrySnapshot): SnapshotCoverage {
	const starts = snapshot.source.inputs.flatMap((input) => (input.spanStarts ? [input.spanStarts] : []));
	const skipped = snapshot.source.inputs.flatMap((input) => (input.skipped ?? []).map((kind) => ({ input: input.path, ...kind })));
	return {
		emptyWindow: snapshot.stats.spans === 0 && snapshot.edges.length === 0,
		spansOutsideWindow: snapshot.stats.spansOutsideWindow,
		spanStarts:
			starts.length === 0
				? null
				: { first: starts.map((s) => s.first).reduce((a, b) => (b < a ? b : a)), last: starts.map((s) => s.last).reduce((a, b) => (b > a ? b : a)) },
		skippedRecords: skipped.reduce((n, kind) => n + kind.count, 0),
		skipped,
	};
}

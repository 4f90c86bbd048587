import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import { SKIP_REASONS } from './formats/skipped-records.ts';
import { snapshotCoverage } from './snapshot-coverage.ts';
import type { SnapshotInput, TelemetrySnapshot } from './snapshot.ts';
import { DAY_MS } from '../lib/days.ts';
import { plural } from '../lib/plural.ts';


/**
 * The warnings a freshly pulled snapshot calls for, each naming its file: a file none of whose
 * spans falls in the window (with where they are, and the fix), invalid records skipped (how many,
 * and the line of the first), a file that repeats another's spans, and, when nothing at all falls
 * in the window, one warning that says so.
 */
export function telemetryProblems(snapshot: TelemetrySnapshot): Problem[] {
	const warn = (error: HalflifeError): Problem => ({ severity: 'warning', error });
	const window = { start: Date.parse(snapshot.window.start), end: Date.parse(snapshot.window.end) };
	const problems: Problem[] = [];
	for (const input of snapshot.source.inputs) {
		if (input.spans === 0 && input.spanStarts && input.spansOutsideWindow) problems.push(warn(outsideWindow(input, input.spanStarts, window, snapshot)));
		for (const kind of input.skipped ?? []) {
			problems.push(
				warn(
					new HalflifeError('TelemetryRecordsSkipped', {
						location: { file: input.path, line: kind.line ?? undefined },
						params: { records: plural(kind.count, 'record'), what: SKIP_REASONS[kind.reason], detail: kind.detail },
					}),
				),
			);
		}
		if (input.repeats) {
			problems.push(warn(new HalflifeError('TelemetryFilesRepeat', { location: { file: input.path }, params: { file: input.path, other: input.repeats } })));
		}
	}
	const coverage = snapshotCoverage(snapshot);
	const endsEarly = !coverage.emptyWindow && coverage.spanStarts ? endsEarlyBy(coverage.spanStarts.last, window.end) : null;
	if (endsEarly) problems.push(warn(endsEarly));
	if (coverage.emptyWindow) {
		const read = coverage.spansOutsideWindow > 0 ? `: all ${plural(coverage.spansOutsideWindow, 'span')} read are outside it` : ': the sources held no span or call at all';
		const days = Math.round((window.end - window.start) / DAY_MS);
		problems.push(warn(new HalflifeError('TelemetryWindowEmpty', { params: { start: snapshot.window.start, end: snapshot.window.end, read, days } })));
	}
	return problems;
}

// Spans that stop more than a day before the clock leave the window's end empty: absence there is no evidence.
function endsEarlyBy(last: string, end: number): HalflifeError | null {
	const gapMs = end - Date.parse(last);
	if (gapMs <= DAY_MS) return null;
	const days = Math.floor(gapMs / DAY_MS);
	return new HalflifeError('TelemetryEndsEarly', {
		params: { last, gap: plural(days, 'day'), end: new Date(end).toISOString(), suggested: new Date(Date.parse(last) + 1000).toISOString() },
	});
}

// The fix depends on where the spans are: before the window (an old export), or after the clock.
function outsideWindow(input: SnapshotInput, starts: { first: string; last: string }, window: { start: number; end: number }, snapshot: TelemetrySnapshot): HalflifeError {
	const first = Date.parse(starts.first);
	const last = Date.parse(starts.last);
	let fix: string;
	if (last < window.start) {
		// A clock just after the last span puts every span of the last `windowDays` days in the window.
		const now = new Date(last + 1000).toISOString();
		const days = Math.ceil((window.end - first) / DAY_MS);
		fix = `The file is older than the window. To build from it, set the build's clock just after its last span (\`--now ${now}\`), or widen \`windowDays\` to ${days} to reach back to its first; if it is an old export, remove it or narrow \`telemetry.paths\`.`;
	} else if (first >= window.end) {
		fix = `Its spans start after the build's clock: check the clock (\`--now\`, \`SOURCE_DATE_EPOCH\`) and the clock of the machine that exported them.`;
	} else {
		fix = 'Its spans start before the window and after the build\'s clock, none inside: check the clocks that stamped them, and the build\'s (`--now`, `windowDays`).';
	}
	return new HalflifeError('TelemetryOutsideWindow', {
		location: { file: input.path },
		params: { spans: plural(input.spansOutsideWindow ?? 0, 'span'), file: input.path, first: starts.first, last: starts.last, start: snapshot.window.start, end: snapshot.window.end, fix },
	});
}

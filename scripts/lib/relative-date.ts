const DAY_MS = 86_400_000;

/** Says how long ago something was, in words a reader scans: "3 days", "5 weeks", "1.4 years" (for 2 days or more). */
function formatSpan(days: number): string {
	if (days < 14) return `${days} days`;
	if (days < 60) return `${Math.round(days / 7)} weeks`;
	if (days < 365) return `${Math.round(days / 30.4)} months`;
	return `${(days / 365).toFixed(1)} years`;
}

/** When something was, relative to the build's clock. */
export interface RelativeDate {
	/** "today", "yesterday", "3 days ago"; or, for a time after the build's clock, "3 days after this build". */
	text: string;
	/** Whether it is after the build's clock (a commit or a span timestamped later than the build): never called "today". */
	future: boolean;
	/** Whole calendar days (UTC) from it to the build's day; negative after it. */
	days: number;
}

/**
 * The one way the site says when something was, against the build's clock `now`: calendar days
 * in UTC, so "today" is the build's own day and "yesterday" the day before, whatever the hour.
 * A date after the build's clock is said to be so, never "today".
 */
export function relativeDate(at: string, now: string): RelativeDate {
	const time = Date.parse(at.length === 10 ? `${at}T00:00:00Z` : at);
	const clock = Date.parse(now);
	if (Number.isNaN(time) || Number.isNaN(clock)) throw new Error(`relativeDate: not a date: ${Number.isNaN(time) ? at : now}`);
	const days = Math.round((Date.UTC(...ymd(clock)) - Date.UTC(...ymd(time))) / DAY_MS);
	// A bare date on the build's day is not after it; a time is, once it is past the clock.
	if (days < 0 || (days === 0 && at.length > 10 && time > clock)) {
		const ahead = -days;
		return { text: ahead === 0 ? 'later on the day of this build' : ahead === 1 ? '1 day after this build' : `${formatSpan(ahead)} after this build`, future: true, days };
	}
	return { text: days === 0 ? 'today' : days === 1 ? 'yesterday' : `${formatSpan(days)} ago`, future: false, days };
}

function ymd(ms: number): [number, number, number] {
	const d = new Date(ms);
	return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}

import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import { nearestName } from './nearest-name.ts';

/** A heading in a note that carries its own review date, written `## Runbook {reviewed=2026-10-01}`. */
export interface NoteSection {
	/** The heading's text, without the marker and without closing `#`s. */
	heading: string;
	/** Heading level, 1 to 6. */
	depth: number;
	/** 1-based line of the heading in the note file. */
	line: number;
	/** The date a person last confirmed the section, `YYYY-MM-DD`. */
	reviewed: string;
}

/** What `replaceSectionMarkers` tells the renderer about one marked section. */
export interface MarkedSection {
	/** The heading's text, without the marker and without closing `#`s. */
	heading: string;
	/** Heading level, 1 to 6. */
	depth: number;
	/** The section's review date, `YYYY-MM-DD`. */
	reviewed: string;
	/** Position among the note's valid marked sections, the same as in `readSections`' result. */
	index: number;
}

interface Line {
	text: string;
	eol: string;
}

interface Marker {
	/** 0-based line in the body. */
	index: number;
	depth: number;
	heading: string;
	/** What is between the braces. */
	inner: string;
	/** 1-based column of the `{`. */
	column: number;
}

type Verdict = { kind: 'section'; reviewed: string } | { kind: 'bad-date' } | { kind: 'unknown' } | null;

/**
 * Finds the headings of a note body that end with a `{reviewed=YYYY-MM-DD}` marker, and reports
 * markers with a bad date or a misspelt key. Headings in fenced or indented code are not headings.
 */
export function readSections(file: string, body: string, bodyLine: number): { sections: NoteSection[]; problems: Problem[] } {
	const sections: NoteSection[] = [];
	const problems: Problem[] = [];
	for (const marker of findMarkers(splitLines(body))) {
		const verdict = judge(marker.inner);
		if (verdict === null) continue;
		const line = bodyLine + marker.index;
		if (verdict.kind === 'section') {
			sections.push({ heading: marker.heading, depth: marker.depth, line, reviewed: verdict.reviewed });
			continue;
		}
		const location = { file, line, column: marker.column };
		const params = { marker: `{${marker.inner}}`, heading: marker.heading };
		const error =
			verdict.kind === 'bad-date'
				? new HalflifeError('SectionReviewedInvalid', {
						location,
						params: { ...params, example: `${plainHeading(marker)} {reviewed=2026-01-31}` },
					})
				: new HalflifeError('SectionMarkerUnknown', { location, params: { ...params, suggestion: suggest(marker.inner) } });
		problems.push({ severity: 'error', error });
	}
	return { sections, problems };
}

/**
 * Rewrites each validly marked heading as the plain heading, a blank line, what `render` returns
 * and a blank line, leaving every other byte as it was. The marker has to go before an MDX body
 * is compiled, where `{...}` would be a JavaScript expression.
 */
export function replaceSectionMarkers(body: string, render: (section: MarkedSection) => string): string {
	const lines = splitLines(body);
	const replaced = new Map<number, string>();
	// Line endings of inserted lines follow the body's own, so a CRLF note stays CRLF.
	const fallbackEol = /\r\n/.test(body) ? '\r\n' : '\n';
	let index = 0;
	for (const marker of findMarkers(lines)) {
		const verdict = judge(marker.inner);
		if (verdict?.kind !== 'section') continue;
		const eol = lines[marker.index]!.eol || fallbackEol;
		const html = render({ heading: marker.heading, depth: marker.depth, reviewed: verdict.reviewed, index: index++ });
		replaced.set(marker.index, `${plainHeading(marker)}${eol}${eol}${html}${eol}${eol}`);
	}
	if (replaced.size === 0) return body;
	return lines.map((line, i) => replaced.get(i) ?? line.text + line.eol).join('');
}

function splitLines(body: string): Line[] {
	const lines: Line[] = [];
	const pattern = /([^\r\n]*)(\r\n|\n|\r)/y;
	let end = 0;
	for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
		lines.push({ text: match[1]!, eol: match[2]! });
		end = pattern.lastIndex;
	}
	if (end < body.length) lines.push({ text: body.slice(end), eol: '' });
	return lines;
}

// CommonMark block structure, as far as headings need it: a line indented by four or more spaces
// is code or paragraph text, never a heading or a fence, so indented code needs no tracking.
function* findMarkers(lines: Line[]): Generator<Marker> {
	let fence: { char: string; length: number } | null = null;
	for (const [index, { text }] of lines.entries()) {
		if (fence) {
			const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(text);
			if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
			continue;
		}
		const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text);
		// A backtick run followed by another backtick on the line is inline code, not a fence.
		if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
			fence = { char: open[1]![0]!, length: open[1]!.length };
			continue;
		}
		const heading = /^( {0,3})(#{1,6})(?=[ \t]|$)/.exec(text);
		if (!heading) continue;
		const marker = readMarker(text, heading[0].length);
		if (marker) yield { index, depth: heading[2]!.length, ...marker };
	}
}

function readMarker(text: string, contentStart: number): Omit<Marker, 'index' | 'depth'> | null {
	const leading = /^[ \t]*/.exec(text.slice(contentStart))![0].length;
	const start = contentStart + leading;
	const content = text.slice(start).replace(/[ \t]+$/, '');
	// Kramdown and Pandoc put attributes after the text, before or after the closing `#`s.
	const found = bracesAtEnd(content) ?? bracesAtEnd(stripClosingHashes(content));
	if (!found) return null;
	return {
		heading: stripClosingHashes(content.slice(0, found.at).replace(/[ \t]+$/, '')),
		inner: found.inner,
		column: start + found.brace + 1,
	};
}

function bracesAtEnd(content: string): { at: number; brace: number; inner: string } | null {
	const match = /[ \t]*\{([^{}]*)\}$/.exec(content);
	if (!match) return null;
	return { at: match.index, brace: match.index + match[0].indexOf('{'), inner: match[1]! };
}

function stripClosingHashes(content: string): string {
	const match = /(?:^|[ \t]+)#+[ \t]*$/.exec(content);
	return match ? content.slice(0, match.index) : content;
}

function judge(inner: string): Verdict {
	const exact = /^reviewed=(.*)$/.exec(inner);
	if (exact) return isDate(exact[1]!) ? { kind: 'section', reviewed: exact[1]! } : { kind: 'bad-date' };
	// Braces that do not name a review key are someone else's: a kramdown `{#id}`, or an MDX expression.
	const key = /^\s*([A-Za-z][\w-]*)/.exec(inner)?.[1];
	if (key && (/review/i.test(key) || nearestName(key, ['reviewed']) !== null)) return { kind: 'unknown' };
	return null;
}

function isDate(text: string): boolean {
	// Date.parse accepts 2026-02-30 as 2 March, so the date must also survive the round trip.
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const time = Date.parse(`${text}T00:00:00Z`);
	return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

function suggest(inner: string): string {
	const date = /\d{4}-\d{2}-\d{2}/.exec(inner)?.[0];
	return `{reviewed=${date !== undefined && isDate(date) ? date : 'YYYY-MM-DD'}}`;
}

function plainHeading(marker: Pick<Marker, 'depth' | 'heading'>): string {
	const hashes = '#'.repeat(marker.depth);
	return marker.heading === '' ? hashes : `${hashes} ${marker.heading}`;
}

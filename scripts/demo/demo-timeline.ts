/**
 * What Basketful's teams change between the demo's builds: `content/` is the state before the
 * first build, and each edit applies from the build at `from` (an index into DEMO_BUILDS) on, so
 * the published history shows understanding recovering after a review and an edit without one.
 */
export interface TimelineEdit {
	/** Path under the content folder. */
	file: string;
	/** Index of the first build that sees the edit. */
	from: number;
	/** What the edit is, for the builds page of the demo and for tests. */
	what: string;
	/** Exact text replacements, each of which must match once. */
	replace: ReadonlyArray<readonly [before: string, after: string]>;
}

/** The teams' edits, in build order. */
export const DEMO_TIMELINE: readonly TimelineEdit[] = [
	{
		file: 'notes/fraud-check.md',
		from: 1,
		what: 'The payments team reviews fraud-check and declares its call to orders (GET /orders/history), which telemetry showed and nobody had written down.',
		replace: [
			['reviewed: 2025-05-12', 'reviewed: 2026-10-22'],
			['  - api.sift.com\n', '  - api.sift.com\n  - name: orders\n    why: order history, a fraud signal\n'],
		],
	},
	{
		file: 'notes/payments.mdx',
		from: 3,
		what: 'After the Stripe outage of window 3, the payments team declares the Adyen fallback it showed, marked rare: it is only called when Stripe fails.',
		replace: [
			[
				'    why: every authorisation, capture and refund is a Stripe API call\n',
				'    why: every authorisation, capture and refund is a Stripe API call\n  - name: pal-live.adyen.com\n    why: the fallback when Stripe fails an authorisation\n    rare: true\n',
			],
			['reviewed: 2026-09-01', 'reviewed: 2026-11-04'],
		],
	},
	{
		file: 'notes/sms-sender.md',
		from: 4,
		what: 'The messaging team reviews sms-sender, untouched since 2025-03-18, and changes nothing else.',
		replace: [['reviewed: 2025-03-18', 'reviewed: 2026-11-13']],
	},
	{
		file: 'notes/payment-webhooks.md',
		from: 4,
		what: 'The payments team reviews payment-webhooks and adds what it learned about Stripe retries.',
		replace: [
			['reviewed: 2026-03-11', 'reviewed: 2026-11-12'],
			['so short outages lose nothing.', 'so short outages lose nothing; a retry carries the same event id, so it is dropped as a duplicate.'],
		],
	},
	{
		file: 'notes/payments.mdx',
		from: 5,
		what: "The payments team reviews the payments note's Incidents section, last reviewed 2025-01-20.",
		replace: [['## Incidents {reviewed=2025-01-20}', '## Incidents {reviewed=2026-11-20}']],
	},
	{
		file: 'notes/search-indexer.md',
		from: 5,
		what: 'Someone edits the description of search-indexer without reviewing the note (its date stays 2024-11-05).',
		replace: [
			[
				'description: Keeps the Elasticsearch product index in step with catalogue and stock changes.',
				'description: Keeps the Elasticsearch product index in step with catalogue, price and stock changes.',
			],
		],
	},
];

/** Applies the edits a build sees to a note's text; an edit that no longer matches is a bug in the demo. */
export function applyTimeline(file: string, text: string, buildIndex: number): string {
	let result = text;
	for (const edit of DEMO_TIMELINE) {
		if (edit.file !== file || buildIndex < edit.from) continue;
		for (const [before, after] of edit.replace) {
			if (result.split(before).length !== 2) throw new Error(`demo timeline: \`${before}\` does not occur exactly once in ${file}`);
			result = result.replace(before, after);
		}
	}
	return result;
}

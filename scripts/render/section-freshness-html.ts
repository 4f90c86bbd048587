import { relativeDate } from '../lib/relative-date.ts';
import type { ModelService } from '../model/model-schema.ts';

type Section = NonNullable<ModelService['note']>['sections'][number];

/**
 * The line shown under a section heading that carries its own review date. It is the only HTML
 * Halflife writes into a note's page, built from a validated date and whole numbers only, so
 * `SECTION_FRESHNESS_HTML` can recognise it exactly when every other HTML in a note is escaped.
 */
export function sectionFreshnessHtml(section: Section, now: string): string {
	const when = relativeDate(section.reviewed, now).text;
	const stale = section.stale ? ' data-stale=""' : '';
	return `<p class="section-freshness"${stale}>Section reviewed <time datetime="${section.reviewed}">${section.reviewed}</time> (${when})${section.stale ? ': stale' : ''}.</p>`;
}

/** Matches exactly what `sectionFreshnessHtml` produces, and nothing a note could use to run code. */
export const SECTION_FRESHNESS_HTML =
	/^<p class="section-freshness"(?: data-stale="")?>Section reviewed <time datetime="\d{4}-\d{2}-\d{2}">\d{4}-\d{2}-\d{2}<\/time> \((?:today|yesterday|\d+(?:\.\d)? (?:days|weeks|months|years) (?:ago|after this build)|1 day after this build|later on the day of this build)\)(?:: stale)?\.<\/p>$/;

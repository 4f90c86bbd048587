import type { ModelService } from '../model/model-schema.ts';

type Section = NonNullable<ModelService['note']>['sections'][number];

/**
 * The line shown under a section heading that carries its own review date. It is the only HTML
 * Halflife writes into a note's page, built from a validated date and whole numbers only, so
 * `SECTION_FRESHNESS_HTML` can recognise it exactly when every other HTML in a note is escaped.
 */
export function sectionFreshnessHtml(section: Section): string {
	const days = section.ageDays === 1 ? '1 day' : `${Math.max(0, section.ageDays)} days`;
	const stale = section.stale ? ' data-stale=""' : '';
	return `<p class="section-freshness"${stale}>Section reviewed <time datetime="${section.reviewed}">${section.reviewed}</time>, ${days} before this build${section.stale ? ': stale' : ''}.</p>`;
}

/** Matches exactly what `sectionFreshnessHtml` produces, and nothing a note could use to run code. */
export const SECTION_FRESHNESS_HTML =
	/^<p class="section-freshness"(?: data-stale="")?>Section reviewed <time datetime="\d{4}-\d{2}-\d{2}">\d{4}-\d{2}-\d{2}<\/time>, \d+ days? before this build(?:: stale)?\.<\/p>$/;

import { plural } from '../../scripts/lib/plural.ts';
import type { Model } from '../../scripts/model/model-schema.ts';
import { formatNumber, formatPercent } from './format.ts';

/**
 * What this build's sources could not see, in sentences for the top of a view: the window (a job
 * that did not run in it is missing), sampling, incomplete traces, and services no span came from.
 */
export function sourceLimits(model: Pick<Model, 'telemetry' | 'services'>): string {
	const t = model.telemetry;
	if (!t) return 'No telemetry was pulled for this build: everything here is what notes and catalogs declare, none of it seen running.';
	const parts = [
		`Telemetry covers ${t.window.start.slice(0, 10)} to ${t.window.end.slice(0, 10)} only: a batch job or a call that did not run in that window is missing here.`,
	];
	if (t.counting.basis === 'sampled') parts.push(`Its counts are a sample${t.counting.ratio === null ? '' : ` of about ${formatPercent(t.counting.ratio, 1)} of calls`}, so a rare call may not appear.`);
	else if (t.counting.basis === 'unknown') parts.push('The data does not say whether its counts are sampled, so a rare call may not appear.');
	if (t.spans === 0) parts.push('The source keeps call totals, not spans: it shows who calls whom, not how a single request travels.');
	if (t.orphanSpans > 0) parts.push(`${plural(t.orphanSpans, 'span', 'spans', formatNumber)} had no parent in the window: part of those traces was not seen.`);
	// A documented service without spans is not instrumented or did not run; either way traces cannot show what it does.
	// A source of call totals has no spans at all: it cannot tell an uninstrumented service from another.
	const silent = t.spans === 0 ? 0 : model.services.filter((s) => s.kind === 'service' && s.sources.length > 0 && (s.telemetry?.spans ?? 0) === 0).length;
	if (silent > 0) parts.push(`${plural(silent, 'described service', 'described services')} emitted no span in the window (not instrumented, or not running): what ${silent === 1 ? 'it calls' : 'they call'} is known only from what is written.`);
	return parts.join(' ');
}

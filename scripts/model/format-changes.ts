import type { BuildChanges } from './diff-models.ts';
import { describeShift } from './describe-shift.ts';

const percent = (value: number | null) => (value === null ? 'none' : `${Math.round(value * 100)}%`);

/** Renders what changed between two builds as the lines `halflife diff` prints: one section per kind of change, empty ones left out. */
export function formatChanges(changes: BuildChanges, from: string | null, to: string): string {
	const lines = [`Changes from ${from ?? '(nothing)'} to ${to}`];
	const section = (title: string, items: string[]) => {
		if (items.length === 0) return;
		lines.push('', `${title} (${items.length})`, ...items.map((item) => `  ${item}`));
	};
	const { before, after } = changes.systemConfidence;
	lines.push(`Understanding of the system: ${percent(before)} → ${percent(after)}`);
	section('Services appeared', changes.servicesAdded);
	section('Services vanished', changes.servicesRemoved);
	section('Dependencies appeared', changes.edgesAdded.map((e) => `${e.from} → ${e.to} (${e.status})`));
	section('Dependencies vanished', changes.edgesRemoved.map((e) => `${e.from} → ${e.to} (was ${e.status})`));
	section('Dependencies changed', changes.edgesChanged.map((e) => `${e.from} → ${e.to}: ${e.before} → ${e.after}`));
	section('Dependencies shifted', changes.edgesShifted.map((e) => `${e.from} → ${e.to}: ${describeShift(e, e.shifted)}`));
	section('Too few calls to tell', changes.edgesTooFewCalls.map((e) => `${e.from} → ${e.to}: ${describeShift(e, e.tooFewCalls)}`));
	section('Topology changed while we observed', changes.instancesChanged.map((c) => `${c.service}: ${c.before} → ${c.after} instances`));
	section('Sharing appeared', changes.couplingAdded.map((c) => `${c.resource}: ${c.services.join(', ')}`));
	section('Sharing ended', changes.couplingRemoved.map((c) => `${c.resource}: was ${c.services.join(', ')}`));
	section('External services appeared', changes.externalHostsAdded.map((h) => `${h.host} (called by ${h.callers.join(', ')})`));
	section('External services vanished', changes.externalHostsRemoved.map((h) => `${h.host} (was called by ${h.callers.join(', ')})`));
	section('Entry points appeared', changes.entryPointsAdded);
	section('Entry points vanished', changes.entryPointsRemoved);
	section('Owners changed', changes.ownersChanged.map((o) => `${o.service}: ${o.before ?? 'nobody'} → ${o.after ?? 'nobody'}`));
	section('Notes reviewed', changes.notesReviewed);
	section('Notes edited', changes.notesEdited);
	section('Notes turned stale', changes.newlyStale);
	section('Sections turned stale', changes.sectionsNewlyStale.map((s) => `${s.service}: ${s.section}`));
	section('Confidence lost', changes.confidenceChanged.filter((c) => c.after < c.before).map((c) => `${c.service}: ${percent(c.before)} → ${percent(c.after)}`));
	section('Confidence regained', changes.confidenceChanged.filter((c) => c.after > c.before).map((c) => `${c.service}: ${percent(c.before)} → ${percent(c.after)}`));
	const lesson = (l: BuildChanges['lessonsChanged'][number]) => `${l.incident}, ${l.from} → ${l.to}: ${percent(l.before)} → ${percent(l.after)}`;
	section('Lessons fading', changes.lessonsChanged.filter((l) => l.after < l.before).map(lesson));
	section('Lessons confirmed again', changes.lessonsChanged.filter((l) => l.after > l.before).map(lesson));
	if (lines.length === 2) lines.push('', 'Nothing else changed.');
	return `${lines.join('\n')}\n`;
}

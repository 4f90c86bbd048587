import type { QueueItem, QueueKind } from './model-schema.ts';

/** What each kind of queue item asks of the team, in a few words. */
export const QUEUE_KIND_LABELS: Readonly<Record<QueueKind, string>> = {
	hidden: 'hidden dependency',
	phantom: 'phantom dependency',
	'stale-note': 'stale note',
	'stale-section': 'stale section',
	undocumented: 'undocumented service',
	'owner-departed': 'owner left',
};

/** A queue item in one line of plain text: "hidden dependency: checkout → cart", "stale section: cart, Runbook". */
export function describeQueueItem(item: Pick<QueueItem, 'kind' | 'service' | 'subject'>): string {
	const label = QUEUE_KIND_LABELS[item.kind];
	if (item.kind === 'hidden' || item.kind === 'phantom') return `${label}: ${item.service} → ${item.subject}`;
	if (item.kind === 'stale-section') return `${label}: ${item.service}, ${item.subject}`;
	if (item.kind === 'owner-departed') return `${label}: ${item.service} (${item.subject})`;
	return `${label}: ${item.service}`;
}

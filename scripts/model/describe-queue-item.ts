import type { QueueItem, QueueKind } from './model-schema.ts';

/** What each kind of queue item asks of the team, in a few words. */
export const QUEUE_KIND_LABELS: Readonly<Record<QueueKind, string>> = {
	hidden: 'hidden dependency',
	phantom: 'phantom dependency',
	gone: 'dependency gone',
	'stale-note': 'stale note',
	'stale-section': 'stale section',
	undocumented: 'undocumented service',
	'owner-departed': 'owner left',
};

/** A queue item in one line: "hidden dependency: checkout → cart", "stale section: cart, Runbook"; `escape` makes each name safe for where the line goes. */
export function describeQueueItem(item: Pick<QueueItem, 'kind' | 'service' | 'subject'>, escape: (name: string) => string = (name) => name): string {
	const label = QUEUE_KIND_LABELS[item.kind];
	const [service, subject] = [escape(item.service), escape(item.subject)];
	if (item.kind === 'hidden' || item.kind === 'phantom' || item.kind === 'gone') return `${label}: ${service} → ${subject}`;
	if (item.kind === 'stale-section') return `${label}: ${service}, ${subject}`;
	if (item.kind === 'owner-departed') return `${label}: ${service} (${subject})`;
	return `${label}: ${service}`;
}

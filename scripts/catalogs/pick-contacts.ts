import type { Problem } from '../errors/halflife-error.ts';
import type { YamlDocument } from './read-yaml-documents.ts';
import { keepAddress } from './safe-addresses.ts';

/** A Datadog contact as read. */
export interface ContactEntry {
	type: string;
	contact: string;
}

/** The contacts Halflife shows: the first Slack or email contact, and the first on-call one. */
export interface PickedContacts {
	/** First Slack or email address, or null. */
	contact: string | null;
	/** First PagerDuty, Opsgenie or on-call contact, or null. */
	oncall: string | null;
}

const CONTACT_TYPES = new Set(['slack', 'email']);
const ONCALL_TYPES = new Set(['pagerduty', 'opsgenie', 'oncall']);

/** Picks the contact and on-call address from a Datadog `contacts` list at `path`; unsafe addresses are dropped with a warning. */
export function pickContacts(
	doc: YamlDocument,
	path: readonly PropertyKey[],
	contacts: readonly ContactEntry[],
	problems: Problem[],
): PickedContacts {
	const picked: PickedContacts = { contact: null, oncall: null };
	contacts.forEach((entry, i) => {
		const type = entry.type.trim().toLowerCase();
		const slot = CONTACT_TYPES.has(type) ? 'contact' : ONCALL_TYPES.has(type) ? 'oncall' : null;
		if (slot === null || picked[slot] !== null) return;
		picked[slot] = keepAddress(doc, [...path, i, 'contact'], entry.contact, problems);
	});
	return picked;
}

import type { Rng } from './prng.ts';

/** Business domains a synthetic service can belong to; services of one domain share its database and topic. */
export const DOMAINS = [
	'account', 'address', 'audit', 'basket', 'billing', 'booking', 'campaign', 'carrier', 'catalog', 'checkout',
	'claims', 'compliance', 'consent', 'content', 'coupon', 'customer', 'delivery', 'device', 'document', 'email',
	'entitlement', 'experiment', 'export', 'fare', 'feed', 'fulfilment', 'geo', 'gift-card', 'identity', 'image',
	'import', 'invoice', 'itinerary', 'kyc', 'ledger', 'listing', 'locale', 'loyalty', 'media', 'merchant',
	'message', 'metering', 'notification', 'offer', 'order', 'partner', 'payment', 'payout', 'pricing', 'profile',
	'quote', 'rating', 'refund', 'report', 'reservation', 'return', 'review', 'risk', 'route', 'schedule',
	'search', 'seller', 'session', 'settlement', 'shipment', 'sku', 'stock', 'subscription', 'supplier', 'tax',
	'ticket', 'tracking', 'user', 'vendor', 'voucher', 'warehouse', 'wallet', 'webhook',
] as const;

/** Name suffixes per architectural layer, from the edge (0) down to background workers (4). */
export const LAYER_ROLES: readonly (readonly string[])[] = [
	['gateway', 'edge', 'public-api'],
	['bff', 'web', 'portal', 'app-api'],
	['service', 'api', 'orchestrator', 'manager'],
	['store', 'engine', 'registry', 'resolver', 'core'],
	['worker', 'sync', 'indexer', 'exporter', 'adapter', 'scheduler'],
];

/** Third-party APIs synthetic services call, by host. */
export const EXTERNAL_HOSTS = [
	'api.stripe.com', 'api.adyen.com', 'api.sendgrid.com', 'api.twilio.com', 'fcm.googleapis.com',
	'maps.googleapis.com', 'api.sift.com', 'api.loqate.com', 'bigquery.googleapis.com', 'api.segment.io',
	'api.mailgun.net', 'api.hubapi.com', 'api.zendesk.com', 'api.avalara.com', 'api.shipengine.com',
	'api.easypost.com', 'api.openexchangerates.org', 'api.onfido.com', 'hooks.slack.com', 'api.pagerduty.com',
] as const;

const TEAM_WORDS = [
	'atlas', 'beacon', 'comet', 'delta', 'ember', 'falcon', 'granite', 'harbour', 'iris', 'juniper',
	'kestrel', 'lumen', 'meridian', 'nova', 'orbit', 'pioneer', 'quartz', 'raven', 'summit', 'tidal',
	'umbra', 'vector', 'willow', 'xenon', 'yarrow', 'zephyr', 'anchor', 'basalt', 'cedar', 'drift',
	'aurora', 'bramble', 'cobalt', 'dune', 'echo', 'fjord', 'glacier', 'heron', 'indigo', 'jasper',
	'kelp', 'lark', 'maple', 'nimbus', 'onyx', 'pebble', 'quill', 'reef', 'sable', 'thistle',
	'upland', 'vale', 'wren', 'yew', 'zinc', 'acorn', 'birch', 'cairn', 'delphi', 'ermine',
	'fern', 'gale', 'hazel', 'ivy', 'jade', 'kite', 'lotus', 'moss', 'nectar', 'otter',
	'pine', 'quasar', 'rowan', 'slate', 'tern', 'ursa', 'violet', 'walnut', 'yucca', 'zenith',
];

/** `count` distinct kebab-case team ids with display names, deterministic per generator state. */
export function teamNames(count: number, rng: Rng): { id: string; name: string }[] {
	const words = rng.shuffle(TEAM_WORDS);
	const out: { id: string; name: string }[] = [];
	for (let i = 0; i < count; i++) {
		const word = words[i % words.length] as string;
		const round = Math.floor(i / words.length);
		const id = round === 0 ? `team-${word}` : `team-${word}-${round + 1}`;
		const title = word.charAt(0).toUpperCase() + word.slice(1);
		out.push({ id, name: round === 0 ? `Team ${title}` : `Team ${title} ${round + 1}` });
	}
	return out;
}

/** A unique service name for a domain and layer; `taken` is updated. */
export function serviceName(domain: string, layer: number, rng: Rng, taken: Set<string>): string {
	const roles = LAYER_ROLES[layer] ?? LAYER_ROLES[2] as readonly string[];
	for (const role of rng.shuffle(roles)) {
		const name = `${domain}-${role}`;
		if (!taken.has(name)) {
			taken.add(name);
			return name;
		}
	}
	// Every role of this domain is used: number the next one, as real organisations do (`order-worker-2`).
	const role = rng.pick(roles);
	for (let n = 2; ; n++) {
		const name = `${domain}-${role}-${n}`;
		if (!taken.has(name)) {
			taken.add(name);
			return name;
		}
	}
}

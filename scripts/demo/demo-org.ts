import type { DbCall, ExternalCall, HttpCall, OrgModel, ProduceCall, ServiceSpec } from './org-model.ts';

/**
 * Basketful, a fictional UK online grocer: the real runtime behaviour behind the embedded demo.
 * The notes in content/notes are what its teams believe; this module is what production does.
 * content/README.md lists the gaps between the two that are planted on purpose.
 */

/** The six weekly builds of the demo (each build's `--now`); window k covers the 7 days before build k. */
export const DEMO_BUILDS = [
	'2026-10-19T00:00:00Z',
	'2026-10-26T00:00:00Z',
	'2026-11-02T00:00:00Z',
	'2026-11-09T00:00:00Z',
	'2026-11-16T00:00:00Z',
	'2026-11-23T00:00:00Z',
] as const;

/** Seed of the demo telemetry; change it only together with the committed files. */
export const DEMO_SEED = 20261140;

/** User-request traces sampled per window; jobs, and one trace for any entry the sample missed, come on top. */
export const DEMO_TRACES_PER_WINDOW = 92;

const http = (to: string, op: string, extra: Partial<HttpCall> = {}): HttpCall => ({ type: 'http', to, op, ...extra });
const pg = (namespace: string, operation: string, target: string, ms: number, extra: Partial<DbCall> = {}): DbCall => ({ type: 'db', system: 'postgresql', namespace, operation, target, ms, ...extra });
const redis = (namespace: string, operation: string, ms: number, extra: Partial<DbCall> = {}): DbCall => ({ type: 'db', system: 'redis', namespace, operation, ms, ...extra });
const db = (system: string, namespace: string, operation: string, target: string, ms: number, extra: Partial<DbCall> = {}): DbCall => ({ type: 'db', system, namespace, operation, target, ms, ...extra });
const external = (host: string, method: string, ms: number, extra: Partial<ExternalCall> = {}): ExternalCall => ({ type: 'external', host, via: 'server.address', method, ms, ...extra });
const produce = (topic: string, extra: Partial<ProduceCall> = {}): ProduceCall => ({ type: 'produce', topic, ...extra });

const services: ServiceSpec[] = [
	// --- edge: Edge & Identity ----------------------------------------------------------------
	{
		name: 'api-gateway',
		owner: 'edge',
		runtime: 'go',
		version: '2.8.1',
		ops: {
			'GET /': { kind: 'server', work: 1.2, calls: [http('web-frontend', 'GET /')] },
			'GET /search': { kind: 'server', work: 1.2, calls: [http('web-frontend', 'GET /search')] },
			'GET /products/{id}': { kind: 'server', work: 1.2, calls: [http('web-frontend', 'GET /products/{id}')] },
			'GET /account/orders': { kind: 'server', work: 1.5, calls: [http('identity', 'POST /introspect'), http('web-frontend', 'GET /account/orders')] },
			'GET /m/home': { kind: 'server', work: 1.2, calls: [http('mobile-bff', 'GET /home')] },
			'GET /m/search': { kind: 'server', work: 1.2, calls: [http('mobile-bff', 'GET /search')] },
			'GET /api/cart': { kind: 'server', work: 1, calls: [http('cart', 'GET /cart')] },
			'POST /api/cart/items': { kind: 'server', work: 1, calls: [http('cart', 'POST /cart/items')] },
			'GET /api/slots': { kind: 'server', work: 1, calls: [http('delivery-slots', 'GET /slots')] },
			'POST /api/checkout': { kind: 'server', work: 1.5, calls: [http('identity', 'POST /introspect'), http('checkout', 'POST /checkout')] },
			'GET /api/orders/{id}': { kind: 'server', work: 1, calls: [http('orders', 'GET /orders/{id}')] },
			'POST /api/orders/{id}/refund': { kind: 'server', work: 1.5, calls: [http('identity', 'POST /introspect'), http('refunds', 'POST /refunds')] },
			'POST /api/events': { kind: 'server', work: 0.6, calls: [http('analytics-ingest', 'POST /v1/events')] },
		},
	},
	{
		name: 'web-frontend',
		owner: 'edge',
		runtime: 'node',
		version: '14.3.0',
		ops: {
			'GET /': {
				kind: 'server',
				work: 16,
				parallel: true,
				calls: [http('feature-flags', 'GET /flags', { p: 0.2 }), http('recommendations', 'GET /recommendations/home'), http('catalog', 'GET /categories', { p: 0.3 })],
			},
			'GET /search': { kind: 'server', work: 12, calls: [http('search', 'GET /search', { errorRate: 0.004 })] },
			'GET /products/{id}': {
				kind: 'server',
				work: 14,
				parallel: true,
				calls: [http('catalog', 'GET /products/{id}'), http('recommendations', 'GET /recommendations/similar', { p: 0.5 })],
			},
			'GET /account/orders': { kind: 'server', work: 10, calls: [http('grocer-legacy', 'GET /legacy/account/orders', { errorRate: 0.02 })] },
		},
	},
	{
		name: 'mobile-bff',
		owner: 'edge',
		runtime: 'node',
		version: '4.0.7',
		ops: {
			'GET /home': {
				kind: 'server',
				work: 4,
				parallel: true,
				calls: [
					http('feature-flags', 'GET /flags', { p: 0.3 }),
					http('recommendations', 'GET /recommendations/home'),
					http('delivery-slots', 'GET /slots', { p: 0.4 }),
				],
			},
			'GET /search': { kind: 'server', work: 3, calls: [http('search', 'GET /search')] },
		},
	},
	{
		name: 'identity',
		owner: 'edge',
		runtime: 'go',
		version: '5.2.0',
		ops: {
			'POST /introspect': { kind: 'server', work: 0.8, calls: [redis('sessions', 'GET', 0.5), pg('identity', 'SELECT', 'users', 2.5, { p: 0.1 })] },
		},
	},
	{
		name: 'feature-flags',
		owner: 'edge',
		runtime: 'go',
		version: '1.9.3',
		ops: {
			'GET /flags': { kind: 'server', work: 0.4, calls: [pg('flags', 'SELECT', 'flag_rules', 2, { p: 0.3 })] },
		},
	},

	// --- discovery: Discovery ------------------------------------------------------------------
	{
		name: 'catalog',
		owner: 'discovery',
		runtime: 'java',
		version: '2026.10.2',
		ops: {
			'GET /categories': { kind: 'server', work: 2, calls: [redis('catalog-cache', 'GET', 0.6), pg('catalog', 'SELECT', 'categories', 4, { p: 0.2 })] },
			'GET /products/{id}': { kind: 'server', work: 2.5, calls: [redis('catalog-cache', 'GET', 0.6), pg('catalog', 'SELECT', 'products', 5, { p: 0.35 })] },
			'POST /products/batch': { kind: 'server', work: 3, calls: [pg('catalog', 'SELECT', 'products', 7)] },
		},
	},
	{
		name: 'search',
		owner: 'discovery',
		runtime: 'java',
		version: '7.1.0',
		// Autoscaled: the November promotion (window 5) takes it from 3 pods to 12, and back to 4.
		instances: [3, 3, 3, 3, 12, 4],
		ops: {
			'GET /search': { kind: 'server', work: 4, calls: [db('elasticsearch', 'products', 'search', 'products', 18), http('catalog', 'POST /products/batch', { p: 0.5 })] },
		},
	},
	{
		name: 'search-indexer',
		owner: 'discovery',
		runtime: 'python',
		version: '0.14.2',
		ops: {
			'inventory-events': { kind: 'consumer', work: 3, calls: [http('catalog', 'POST /products/batch', { p: 0.3 }), db('elasticsearch', 'products', 'bulk', 'products', 25)] },
		},
	},
	{
		name: 'recommendations',
		owner: 'discovery',
		runtime: 'python',
		version: '2.3.0',
		ops: {
			'GET /recommendations/home': { kind: 'server', work: 9, calls: [redis('recs', 'HGETALL', 0.9), http('catalog', 'POST /products/batch', { p: 0.15 })] },
			'GET /recommendations/similar': { kind: 'server', work: 7, calls: [redis('recs', 'HGETALL', 0.9)] },
			clickstream: { kind: 'consumer', work: 2, calls: [redis('recs', 'HINCRBY', 0.4)] },
			// Bought-together counters from commerce's order events: a consumer no note or catalog declares.
			'order-events': { kind: 'consumer', work: 2, calls: [redis('recs', 'HINCRBY', 0.4)] },
		},
	},

	// --- commerce: Commerce Core (owns far more than anyone else) -----------------------------------
	{
		name: 'cart',
		owner: 'commerce',
		runtime: 'java',
		version: '6.12.0',
		ops: {
			'GET /cart': { kind: 'server', work: 2, calls: [redis('cart', 'GET', 0.5), http('pricing', 'POST /price', { p: 0.5 })] },
			'GET /cart/items': { kind: 'server', work: 1, calls: [redis('cart', 'GET', 0.5)] },
			'POST /cart/items': {
				kind: 'server',
				work: 3,
				calls: [http('inventory', 'GET /availability', { errorRate: 0.005 }), http('pricing', 'POST /price'), redis('cart', 'SET', 0.6)],
			},
		},
	},
	{
		name: 'checkout',
		owner: 'commerce',
		runtime: 'java',
		version: '3.14.2',
		// Deploys mid-window: the demo's one service whose service.version changes across weeks.
		deploys: [
			{ at: '2026-10-28T14:20:00Z', version: '3.15.0' },
			{ at: '2026-11-05T10:05:00Z', version: '3.15.1' },
			{ at: '2026-11-18T09:40:00Z', version: '3.16.0' },
		],
		ops: {
			'POST /checkout': {
				kind: 'server',
				work: 6,
				calls: [
					http('feature-flags', 'GET /flags', { p: 0.3 }),
					http('cart', 'GET /cart/items'),
					// address-validator has no note: nobody wrote this call down.
					http('address-validator', 'POST /validate', { p: 0.8 }),
					http('delivery-slots', 'POST /slots/reserve', { errorRate: 0.01 }),
					http('pricing', 'POST /quote'),
					http('fraud-check', 'POST /assess'),
					http('payments', 'POST /payments/authorize', { errorRate: 0.01 }),
					http('orders', 'POST /orders'),
				],
			},
		},
	},
	{
		name: 'pricing',
		owner: 'commerce',
		runtime: 'java',
		version: '3.3.1',
		ops: {
			// Reads the catalog team's database directly for pack sizes (planted hidden shared database).
			'POST /price': { kind: 'server', work: 2, calls: [pg('pricing', 'SELECT', 'price_lists', 3), pg('catalog', 'SELECT', 'products', 4, { p: 0.4 }), http('promotions', 'POST /evaluate', { p: 0.25 })] },
			'POST /quote': {
				kind: 'server',
				work: 3,
				calls: [pg('pricing', 'SELECT', 'price_lists', 3), pg('catalog', 'SELECT', 'products', 4), http('promotions', 'POST /evaluate'), http('tax-calculator', 'POST /tax')],
			},
		},
	},
	{
		name: 'promotions',
		owner: 'commerce',
		runtime: 'node',
		version: '2.0.4',
		ops: {
			'POST /evaluate': { kind: 'server', work: 3, calls: [pg('promotions', 'SELECT', 'campaigns', 3)] },
		},
	},
	{
		name: 'tax-calculator',
		owner: 'commerce',
		runtime: 'java',
		version: '1.2.0',
		ops: {
			'POST /tax': { kind: 'server', work: 1.5, calls: [] },
			'POST /vat/return': { kind: 'server', work: 40, calls: [] },
		},
	},
	{
		name: 'orders',
		owner: 'commerce',
		runtime: 'java',
		version: '9.4.1',
		ops: {
			'POST /orders': {
				kind: 'server',
				work: 4,
				calls: [
					pg('orders', 'INSERT', 'orders', 6),
					produce('order-events'),
					// The legacy invoice call is switched off from window 4: a declared edge that goes quiet.
					http('grocer-legacy', 'POST /legacy/invoices', { windows: { to: 3 }, errorRate: 0.03 }),
				],
			},
			'GET /orders/{id}': { kind: 'server', work: 1.5, calls: [pg('orders', 'SELECT', 'orders', 3)] },
			'GET /orders/history': { kind: 'server', work: 2, calls: [pg('orders', 'SELECT', 'orders', 9)] },
			'PATCH /orders/{id}': { kind: 'server', work: 2, calls: [pg('orders', 'UPDATE', 'orders', 4)] },
		},
	},
	{
		name: 'invoicing',
		owner: 'commerce',
		runtime: 'python',
		version: '1.6.0',
		ops: {
			'order-events': { kind: 'consumer', work: 12, calls: [pg('invoicing', 'INSERT', 'invoices', 4), http('email-sender', 'POST /send', { p: 0.3 })] },
			// The month's VAT return, on the 1st: November's falls in window 3 alone.
			'month-end-vat': { kind: 'internal', work: 30, calls: [pg('invoicing', 'SELECT', 'invoices', 60), http('tax-calculator', 'POST /vat/return', { windows: { from: 3, to: 3 } })] },
		},
	},
	{
		name: 'loyalty',
		owner: 'commerce',
		runtime: 'node',
		version: '0.9.8',
		ops: {
			'order-events': { kind: 'consumer', work: 2, calls: [pg('loyalty', 'UPDATE', 'balances', 3)] },
		},
	},
	{
		name: 'grocer-legacy',
		owner: 'commerce',
		runtime: 'php',
		version: '2019.4.17',
		ops: {
			'GET /legacy/account/orders': { kind: 'server', work: 35, calls: [pg('grocer', 'SELECT', 'customer_orders', 40), pg('grocer', 'SELECT', 'order_lines', 25)] },
			'POST /legacy/invoices': { kind: 'server', work: 60, calls: [pg('grocer', 'INSERT', 'invoices', 15)] },
		},
	},
	{
		name: 'substitutions',
		owner: 'commerce',
		runtime: 'python',
		version: '1.1.0',
		ops: {
			'POST /substitutions/suggest': {
				kind: 'server',
				work: 8,
				calls: [http('catalog', 'POST /products/batch'), http('recommendations', 'GET /recommendations/similar', { p: 0.7 }), http('inventory', 'GET /availability')],
			},
		},
	},

	// --- payments: Payments & Risk -------------------------------------------------------------
	{
		name: 'payments',
		owner: 'payments',
		runtime: 'java',
		version: '12.0.3',
		ops: {
			'POST /payments/authorize': {
				kind: 'server',
				work: 3,
				calls: [
					pg('payments', 'INSERT', 'payment_attempts', 4),
					// Stripe degrades in window 3; payments then falls back to Adyen, a path only failures show.
					external('api.stripe.com', 'POST', 320, { errorRate: [0.004, 0.004, 0.5, 0.004] }),
					external('pal-live.adyen.com', 'POST', 280, { onFailure: true }),
					pg('payments', 'UPDATE', 'payment_attempts', 3),
				],
			},
			'POST /payments/refund': { kind: 'server', work: 3, calls: [external('api.stripe.com', 'POST', 280), pg('payments', 'UPDATE', 'payment_attempts', 3)] },
			'POST /payments/events': { kind: 'server', work: 1.5, calls: [pg('payments', 'UPDATE', 'payment_attempts', 3)] },
		},
	},
	{
		name: 'fraud-check',
		owner: 'payments',
		runtime: 'python',
		version: '4.5.0',
		ops: {
			'POST /assess': {
				kind: 'server',
				work: 5,
				calls: [
					redis('fraud-features', 'HGETALL', 0.7),
					// Cross-team call nobody wrote down (planted hidden dependency).
					http('orders', 'GET /orders/history'),
					{ type: 'external', host: 'api.sift.com', via: 'peer.service', method: 'POST', ms: 140 },
				],
			},
		},
	},
	{
		name: 'refunds',
		owner: 'payments',
		runtime: 'node',
		version: '2.2.1',
		ops: {
			'POST /refunds': {
				kind: 'server',
				work: 3,
				// Marks the order lines refunded in commerce's database itself, not through orders' PATCH (planted shared database).
				calls: [http('orders', 'GET /orders/{id}'), http('payments', 'POST /payments/refund'), pg('orders', 'UPDATE', 'order_lines', 4)],
			},
		},
	},
	{
		name: 'payment-webhooks',
		owner: 'payments',
		runtime: 'go',
		version: '1.0.9',
		ops: {
			'POST /webhooks/stripe': { kind: 'server', work: 1, calls: [http('payments', 'POST /payments/events')] },
		},
	},

	// --- fulfilment: Fulfilment ----------------------------------------------------------------
	{
		name: 'inventory',
		owner: 'fulfilment',
		runtime: 'go',
		version: '3.8.0',
		ops: {
			'GET /availability': { kind: 'server', work: 1, calls: [pg('inventory', 'SELECT', 'stock', 2.5)] },
			'POST /reservations': { kind: 'server', work: 2, calls: [pg('inventory', 'UPDATE', 'stock', 4), produce('inventory-events', { p: 0.35 })] },
			'GET /stock/levels': { kind: 'server', work: 5, calls: [pg('inventory', 'SELECT', 'stock', 60)] },
		},
	},
	{
		name: 'delivery-slots',
		owner: 'fulfilment',
		runtime: 'go',
		version: '2.5.2',
		ops: {
			'GET /slots': { kind: 'server', work: 2, calls: [pg('slots', 'SELECT', 'slots', 4), http('delivery-eta', 'POST /eta/estimate', { windows: { from: 4 }, p: 0.6 })] },
			'POST /slots/reserve': { kind: 'server', work: 2, calls: [pg('slots', 'UPDATE', 'slots', 5)] },
		},
	},
	{
		name: 'delivery-eta',
		owner: 'fulfilment',
		runtime: 'python',
		version: '0.4.0',
		// Launched in the week starting 2 November: no spans before window 4.
		windows: { from: 4 },
		ops: {
			'POST /eta/estimate': { kind: 'server', work: 6, calls: [redis('eta-cache', 'GET', 0.5), http('dispatch', 'GET /routes/active', { p: 0.4 })] },
		},
	},
	{
		name: 'picking',
		owner: 'fulfilment',
		runtime: 'java',
		version: '5.0.1',
		ops: {
			'order-events': {
				kind: 'consumer',
				work: 4,
				calls: [http('inventory', 'POST /reservations'), http('substitutions', 'POST /substitutions/suggest', { p: 0.15 }), pg('picking', 'INSERT', 'pick_lists', 4)],
			},
		},
	},
	{
		name: 'dispatch',
		owner: 'fulfilment',
		runtime: 'go',
		version: '3.1.0',
		ops: {
			'route-planning': {
				kind: 'internal',
				work: 40,
				// One delivery-events message per van route; the sampled plans send out two vans.
				calls: [
					http('orders', 'GET /orders/{id}'),
					external('maps.googleapis.com', 'GET', 180),
					pg('dispatch', 'INSERT', 'routes', 6),
					produce('delivery-events'),
					produce('delivery-events'),
				],
			},
			'GET /routes/active': { kind: 'server', work: 1.5, calls: [pg('dispatch', 'SELECT', 'routes', 3)] },
		},
	},

	// --- messaging: Customer Messaging ----------------------------------------------------------
	{
		name: 'notifications',
		owner: 'messaging',
		runtime: 'node',
		version: '8.2.0',
		ops: {
			'order-events': {
				kind: 'consumer',
				work: 3,
				calls: [
					http('email-sender', 'POST /send'),
					// Retries push-sender up to six times with doubling backoff: the retry storm of window 6.
					http('push-sender', 'POST /push', { p: 0.6, retry: { attempts: 6, backoffMs: 100 } }),
				],
			},
			'delivery-events': {
				kind: 'consumer',
				work: 3,
				calls: [
					pg('notifications', 'SELECT', 'preferences', 2),
					http('sms-sender', 'POST /sms', { p: 0.3 }),
					http('push-sender', 'POST /push', { p: 0.9, retry: { attempts: 6, backoffMs: 100 } }),
				],
			},
		},
	},
	{
		name: 'email-sender',
		owner: 'messaging',
		runtime: 'go',
		version: '1.4.0',
		ops: {
			// SendGrid's EU endpoint from window 5 (data residency); the note still names the global host.
			'POST /send': {
				kind: 'server',
				work: 1,
				calls: [external('api.sendgrid.com', 'POST', 95, { errorRate: 0.003, windows: { to: 4 } }), external('eu.api.sendgrid.com', 'POST', 95, { errorRate: 0.003, windows: { from: 5 } })],
			},
		},
	},
	{
		name: 'sms-sender',
		owner: 'messaging',
		runtime: 'go',
		version: '1.1.2',
		ops: {
			'POST /sms': { kind: 'server', work: 1, calls: [external('api.twilio.com', 'POST', 210)] },
		},
	},
	{
		name: 'push-sender',
		owner: 'messaging',
		runtime: 'node',
		version: '2.0.1',
		ops: {
			// FCM rejects most sends in window 6 (a marketing campaign exhausted the project's quota).
			'POST /push': { kind: 'server', work: 1.5, calls: [external('fcm.googleapis.com', 'POST', 110, { errorRate: [0.005, 0.005, 0.005, 0.005, 0.005, 0.75] })] },
		},
	},

	// --- data: Data Platform -----------------------------------------------------------------------
	{
		name: 'analytics-ingest',
		owner: 'data',
		runtime: 'go',
		version: '1.12.0',
		ops: {
			'POST /v1/events': { kind: 'server', work: 0.5, calls: [produce('clickstream', { p: 0.5 }), db('clickhouse', 'events', 'INSERT', 'raw_events', 3)] },
		},
	},
	{
		name: 'warehouse-loader',
		owner: 'data',
		runtime: 'python',
		version: '2.0.0',
		ops: {
			'nightly-load': {
				kind: 'internal',
				work: 900,
				calls: [db('clickhouse', 'events', 'SELECT', 'raw_events', 4200), pg('orders', 'SELECT', 'orders', 900), external('bigquery.googleapis.com', 'POST', 2600)],
			},
		},
	},
	{
		name: 'forecasting',
		owner: 'data',
		runtime: 'python',
		version: '0.8.1',
		ops: {
			'daily-forecast': { kind: 'internal', work: 2400, calls: [http('inventory', 'GET /stock/levels'), db('clickhouse', 'events', 'SELECT', 'raw_events', 1800)] },
		},
	},

	// --- nobody: running, instrumented, never written down ------------------------------------------
	{
		name: 'address-validator',
		runtime: 'node',
		version: '1.0.0',
		ops: {
			'POST /validate': { kind: 'server', work: 1, calls: [external('api.loqate.com', 'GET', 120)] },
		},
	},
];

/** The real runtime behaviour of Basketful, window by window. */
export const demoOrg: OrgModel = {
	services,
	topics: [
		{
			name: 'order-events',
			consumers: [
				{ service: 'notifications', op: 'order-events', group: 'notifications' },
				{ service: 'invoicing', op: 'order-events', group: 'invoicing' },
				{ service: 'loyalty', op: 'order-events', group: 'loyalty-points' },
				{ service: 'picking', op: 'order-events', group: 'picking' },
				{ service: 'recommendations', op: 'order-events', group: 'recs-bought-together' },
			],
		},
		{ name: 'inventory-events', consumers: [{ service: 'search-indexer', op: 'inventory-events', group: 'search-indexer' }] },
		{ name: 'delivery-events', consumers: [{ service: 'notifications', op: 'delivery-events', group: 'notifications' }] },
		{ name: 'clickstream', consumers: [{ service: 'recommendations', op: 'clickstream', group: 'recs-features' }] },
	],
	entries: [
		{ service: 'api-gateway', op: 'GET /', weight: 10 },
		{ service: 'api-gateway', op: 'GET /search', weight: 9 },
		{ service: 'api-gateway', op: 'GET /products/{id}', weight: 10 },
		{ service: 'api-gateway', op: 'GET /account/orders', weight: 3 },
		{ service: 'api-gateway', op: 'GET /m/home', weight: 8 },
		{ service: 'api-gateway', op: 'GET /m/search', weight: 6 },
		{ service: 'api-gateway', op: 'GET /api/cart', weight: 8 },
		{ service: 'api-gateway', op: 'POST /api/cart/items', weight: 8 },
		{ service: 'api-gateway', op: 'GET /api/slots', weight: 6 },
		{ service: 'api-gateway', op: 'POST /api/checkout', weight: 4 },
		{ service: 'api-gateway', op: 'GET /api/orders/{id}', weight: 4 },
		{ service: 'api-gateway', op: 'POST /api/orders/{id}/refund', weight: 1 },
		{ service: 'api-gateway', op: 'POST /api/events', weight: 20 },
		{ service: 'payment-webhooks', op: 'POST /webhooks/stripe', weight: 6 },
	],
	jobs: [
		{ service: 'dispatch', op: 'route-planning', hours: [7] },
		{ service: 'warehouse-loader', op: 'nightly-load', hours: [2] },
		{ service: 'forecasting', op: 'daily-forecast', hours: [4] },
		{ service: 'invoicing', op: 'month-end-vat', hours: [3], monthDays: [1] },
	],
};

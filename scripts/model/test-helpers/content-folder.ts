import fc from 'fast-check';
import { DAY_MS } from '../../lib/days.ts';

// Content folders composed from every form the README documents: notes (.md and .mdx), teams,
// Backstage and Datadog entries, owners and dependency targets written every documented way,
// aliases, and a little telemetry in three formats. A plan is generated, then written out as
// files; the plan is what fast-check shrinks and prints.

/** A content folder as its files: path relative to the folder, and text. */
export type ContentFolder = Record<string, string>;

/** The build clock every composed folder is built at; its telemetry falls in the window before it. */
export const COMPOSED_NOW = new Date('2026-11-23T00:00:00Z');

const TEAMS = ['alpha', 'beta'] as const;
const SERVICES = ['checkout', 'cart', 'search', 'payments'] as const;

/** Every way an owner can be written (null: none), for notes, Backstage and Datadog alike. */
const OWNERS = ['alpha', 'group:alpha', 'group:default/alpha', 'Group:default/beta', 'beta', 'user:jdoe', 'user:default/jdoe', null] as const;

// Targets as each source writes them: plain names, entity references of every catalog kind,
// infrastructure as `<system>:<name>`, aliases, hosts and names nothing describes.
const NOTE_TARGETS = [
	...SERVICES,
	'component:cart',
	'Component:default/search',
	'resource:artists-db',
	'resource:default/artists-db',
	'artists-db',
	'api:search-api',
	'search-api',
	'datastore:orders-db',
	'orders-db',
	'postgresql:orders',
	'kafka:events',
	'unknown-thing',
	'checkout-v1',
	'api.stripe.com',
] as const;
const BACKSTAGE_TARGETS = ['component:cart', 'component:default/search', 'Component:payments', 'checkout', 'resource:artists-db', 'resource:default/artists-db', 'api:search-api', 'postgresql:orders', 'kafka:events', 'resource:unknown-thing', 'component:checkout-v1'] as const;
const CONSUMED_APIS = ['search-api', 'api:search-api', 'api:default/search-api', 'component:search', 'unprovided-api'] as const;
const DATADOG_TARGETS = ['service:cart', 'service:search', 'service:checkout-v1', 'datastore:orders-db', 'queue:events', 'api:search-api', 'service:unknown-thing', 'kafka:events'] as const;

/** Names that may call in telemetry, and what they may call. */
const CALLERS = [...SERVICES, 'checkout-v1', 'ghost'] as const;
const CALLS = [
	...SERVICES.map((name) => ({ kind: 'service', name }) as const),
	{ kind: 'service', name: 'checkout-v1' },
	{ kind: 'service', name: 'ghost' },
	{ kind: 'database', name: 'orders' },
	{ kind: 'queue', name: 'events' },
	{ kind: 'peer', name: 'artists-db' },
	{ kind: 'peer', name: 'search-api' },
	{ kind: 'peer', name: 'api.stripe.com' },
] as const;

/**
 * Every name a build of a composed folder may make a node of, once every written form is
 * resolved: anything else in its model (`resource:artists-db`, `component:cart`) is a form
 * that did not resolve. `events` is the Datadog queue `queue:events`.
 */
export const COMPOSED_NAMES: ReadonlySet<string> = new Set([
	...SERVICES,
	'checkout-v1',
	'ghost',
	'artists-db',
	'search-api',
	'unprovided-api',
	'orders-db',
	'postgresql:orders',
	'kafka:events',
	'events',
	'unknown-thing',
	'api.stripe.com',
]);

/** Team ids a composed folder's owners resolve to; `user:jdoe` is the one person. */
export const COMPOSED_TEAMS: ReadonlySet<string> = new Set(TEAMS);

const ownerArb = fc.constantFrom(...OWNERS);
const someOf = <T>(values: readonly T[], maxLength = 3) => fc.uniqueArray(fc.constantFrom(...values), { maxLength });
const placement = fc.constantFrom('catalogs' as const, 'beside' as const);

const noteArb = fc.record({
	ext: fc.constantFrom('md' as const, 'mdx' as const),
	owner: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...OWNERS.filter((o) => o !== null)) }, { weight: 1, arbitrary: fc.constant(null) }),
	dependsOn: someOf(NOTE_TARGETS),
	why: fc.boolean(),
});
const backstageArb = fc.record({
	owner: ownerArb,
	namespace: fc.boolean(),
	dependsOn: someOf(BACKSTAGE_TARGETS),
	consumesApis: someOf(CONSUMED_APIS, 2),
	providesApis: someOf(['search-api', 'api:search-api'] as const, 1),
	system: fc.boolean(),
	place: placement,
});
const datadogV2Arb = fc.record({ owner: ownerArb, type: fc.constantFrom('web', 'db'), place: placement });
const datadogV3Arb = fc.record({ owner: ownerArb, dependsOn: someOf(DATADOG_TARGETS) });

const serviceArb = fc.record({
	note: fc.option(noteArb, { freq: 2 }),
	backstage: fc.option(backstageArb, { freq: 2 }),
	// Datadog describes a service once, in one schema version: two definitions of one service are an error.
	datadog: fc.option(fc.oneof(datadogV2Arb.map((v2) => ({ ...v2, version: 'v2' as const })), datadogV3Arb.map((v3) => ({ ...v3, version: 'v3' as const }))), { freq: 2 }),
});

const planArb = fc.record({
	teams: fc.record({ alpha: fc.constantFrom('none', 'file', 'group', 'both'), beta: fc.constantFrom('none', 'file', 'group', 'both') }),
	person: fc.boolean(),
	services: fc.record({ checkout: serviceArb, cart: serviceArb, search: serviceArb, payments: serviceArb }),
	checkoutAlias: fc.boolean(),
	artistsDb: fc.option(fc.record({ type: fc.constantFrom('database', 'queue', 'storage'), owner: ownerArb }), { freq: 2 }),
	searchApi: fc.option(fc.record({ catalog: fc.constantFrom('backstage', 'datadog'), owner: ownerArb, implementedBy: fc.boolean() }), { freq: 2 }),
	ordersDb: fc.option(fc.record({ owner: ownerArb, as: fc.constantFrom('datastore', 'v2-db') }), { freq: 2 }),
	system: fc.option(fc.record({ owner: ownerArb }), { freq: 2 }),
	telemetry: fc.option(
		fc.record({
			format: fc.constantFrom('zipkin' as const, 'otlp' as const, 'links' as const),
			calls: fc.uniqueArray(fc.record({ from: fc.constantFrom(...CALLERS), to: fc.constantFrom(...CALLS) }), {
				minLength: 1,
				maxLength: 6,
				selector: (c) => `${c.from}>${c.to.kind}:${c.to.name}`,
			}),
		}),
		{ freq: 3 },
	),
	publishBroken: fc.boolean(),
	format: fc.constantFrom('mdx' as const, 'markdown' as const),
});

/** One composed folder before it is written: what fast-check generates and shrinks. */
export type ContentPlan = typeof planArb extends fc.Arbitrary<infer T> ? T : never;

/** Generates plans of content folders; `contentFolderOf` turns one into files. */
export const contentPlanArbitrary: fc.Arbitrary<ContentPlan> = planArb;

/** The files of a planned content folder. */
export function contentFolderOf(plan: ContentPlan): ContentFolder {
	const files: ContentFolder = {};
	const append = (file: string, doc: string) => {
		files[file] = files[file] === undefined ? doc : `${files[file]}---\n${doc}`;
	};
	for (const team of TEAMS) {
		const defined = plan.teams[team];
		if (defined === 'file' || defined === 'both') files[`teams/${team}.md`] = `---\nname: ${cap(team)} team\ncontact: "#${team}"\n---\nThe ${team} team.\n`;
		if (defined === 'group' || defined === 'both') append('catalogs/org.yaml', yaml('backstage.io/v1alpha1', 'Group', { name: team }, { type: 'team', profile: { displayName: `${cap(team)} squad` } }));
	}
	if (plan.person) append('catalogs/org.yaml', yaml('backstage.io/v1alpha1', 'User', { name: 'jdoe' }, { memberOf: ['alpha'] }));
	for (const name of SERVICES) writeService(name, plan, files, append);
	writeInfrastructure(plan, append);
	if (plan.telemetry) Object.assign(files, telemetryFiles(plan.telemetry));
	return files;
}

/** Build options a plan varies: whether broken notes are published, and how notes are read. */
export function optionsOf(plan: ContentPlan): { publishBroken: boolean; format: 'mdx' | 'markdown' } {
	return { publishBroken: plan.publishBroken, format: plan.format };
}

type Append = (file: string, doc: string) => void;

function writeService(name: (typeof SERVICES)[number], plan: ContentPlan, files: ContentFolder, append: Append): void {
	const service = plan.services[name];
	if (service.note) files[`notes/${name}.${service.note.ext}`] = noteText(name, service.note, name === 'checkout' && plan.checkoutAlias);
	const { backstage, datadog } = service;
	if (backstage) {
		const spec = {
			type: 'service',
			lifecycle: 'production',
			...(backstage.owner === null ? {} : { owner: backstage.owner }),
			...(backstage.dependsOn.length > 0 ? { dependsOn: backstage.dependsOn } : {}),
			...(backstage.consumesApis.length > 0 ? { consumesApis: backstage.consumesApis } : {}),
			...(backstage.providesApis.length > 0 ? { providesApis: backstage.providesApis } : {}),
			...(backstage.system ? { system: 'shop' } : {}),
		};
		const metadata = { name, ...(backstage.namespace ? { namespace: 'default' } : {}) };
		append(backstage.place === 'catalogs' ? 'catalogs/backstage.yaml' : `${name}/catalog-info.yaml`, yaml('backstage.io/v1alpha1', 'Component', metadata, spec));
	}
	if (datadog?.version === 'v2') {
		const fields = { 'schema-version': 'v2.2', 'dd-service': name, ...(datadog.owner === null ? {} : { team: datadog.owner }), type: datadog.type };
		append(datadog.place === 'catalogs' ? 'catalogs/datadog.yaml' : `${name}/service.datadog.yaml`, lines(fields));
	}
	if (datadog?.version === 'v3') {
		const metadata = { name, ...(datadog.owner === null ? {} : { owner: datadog.owner }) };
		append('catalogs/datadog-v3.yaml', yaml('v3', 'service', metadata, datadog.dependsOn.length > 0 ? { dependsOn: datadog.dependsOn } : {}));
	}
}

function writeInfrastructure(plan: ContentPlan, append: Append): void {
	const owned = (owner: string | null) => (owner === null ? {} : { owner });
	if (plan.artistsDb) {
		append('catalogs/backstage.yaml', yaml('backstage.io/v1alpha1', 'Resource', { name: 'artists-db' }, { type: plan.artistsDb.type, ...owned(plan.artistsDb.owner) }));
	}
	if (plan.searchApi?.catalog === 'backstage') {
		append('catalogs/backstage.yaml', yaml('backstage.io/v1alpha1', 'API', { name: 'search-api' }, { type: 'openapi', lifecycle: 'production', ...owned(plan.searchApi.owner), definition: 'openapi: 3.0.0' }));
	}
	if (plan.searchApi?.catalog === 'datadog') {
		const spec = plan.searchApi.implementedBy ? { implementedBy: ['service:search'] } : {};
		append('catalogs/datadog-v3.yaml', yaml('v3', 'api', { name: 'search-api', ...owned(plan.searchApi.owner) }, spec));
	}
	if (plan.ordersDb?.as === 'datastore') append('catalogs/datadog-v3.yaml', yaml('v3', 'datastore', { name: 'orders-db', ...owned(plan.ordersDb.owner) }, { type: 'postgres' }));
	if (plan.ordersDb?.as === 'v2-db') {
		append('catalogs/datadog.yaml', lines({ 'schema-version': 'v2.1', 'dd-service': 'orders-db', type: 'db', ...(plan.ordersDb.owner === null ? {} : { team: plan.ordersDb.owner }) }));
	}
	if (plan.system) append('catalogs/backstage.yaml', yaml('backstage.io/v1alpha1', 'System', { name: 'shop' }, owned(plan.system.owner)));
}

function noteText(name: string, note: NonNullable<ContentPlan['services']['cart']['note']>, alias: boolean): string {
	const dependsOn = note.dependsOn.map((target, i) => (note.why && i === 0 ? `  - { name: ${JSON.stringify(target)}, why: "it needs it" }` : `  - ${JSON.stringify(target)}`));
	return [
		'---',
		`service: ${name}`,
		...(note.owner === null ? [] : [`owner: ${JSON.stringify(note.owner)}`]),
		'reviewed: 2026-11-01',
		...(dependsOn.length > 0 ? ['dependsOn:', ...dependsOn] : []),
		...(alias ? ['aliases: [checkout-v1]'] : []),
		`description: What ${name} does.`,
		'---',
		'',
		`How ${name} works, and who to call when it does not.`,
		'',
		'## Failure modes {reviewed=2026-10-01}',
		'',
		'It retries twice.',
		'',
	].join('\n');
}

// One YAML document: each value written as JSON, which YAML reads as the same value.
function yaml(apiVersion: string, kind: string, metadata: object, spec: object): string {
	return lines({ apiVersion, kind, metadata, ...(Object.keys(spec).length > 0 ? { spec } : {}) });
}

function lines(fields: object, indent = ''): string {
	return Object.entries(fields)
		.map(([key, value]) =>
			value !== null && typeof value === 'object' && !Array.isArray(value)
				? `${indent}${key}:\n${lines(value, `${indent}  `)}`
				: `${indent}${key}: ${JSON.stringify(value)}\n`,
		)
		.join('');
}

function cap(text: string): string {
	return text[0]!.toUpperCase() + text.slice(1);
}

function telemetryFiles(telemetry: NonNullable<ContentPlan['telemetry']>): ContentFolder {
	const start = (COMPOSED_NOW.getTime() - DAY_MS) * 1000;
	if (telemetry.format === 'links') {
		const links = telemetry.calls.map(({ from, to }) => ({ parent: from, child: to.kind === 'database' ? `postgresql:${to.name}` : to.kind === 'queue' ? `kafka:${to.name}` : to.name, callCount: 3, errorCount: 1 }));
		return { 'telemetry/dependencies.json': `${JSON.stringify(links, null, 2)}\n` };
	}
	const spans = telemetry.calls.flatMap((call, i) => traceSpans(call, i, start + i * 1_000_000));
	if (telemetry.format === 'zipkin') return { 'telemetry/traces.json': `${JSON.stringify(spans.map(zipkinSpan), null, 2)}\n` };
	return { 'telemetry/traces.otlp.json': `${JSON.stringify(otlpDocument(spans))}\n` };
}

interface PlannedSpan {
	traceId: string;
	id: string;
	parentId: string | null;
	service: string;
	kind: 'SERVER' | 'CLIENT' | 'PRODUCER';
	startUs: number;
	tags: Record<string, string>;
}

// One trace per call: the caller's server span, then the callee's server span, or a client or
// producer span naming the database, queue or peer the caller reached.
function traceSpans(call: NonNullable<ContentPlan['telemetry']>['calls'][number], i: number, startUs: number): PlannedSpan[] {
	const hex = (n: number) => n.toString(16).padStart(16, '0');
	const traceId = hex(0xa000 + i);
	const root: PlannedSpan = { traceId, id: hex(0xb000 + i), parentId: null, service: call.from, kind: 'SERVER', startUs, tags: {} };
	const child = { traceId, id: hex(0xc000 + i), parentId: root.id, startUs: startUs + 100 };
	switch (call.to.kind) {
		case 'service':
			return [root, { ...child, service: call.to.name, kind: 'SERVER', tags: {} }];
		case 'database':
			return [root, { ...child, service: call.from, kind: 'CLIENT', tags: { 'db.system': 'postgresql', 'db.name': call.to.name } }];
		case 'queue':
			return [root, { ...child, service: call.from, kind: 'PRODUCER', tags: { 'messaging.system': 'kafka', 'messaging.destination.name': call.to.name } }];
		case 'peer':
			return [root, { ...child, service: call.from, kind: 'CLIENT', tags: { 'peer.service': call.to.name } }];
	}
}

function zipkinSpan(span: PlannedSpan) {
	return {
		traceId: span.traceId,
		id: span.id,
		...(span.parentId ? { parentId: span.parentId } : {}),
		kind: span.kind,
		name: 'call',
		timestamp: span.startUs,
		duration: 5000,
		localEndpoint: { serviceName: span.service },
		tags: span.tags,
	};
}

const OTLP_KINDS = { SERVER: 2, CLIENT: 3, PRODUCER: 4 } as const;

function otlpDocument(spans: PlannedSpan[]) {
	const services = [...new Set(spans.map((s) => s.service))];
	const text = (key: string, value: string) => ({ key, value: { stringValue: value } });
	return {
		resourceSpans: services.map((service) => ({
			resource: { attributes: [text('service.name', service)] },
			scopeSpans: [
				{
					scope: { name: 'composed' },
					spans: spans
						.filter((s) => s.service === service)
						.map((s) => ({
							traceId: s.traceId.padStart(32, '0'),
							spanId: s.id,
							...(s.parentId ? { parentSpanId: s.parentId } : {}),
							name: 'call',
							kind: OTLP_KINDS[s.kind],
							startTimeUnixNano: String(s.startUs * 1000),
							endTimeUnixNano: String((s.startUs + 5000) * 1000),
							attributes: Object.entries(s.tags).map(([key, value]) => text(key, value)),
						})),
				},
			],
		})),
	};
}

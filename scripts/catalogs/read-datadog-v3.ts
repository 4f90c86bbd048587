import type { Problem } from '../errors/halflife-error.ts';
import { addDependency } from './add-dependency.ts';
import type { ApiUse, DocumentReading } from './catalog-record.ts';
import type { CatalogEntity } from './catalog-types.ts';
import { datadogV3EnvelopeSchema, datadogV3Schema, type DatadogV3Entity } from './datadog-v3-schema.ts';
import { fieldProblems, type FormatDescription } from './field-problems.ts';
import { findOncall, findRepo, findRunbook } from './find-link.ts';
import { optionalText } from './optional-text.ts';
import { refName, targetOf } from './parse-entity-ref.ts';
import { pickContacts } from './pick-contacts.ts';
import type { YamlDocument } from './read-yaml-documents.ts';
import { readRef } from './read-ref.ts';
import { keepAddress, keepLinks } from './safe-addresses.ts';

const datadogV3Format: FormatDescription = {
	label: 'Datadog v3',
	nameField: ['metadata', 'name'],
	nameExample: 'metadata: { name: cart }',
	docs: 'https://docs.datadoghq.com/software_catalog/service_definitions/v3-0/',
	examples: {
		apiVersion: 'apiVersion: v3',
		kind: 'kind: service',
		'metadata.name': 'name: cart',
		'metadata.owner': 'owner: payments',
		'metadata.description': 'description: Holds what a shopper is about to buy.',
		'metadata.tags': 'tags: [team:payments]',
		'metadata.tags.*': 'tags: [team:payments]',
		'metadata.links': 'links: [{ name: Runbook, type: runbook, url: https://wiki.example.com/cart }]',
		'metadata.links.*.url': 'url: https://wiki.example.com/cart',
		'metadata.links.*.type': 'type: runbook',
		'metadata.links.*.name': 'name: Runbook',
		'metadata.contacts': 'contacts: [{ type: email, contact: payments@example.com }]',
		'metadata.contacts.*.type': 'type: email',
		'metadata.contacts.*.contact': 'contact: payments@example.com',
		'spec.lifecycle': 'lifecycle: production',
		'spec.tier': 'tier: "1"',
		'spec.type': 'type: web',
		'spec.dependsOn': 'dependsOn: [service:pricing, datastore:orders-db]',
		'spec.dependsOn.*': 'dependsOn: [service:pricing, datastore:orders-db]',
		'spec.dependencyOf': 'dependencyOf: [service:checkout]',
		'spec.dependencyOf.*': 'dependencyOf: [service:checkout]',
		'spec.componentOf': 'componentOf: [system:shop]',
		'spec.componentOf.*': 'componentOf: [system:shop]',
		'spec.implementedBy': 'implementedBy: [service:cart]',
		'integrations.pagerduty.serviceURL': 'serviceURL: https://acme.pagerduty.com/service-directory/PCART',
		'integrations.opsgenie.serviceURL': 'serviceURL: https://acme.app.opsgenie.com/service/123',
	},
};

// Datadog has more kinds (application, library, frontend, custom ...); they are skipped like
// Backstage's Domains: valid, just not services, systems or APIs.
const ENTITY_KINDS: Readonly<Record<string, CatalogEntity['kind']>> = { service: 'service', datastore: 'database', queue: 'queue' };
const READ_KINDS = new Set([...Object.keys(ENTITY_KINDS), 'system', 'api']);
const REF_EXAMPLE = '`service:pricing` or `datastore:orders-db`';

/** Reads one Datadog v3 entity: a service, datastore or queue becomes an entity, a system a system, an API is remembered for its implementers. */
export function readDatadogV3Document(doc: YamlDocument): DocumentReading {
	const written = (doc.data as { kind?: unknown }).kind;
	if (typeof written === 'string' && !READ_KINDS.has(written.trim().toLowerCase())) {
		const envelope = datadogV3EnvelopeSchema.safeParse(doc.data);
		return { record: null, problems: envelope.success ? [] : fieldProblems(envelope.error.issues, doc, datadogV3Format) };
	}
	const parsed = datadogV3Schema.safeParse(doc.data);
	if (!parsed.success) return { record: null, problems: fieldProblems(parsed.error.issues, doc, datadogV3Format) };
	const problems: Problem[] = [];
	return { record: toRecord(doc, parsed.data, problems), problems };
}

function toRecord(doc: YamlDocument, data: DatadogV3Entity, problems: Problem[]): DocumentReading['record'] {
	const { metadata } = data;
	const spec = data.spec ?? {};
	const kind = data.kind.trim();
	const name = metadata.name.trim();
	const line = doc.locate(['metadata', 'name']).line;
	const owner = optionalText(metadata.owner);
	const description = optionalText(metadata.description);
	if (kind.toLowerCase() === 'system') return { type: 'system', kind, system: { name, description, owner, file: doc.file, line } };

	const refs = (field: 'dependsOn' | 'dependencyOf' | 'componentOf' | 'implementedBy') =>
		(spec[field] ?? []).flatMap((value, i) => {
			const path = ['spec', field, i];
			const ref = readRef(doc, path, value, { namespace: 'default', example: REF_EXAMPLE }, problems);
			return ref ? [{ ref, written: value, ...doc.locate(path) }] : [];
		});
	const componentOf = refs('componentOf');
	const system = componentOf.find((c) => c.ref.kind === 'system');
	const partOf = componentOf.find((c) => c.ref.kind !== 'system');
	const links = keepLinks(
		doc,
		(metadata.links ?? []).map((link, i) => ({ title: link.name ?? null, url: link.url, type: link.type ?? null, path: ['metadata', 'links', i, 'url'] })),
		problems,
	);
	const contacts = pickContacts(doc, ['metadata', 'contacts'], metadata.contacts ?? [], problems);
	const entity: CatalogEntity = {
		source: 'datadog',
		file: doc.file,
		line,
		catalogKind: kind,
		kind: ENTITY_KINDS[kind.toLowerCase()] ?? 'external',
		name,
		owner,
		ownerLine: owner === null ? null : doc.locate(['metadata', 'owner']).line,
		description,
		tier: optionalText(spec.tier),
		lifecycle: optionalText(spec.lifecycle),
		oncall: oncallOf(doc, data, problems) ?? contacts.oncall ?? findOncall(links),
		runbook: findRunbook(links),
		repo: findRepo(links),
		contact: contacts.contact,
		links,
		dependsOn: [],
		dependencyOf: [],
		system: system ? refName(system.ref) : null,
		partOf: partOf ? refName(partOf.ref) : null,
		tags: metadata.tags ?? [],
	};
	if (kind.toLowerCase() === 'api') {
		return { type: 'api', kind, entity, providers: [...new Set(refs('implementedBy').map((r) => refName(r.ref)))] };
	}
	const uses: ApiUse[] = [];
	for (const { ref, written, line, column } of refs('dependsOn')) {
		const target = targetOf(ref, written);
		if (target.api) uses.push({ api: target.name, line, column });
		else addDependency(entity.dependsOn, { name: target.name, why: null, line, column });
	}
	for (const { ref, written, line, column } of refs('dependencyOf')) {
		const target = targetOf(ref, written);
		if (!target.api) addDependency(entity.dependencyOf, { name: target.name, why: null, line, column });
	}
	return { type: 'entity', kind, entity, provides: [], uses };
}

function oncallOf(doc: YamlDocument, data: DatadogV3Entity, problems: Problem[]): string | null {
	for (const service of ['pagerduty', 'opsgenie'] as const) {
		const url = data.integrations?.[service]?.serviceURL;
		if (url !== undefined) {
			const address = keepAddress(doc, ['integrations', service, 'serviceURL'], url, problems);
			if (address) return address;
		}
	}
	return null;
}

import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import type { DocumentReading } from './catalog-record.ts';
import type { CatalogEntity } from './catalog-types.ts';
import { datadogV2Schema, datadogV2Versions, type DatadogV2Definition } from './datadog-v2-schema.ts';
import { fieldProblems, type FormatDescription } from './field-problems.ts';
import { findOncall, findRepo, findRunbook } from './find-link.ts';
import { optionalText } from './optional-text.ts';
import { pickContacts } from './pick-contacts.ts';
import type { YamlDocument } from './read-yaml-documents.ts';
import { keepAddress, keepLinks, type LinkCandidate } from './safe-addresses.ts';

const examples: Record<string, string> = {
	'dd-service': 'dd-service: cart',
	team: 'team: payments',
	application: 'application: shop',
	description: 'description: Holds what a shopper is about to buy.',
	tier: 'tier: "1"',
	lifecycle: 'lifecycle: production',
	type: 'type: web',
	tags: 'tags: [team:payments]',
	'tags.*': 'tags: [team:payments]',
	contacts: 'contacts: [{ type: slack, contact: https://acme.slack.com/archives/C0123 }]',
	'contacts.*.type': 'type: email',
	'contacts.*.contact': 'contact: payments@example.com',
	links: 'links: [{ name: Runbook, type: runbook, url: https://wiki.example.com/cart }]',
	'links.*.url': 'url: https://wiki.example.com/cart',
	'links.*.type': 'type: runbook',
	'links.*.name': 'name: Runbook',
	repos: 'repos: [{ name: cart, url: https://github.com/acme/cart }]',
	'repos.*.url': 'url: https://github.com/acme/cart',
	docs: 'docs: [{ name: Design, url: https://wiki.example.com/cart }]',
	'docs.*.url': 'url: https://wiki.example.com/cart',
	'integrations.pagerduty': 'pagerduty: { service-url: https://acme.pagerduty.com/service-directory/PCART }',
	'integrations.pagerduty.service-url': 'service-url: https://acme.pagerduty.com/service-directory/PCART',
	'integrations.opsgenie.service-url': 'service-url: https://acme.app.opsgenie.com/service/123',
};

/** Reads one Datadog service definition with `schema-version` v2, v2.1 or v2.2 into an entity. */
export function readDatadogV2Document(doc: YamlDocument): DocumentReading {
	const raw = (doc.data as Record<string, unknown>)['schema-version'];
	const version = typeof raw === 'number' ? String(raw) : raw;
	if (typeof version !== 'string' || !(datadogV2Versions as readonly string[]).includes(version.trim())) {
		return {
			record: null,
			problems: [
				{
					severity: 'error',
					error: new HalflifeError('CatalogSchemaVersionUnknown', {
						location: { file: doc.file, ...doc.locate(['schema-version']) },
						params: { version: typeof version === 'string' ? version : JSON.stringify(version) ?? 'null', supported: datadogV2Versions.join(', ') },
					}),
				},
			],
		};
	}
	const format: FormatDescription = {
		label: `Datadog ${version.trim()}`,
		nameField: ['dd-service'],
		nameExample: 'dd-service: cart',
		docs: 'https://docs.datadoghq.com/tracing/software_catalog/service_definitions/',
		examples,
	};
	const parsed = datadogV2Schema.safeParse(doc.data);
	if (!parsed.success) return { record: null, problems: fieldProblems(parsed.error.issues, doc, format) };
	const problems: Problem[] = [];
	return { record: { type: 'entity', kind: 'service', entity: toEntity(doc, parsed.data, problems), provides: [], uses: [] }, problems };
}

function toEntity(doc: YamlDocument, data: DatadogV2Definition, problems: Problem[]): CatalogEntity {
	const ownerField = optionalText(data.team) !== null ? 'team' : optionalText(data['dd-team']) !== null ? 'dd-team' : null;
	const owner = ownerField && optionalText(data[ownerField]);
	const links = keepLinks(doc, linkCandidates(doc, data), problems);
	const contacts = pickContacts(doc, ['contacts'], data.contacts ?? [], problems);
	const type = data.type?.trim().toLowerCase();
	return {
		source: 'datadog',
		file: doc.file,
		line: doc.locate(['dd-service']).line,
		catalogKind: 'service',
		kind: type === 'db' || type === 'cache' ? 'database' : 'service',
		name: data['dd-service'].trim(),
		owner,
		ownerLine: ownerField && doc.locate([ownerField]).line,
		description: optionalText(data.description),
		tier: optionalText(data.tier),
		lifecycle: optionalText(data.lifecycle),
		oncall: oncallOf(doc, data, problems) ?? contacts.oncall ?? findOncall(links),
		runbook: findRunbook(links),
		repo: findRepo(links),
		contact: contacts.contact,
		links,
		dependsOn: [],
		// Service definitions v2 to v2.2 name no dependencies of any kind.
		dependencyOf: [],
		system: optionalText(data.application),
		partOf: null,
		tags: data.tags ?? [],
	};
}

/** Links, repositories and documents together, in the order they are written in the file. */
function linkCandidates(doc: YamlDocument, data: DatadogV2Definition): LinkCandidate[] {
	const found: { candidate: LinkCandidate; line: number; column: number }[] = [];
	for (const key of ['links', 'repos', 'docs'] as const) {
		(data[key] ?? []).forEach((link, i) => {
			const type = key === 'repos' ? 'repo' : key === 'docs' ? 'doc' : (link.type ?? null);
			found.push({ candidate: { title: link.name ?? null, url: link.url, type, path: [key, i, 'url'] }, ...doc.locate([key, i]) });
		});
	}
	return found.sort((a, b) => a.line - b.line || a.column - b.column).map((f) => f.candidate);
}

function oncallOf(doc: YamlDocument, data: DatadogV2Definition, problems: Problem[]): string | null {
	for (const service of ['pagerduty', 'opsgenie'] as const) {
		const url = data.integrations?.[service]?.['service-url'];
		if (url !== undefined) {
			const address = keepAddress(doc, ['integrations', service, 'service-url'], url, problems);
			if (address) return address;
		}
	}
	return null;
}

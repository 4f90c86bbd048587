import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import { backstageEntitySchema, backstageEnvelopeSchema, type BackstageEntity } from './backstage-schema.ts';
import { addDependency } from './add-dependency.ts';
import type { ApiUse, DocumentReading } from './catalog-record.ts';
import type { CatalogEntity } from './catalog-types.ts';
import { fieldProblems, type FormatDescription } from './field-problems.ts';
import { findRepo, findRunbook } from './find-link.ts';
import { optionalText } from './optional-text.ts';
import { ownerId, refName, targetOf, type EntityRef } from './parse-entity-ref.ts';
import type { YamlDocument } from './read-yaml-documents.ts';
import { readRef } from './read-ref.ts';
import { keepAddress, keepLinks } from './safe-addresses.ts';

const backstageFormat: FormatDescription = {
	label: 'Backstage',
	nameField: ['metadata', 'name'],
	nameExample: 'metadata: { name: cart }',
	docs: 'https://backstage.io/docs/features/software-catalog/descriptor-format',
	examples: {
		kind: 'kind: Component',
		'metadata.name': 'name: cart',
		'metadata.namespace': 'namespace: payments',
		'metadata.title': 'title: Shopping cart',
		'metadata.description': 'description: Holds what a shopper is about to buy.',
		'metadata.tags': 'tags: [java, payments]',
		'metadata.tags.*': 'tags: [java, payments]',
		'metadata.links': 'links: [{ url: https://wiki.example.com/cart, title: Runbook }]',
		'metadata.links.*': '- { url: https://wiki.example.com/cart, title: Runbook }',
		'metadata.links.*.url': 'url: https://wiki.example.com/cart',
		'metadata.links.*.title': 'title: Runbook',
		'metadata.annotations.github.com/project-slug': 'github.com/project-slug: acme/cart',
		'metadata.annotations.backstage.io/source-location': 'backstage.io/source-location: url:https://github.com/acme/cart/',
		'spec.type': 'type: service',
		'spec.lifecycle': 'lifecycle: production',
		'spec.owner': 'owner: team-a',
		'spec.system': 'system: shop',
		'spec.subcomponentOf': 'subcomponentOf: cart',
		'spec.providesApis': 'providesApis: [cart-api]',
		'spec.consumesApis': 'consumesApis: [pricing-api]',
		'spec.dependsOn': 'dependsOn: [component:pricing, resource:orders-db]',
		'spec.dependencyOf': 'dependencyOf: [component:checkout]',
		'spec.profile.displayName': 'displayName: Team A',
		'spec.profile.email': 'email: team-a@example.com',
		'spec.parent': 'parent: engineering',
		'spec.memberOf': 'memberOf: [team-a]',
	},
};

// Domain, Location, Template and the like are valid Backstage, just nothing Halflife shows.
const READ_KINDS = new Set(['component', 'resource', 'api', 'system', 'group', 'user']);

/** Reads one Backstage descriptor: a Component or Resource becomes an entity, a Group a team, a User a person, a System a system. */
export function readBackstageDocument(doc: YamlDocument): DocumentReading {
	const written = (doc.data as { kind?: unknown }).kind;
	if (typeof written === 'string' && !READ_KINDS.has(written.trim().toLowerCase())) {
		const envelope = backstageEnvelopeSchema.safeParse(doc.data);
		return { record: null, problems: envelope.success ? [] : fieldProblems(envelope.error.issues, doc, backstageFormat) };
	}
	const parsed = backstageEntitySchema.safeParse(doc.data);
	if (!parsed.success) return { record: null, problems: fieldProblems(parsed.error.issues, doc, backstageFormat) };
	const problems: Problem[] = [];
	return { record: toRecord(doc, parsed.data, problems), problems };
}

function toRecord(doc: YamlDocument, data: BackstageEntity, problems: Problem[]): DocumentReading['record'] {
	const { metadata } = data;
	const spec = data.spec ?? {};
	const kind = data.kind.trim();
	// A reference without a namespace means the referring entity's own namespace.
	const namespace = metadata.namespace ?? 'default';
	const name = refName({ namespace, name: metadata.name });
	const line = doc.locate(['metadata', 'name']).line;
	const ref = (path: PropertyKey[], value: string, kinds: string[] | undefined, example: string): EntityRef | null =>
		readRef(doc, path, value, { namespace, example, ...(kinds ? { kinds } : {}) }, problems);
	const description = optionalText(metadata.description);
	const displayName = optionalText(spec.profile?.displayName) ?? optionalText(metadata.title) ?? name;

	const ownerRef = spec.owner === undefined ? null : ref(['spec', 'owner'], spec.owner, ['group', 'user'], '`team-a`, `group:default/team-a` or `user:jane`');
	const owner = ownerRef && ownerId(ownerRef);
	const ownerLine = owner === null ? null : doc.locate(['spec', 'owner']).line;

	switch (kind.toLowerCase()) {
		case 'group': {
			const parent = spec.parent === undefined ? null : ref(['spec', 'parent'], spec.parent, ['group'], '`engineering` or `group:default/engineering`');
			const email = spec.profile?.email;
			return {
				type: 'team',
				kind,
				team: {
					id: name,
					name: displayName,
					description,
					contact: email === undefined ? null : keepAddress(doc, ['spec', 'profile', 'email'], email, problems),
					file: doc.file,
					line,
					parent: parent && refName(parent),
				},
			};
		}
		case 'user': {
			const memberOf = (spec.memberOf ?? []).flatMap((value, i) => {
				const group = ref(['spec', 'memberOf', i], value, ['group'], '`team-a` or `group:default/team-a`');
				return group ? [refName(group)] : [];
			});
			return { type: 'person', kind, person: { id: `user:${name}`, name: displayName, file: doc.file, line, memberOf: unique(memberOf) } };
		}
		case 'system':
			return { type: 'system', kind, system: { name, description, owner, file: doc.file, line } };
	}

	const links = keepLinks(
		doc,
		(metadata.links ?? []).map((link, i) => ({ title: link.title ?? null, url: link.url, type: link.type ?? null, path: ['metadata', 'links', i, 'url'] })),
		problems,
	);
	const system = spec.system === undefined ? null : ref(['spec', 'system'], spec.system, ['system'], '`shop` or `system:default/shop`');
	const partOf = spec.subcomponentOf === undefined ? null : ref(['spec', 'subcomponentOf'], spec.subcomponentOf, ['component'], '`cart` or `component:default/cart`');
	const entity: CatalogEntity = {
		source: 'backstage',
		file: doc.file,
		line,
		catalogKind: kind,
		kind: kind.toLowerCase() === 'api' ? 'external' : entityKind(kind, spec.type),
		name,
		owner,
		ownerLine,
		description,
		tier: null,
		lifecycle: optionalText(spec.lifecycle),
		oncall: null,
		runbook: findRunbook(links),
		repo: repoOf(doc, data, problems) ?? findRepo(links),
		contact: null,
		links,
		dependsOn: [],
		dependencyOf: [],
		system: system && refName(system),
		partOf: partOf && refName(partOf),
		tags: metadata.tags ?? [],
	};
	if (kind.toLowerCase() === 'api') return { type: 'api', kind, entity, providers: [] };

	const uses: ApiUse[] = [];
	(spec.dependsOn ?? []).forEach((value, i) => {
		const parsed = ref(['spec', 'dependsOn', i], value, undefined, '`component:pricing` or `resource:default/orders-db`');
		if (!parsed) return;
		const target = targetOf(parsed, value);
		const at = doc.locate(['spec', 'dependsOn', i]);
		if (target.api) uses.push({ api: target.name, ...at });
		else addDependency(entity.dependsOn, { name: target.name, why: null, ...at });
	});
	// The reverse of `dependsOn`: each entity named depends on this one (an API is nobody's dependent).
	(spec.dependencyOf ?? []).forEach((value, i) => {
		const parsed = ref(['spec', 'dependencyOf', i], value, ['component', 'resource'], '`component:checkout` or `resource:default/orders-db`');
		if (parsed) addDependency(entity.dependencyOf, { name: refName(parsed), why: null, ...doc.locate(['spec', 'dependencyOf', i]) });
	});
	// Backstage reads these as references of any kind, API by default; its own example catalog
	// consumes `component:artist-lookup`, which is depending on that component.
	(spec.consumesApis ?? []).forEach((value, i) => {
		const api = ref(['spec', 'consumesApis', i], value, ['api', 'component', 'resource'], '`pricing-api` or `api:default/pricing-api`');
		if (!api) return;
		const at = doc.locate(['spec', 'consumesApis', i]);
		if (api.kind === 'api') uses.push({ api: refName(api), ...at });
		else addDependency(entity.dependsOn, { name: refName(api), why: `consumes the API of ${refName(api)}`, ...at });
	});
	const provides = (spec.providesApis ?? []).flatMap((value, i) => {
		const api = ref(['spec', 'providesApis', i], value, ['api'], '`cart-api` or `api:default/cart-api`');
		return api ? [refName(api)] : [];
	});
	return { type: 'entity', kind, entity, provides: unique(provides), uses };
}

function entityKind(kind: string, type: string | undefined): CatalogEntity['kind'] {
	if (kind.toLowerCase() !== 'resource') return 'service';
	const resourceType = type?.trim().toLowerCase();
	if (resourceType === 'database') return 'database';
	if (resourceType === 'queue' || resourceType === 'topic') return 'queue';
	return 'service';
}

// GitHub owner and repository names: no slashes, and never only dots, so the address stays on github.com.
const SLUG = /^(?!\.+\/)[A-Za-z0-9_.-]+\/(?!\.+$)[A-Za-z0-9_.-]+$/;

function repoOf(doc: YamlDocument, data: BackstageEntity, problems: Problem[]): string | null {
	const annotations = data.metadata.annotations;
	const slug = annotations?.['github.com/project-slug']?.trim();
	if (slug !== undefined) {
		if (SLUG.test(slug)) return `https://github.com/${slug}`;
		problems.push({
			severity: 'error',
			error: new HalflifeError('CatalogFieldInvalid', {
				location: { file: doc.file, ...doc.locate(['metadata', 'annotations', 'github.com/project-slug']) },
				params: {
					field: 'metadata.annotations.github.com/project-slug',
					detail: 'is not a GitHub `owner/repository`',
					fix: 'Write it like `github.com/project-slug: acme/cart`.',
				},
			}),
		});
	}
	// Only `url:` locations are addresses; `file:` and others point into Backstage's own storage.
	const location = /^url:(.+)$/s.exec(annotations?.['backstage.io/source-location']?.trim() ?? '');
	if (!location) return null;
	const path = ['metadata', 'annotations', 'backstage.io/source-location'];
	return keepLinks(doc, [{ title: null, url: location[1]!, type: 'repo', path }], problems)[0]?.url ?? null;
}

function unique(values: string[]): string[] {
	return [...new Set(values)];
}

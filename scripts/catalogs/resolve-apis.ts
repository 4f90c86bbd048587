import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import { compare } from '../lib/compare.ts';
import { addDependency } from './add-dependency.ts';
import type { CatalogRecord } from './catalog-record.ts';
import type { CatalogApi, CatalogEntity } from './catalog-types.ts';

type EntityRecord = Extract<CatalogRecord, { type: 'entity' }>;
type ApiRecord = Extract<CatalogRecord, { type: 'api' }>;

/**
 * Turns consumed APIs into dependencies on the entities that provide them, once every file is
 * read (adding them to the consumers' `dependsOn`). An API that nobody provides is not a
 * service of ours: when the catalog describes it, it becomes an external entity that its
 * consumers depend on, and every use of it is warned about. Returns every API with its
 * providers, and those external entities.
 */
export function resolveApis(entities: readonly EntityRecord[], apis: readonly ApiRecord[]): { apis: CatalogApi[]; externals: CatalogEntity[]; problems: Problem[] } {
	const providers = new Map<string, Set<string>>();
	const provide = (api: string, provider: string) => {
		const set = providers.get(api) ?? new Set<string>();
		set.add(provider);
		providers.set(api, set);
	};
	for (const record of entities) for (const api of record.provides) provide(api, record.entity.name);
	for (const record of apis) for (const provider of record.providers) provide(record.entity.name, provider);

	const names = new Set(entities.map((r) => r.entity.name));
	const described = new Map(apis.map((r) => [r.entity.name, r.entity]));
	// An API named like one of our entities cannot stand beside it: the name would mean two things.
	const externals = apis.filter((r) => !providers.has(r.entity.name) && !names.has(r.entity.name)).map((r) => r.entity);
	const external = new Set(externals.map((e) => e.name));
	const known: CatalogApi[] = [...new Set([...providers.keys(), ...described.keys()])]
		.sort(compare)
		.map((name) => ({ name, providers: [...(providers.get(name) ?? [])].sort(compare), external: external.has(name) }));
	const byName = new Map(known.map((api) => [api.name, api]));

	const problems: Problem[] = [];
	for (const { entity, uses } of entities) {
		for (const use of uses) {
			const why = `consumes API ${use.api}`;
			const api = byName.get(use.api);
			for (const name of apiDependencies(api, entity.name)) addDependency(entity.dependsOn, { name, why, line: use.line, column: use.column });
			if (api && api.providers.length > 0) continue;
			const descriptor = described.get(use.api);
			problems.push({
				severity: 'warning',
				error: new HalflifeError('CatalogApiUnprovided', {
					location: { file: entity.file, line: use.line, column: use.column },
					params: {
						consumer: entity.name,
						api: use.api,
						declared: descriptor ? ` (it is described at ${descriptor.file}:${descriptor.line})` : '',
						fix:
							entity.source === 'backstage'
								? `Add \`${use.api}\` to \`spec.providesApis\` of the component that serves it, or remove it from \`spec.consumesApis\`.`
								: `List the service that serves it in \`spec.implementedBy\` of API \`${use.api}\`, or remove \`api:${use.api}\` from \`spec.dependsOn\`.`,
					},
				}),
			});
		}
	}
	return { apis: known, externals, problems };
}

/**
 * What depending on an API means, for a consumer: depending on every entity that provides it
 * (but itself), else on the API itself when it stands as an external entity, else on nothing known.
 */
export function apiDependencies(api: CatalogApi | undefined, consumer: string): string[] {
	if (!api) return [];
	if (api.providers.length > 0) return api.providers.filter((name) => name !== consumer);
	return api.external ? [api.name] : [];
}

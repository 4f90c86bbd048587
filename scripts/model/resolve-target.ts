import { apiDependencies } from '../catalogs/resolve-apis.ts';
import type { CatalogApi } from '../catalogs/catalog-types.ts';
import type { Target } from '../catalogs/parse-entity-ref.ts';

/** Turns what a service depends on into the names of the services and infrastructure it means. */
export type TargetResolver = (target: Target, consumer: string) => string[];

/**
 * The one way a dependency target becomes names, whichever source wrote it: an API means the
 * entities that provide it (as a catalog's `consumesApis` does; an API no catalog knows stays
 * a name, for the dependency check to flag), and an alias means the service that claims it.
 */
export function targetResolver(aliases: ReadonlyMap<string, string>, apis: readonly CatalogApi[]): TargetResolver {
	const byName = new Map(apis.map((api) => [api.name, api]));
	return (target, consumer) => {
		const api = target.api ? byName.get(target.name) : undefined;
		const names = api ? apiDependencies(api, consumer) : [target.name];
		return names.map((name) => aliases.get(name) ?? name);
	};
}

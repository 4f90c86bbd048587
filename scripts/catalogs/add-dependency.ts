import type { CatalogDependency } from './catalog-types.ts';

/** Adds a dependency unless one on the same name is already there: the first reference wins. */
export function addDependency(dependencies: CatalogDependency[], dependency: CatalogDependency): void {
	if (!dependencies.some((d) => d.name === dependency.name)) dependencies.push(dependency);
}

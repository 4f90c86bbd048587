import type { Catalog } from './catalog-types.ts';

/** A catalog with nothing in it: for a site without catalogs, and for tests. */
export function emptyCatalog(): Catalog {
	return { entities: [], apis: [], teams: [], people: [], systems: [], problems: [], files: [] };
}

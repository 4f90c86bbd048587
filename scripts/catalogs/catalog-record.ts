import type { Problem } from '../errors/halflife-error.ts';
import type { CatalogEntity, CatalogPerson, CatalogSystem, CatalogTeam } from './catalog-types.ts';

/** An API an entity consumes, resolved to the entities that provide it once every file is read. */
export interface ApiUse {
	/** Name of the API. */
	api: string;
	/** 1-based line of the reference. */
	line: number;
	/** 1-based column of the reference. */
	column: number;
}

/** What one catalog document declares; `kind` is the catalog's kind as written, for duplicate checks. */
export type CatalogRecord =
	| { type: 'entity'; kind: string; entity: CatalogEntity; provides: string[]; uses: ApiUse[] }
	| { type: 'api'; kind: string; entity: CatalogEntity; providers: string[] }
	| { type: 'team'; kind: string; team: CatalogTeam }
	| { type: 'person'; kind: string; person: CatalogPerson }
	| { type: 'system'; kind: string; system: CatalogSystem };

/** What reading one document gives: what it declares (null when nothing Halflife needs), and its problems. */
export interface DocumentReading {
	record: CatalogRecord | null;
	problems: Problem[];
}

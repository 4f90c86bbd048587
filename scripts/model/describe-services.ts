import type { Catalog, CatalogEntity, CatalogSource } from '../catalogs/catalog-types.ts';
import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import type { GitDates } from '../notes/git-dates.ts';
import type { Content, Note } from '../notes/load-content.ts';
import type { Dependency, Link } from '../notes/note-schema.ts';
import type { NodeKind } from '../sources/snapshot.ts';
import type { Use } from './model-schema.ts';
import { compare } from '../lib/compare.ts';
import { ownerOf, readTarget, type Target } from '../catalogs/parse-entity-ref.ts';
import { targetResolver, type TargetResolver } from './resolve-target.ts';

/** Where a claim about a service was written: a team's note or a catalog. */
export type ClaimSource = 'note' | CatalogSource;

/** The single-valued fields a note or catalog can set; the first source that sets one wins. */
export const DESCRIBED_FIELDS = ['owner', 'description', 'tier', 'lifecycle', 'oncall', 'runbook', 'repo', 'contact', 'system', 'partOf'] as const;

/** One of the single-valued fields. */
export type DescribedField = (typeof DESCRIBED_FIELDS)[number];

/** Sources in the order they win: the note a team reviews, then Backstage, then Datadog. */
export const SOURCE_PRECEDENCE: readonly ClaimSource[] = ['note', 'backstage', 'datadog'];

/** One file that describes a service, with what it says and how old that is. */
export interface DescriptionSource {
	source: ClaimSource;
	/** Path relative to the content folder (or absolute when outside it). */
	file: string;
	line: number;
	/** When a person confirmed it (`reviewed`), or when git last saw it change; null when unknown. */
	reviewed: string | null;
	/** Where `reviewed` came from. */
	reviewedFrom: 'frontmatter' | 'git' | null;
	/** The fields this source sets, as written. */
	fields: Partial<Record<DescribedField, string>>;
	/** Where the source names the owner, when it does. */
	ownerAt: Location | null;
}

/** A place in an input file. */
export interface Location {
	file: string;
	line: number;
	column: number;
}

/** A declared dependency, with every source that declares it. */
export interface DescribedDependency {
	name: string;
	/** Why the service needs it, from the first source that says. */
	why: string | null;
	from: ClaimSource[];
	/** Where the first source declares it. */
	at: Location;
	/** How the service uses it, as a note's `stores:` and `uses:` say; empty when none says. */
	declaredUses: Use[];
	/** Where a note's `stores:` or `uses:` first names it, or null when only `dependsOn:` and catalogs do. */
	usesAt: { field: 'stores' | 'uses'; at: Location } | null;
	/** How often the note expects it called, when not every window (`rare`, `expectedEvery`); null when it does not say. */
	expected: ExpectedCalls | null;
}

/** How often a note expects a dependency to be called: `rare`, or every so many days. */
export type ExpectedCalls = { rare: true; everyDays: null } | { rare: false; everyDays: number };

/** Everything written down about one service, from every source, with the winner of each field. */
export interface ServiceDescription {
	name: string;
	/** The kind a catalog gives it (a Backstage database Resource, say), or null. */
	kind: NodeKind | null;
	/** Other names telemetry may use for it. */
	aliases: string[];
	/** The value of each field, and the source it came from. */
	fields: Partial<Record<DescribedField, { value: string; from: ClaimSource }>>;
	/** Links from every source, each address once. */
	links: Link[];
	/** The union of every source's dependencies. */
	dependsOn: DescribedDependency[];
	/** Every source, the winning one first. */
	sources: DescriptionSource[];
	/** The team's note, when there is one. */
	note: Note | null;
}

/** A team, from `teams/` or a catalog Group. */
export interface DescribedTeam {
	id: string;
	name: string;
	description: string | null;
	contact: string | null;
	/** Where the team is defined. */
	source: 'teams' | 'backstage';
	file: string;
	line: number;
}

/** What people believe about the system: services, teams and the people catalogs name. */
export interface Beliefs {
	services: ServiceDescription[];
	teams: DescribedTeam[];
	/** People catalogs know (`user:<name>`). */
	people: Set<string>;
	/** Alias to service name, for resolving telemetry names. */
	aliases: Map<string, string>;
	/** Dependencies of services nothing describes, declared by what they depend on (a Resource's `dependencyOf`), by service name. */
	undescribed: Map<string, DescribedDependency[]>;
	problems: Problem[];
}

/**
 * Combines notes and catalog entries into one description per service. A service described in a
 * note and a catalog is one service: the note wins every field it sets (a team reviewed it), then
 * Backstage, then Datadog; dependencies and links are the union of all sources. Every owner and
 * every dependency, whatever form it is written in, is resolved to the one name it means.
 */
export function describeServices(content: Content, catalog: Catalog, git: GitDates | null): Beliefs {
	const byName = new Map<string, Found>();
	const entry = (name: string) => {
		let found = byName.get(name);
		if (!found) byName.set(name, (found = { note: null, entities: [] }));
		return found;
	};
	for (const note of content.notes) entry(note.service).note = note;
	for (const entity of catalog.entities) entry(entity.name).entities.push(entity);
	const found = [...byName.entries()].sort(([a], [b]) => compare(a, b));
	const { aliases, problems } = readAliases(found, byName);
	const resolve = targetResolver(aliases, catalog.apis);
	const dependents = reverseDependencies(catalog.entities, aliases);
	const undescribed = new Map<string, DescribedDependency[]>();
	for (const [name, declared] of dependents) if (!byName.has(name)) undescribed.set(name, dependenciesOf(name, null, [], resolve, declared));
	return {
		services: found.map(([name, { note, entities }]) => describeService(name, note, entities, resolve, git, dependents.get(name) ?? [])),
		teams: describeTeams(content, catalog),
		people: new Set(catalog.people.map((p) => p.id)),
		aliases,
		undescribed,
		problems,
	};
}

// A dependency one entity declares for another (`dependencyOf`), as the dependent's own.
interface ReverseDependency {
	on: string;
	source: ClaimSource;
	at: Location;
}

// Each `dependencyOf` entry, by the service it names (through aliases).
function reverseDependencies(entities: readonly CatalogEntity[], aliases: ReadonlyMap<string, string>): Map<string, ReverseDependency[]> {
	const byDependent = new Map<string, ReverseDependency[]>();
	for (const entity of entities) {
		for (const dependent of entity.dependencyOf) {
			const name = aliases.get(dependent.name) ?? dependent.name;
			const list = byDependent.get(name) ?? byDependent.set(name, []).get(name)!;
			list.push({ on: entity.name, source: entity.source, at: { file: entity.file, line: dependent.line, column: dependent.column } });
		}
	}
	return byDependent;
}

// A service's note and catalog entries, as found.
interface Found {
	note: Note | null;
	entities: CatalogEntity[];
}

function describeService(name: string, note: Note | null, entities: CatalogEntity[], resolve: TargetResolver, git: GitDates | null, dependents: ReverseDependency[]): ServiceDescription {
	entities.sort((a, b) => SOURCE_PRECEDENCE.indexOf(a.source) - SOURCE_PRECEDENCE.indexOf(b.source) || compare(a.file, b.file));
	const sources: DescriptionSource[] = [...(note ? [noteSource(note)] : []), ...entities.map((entity) => entitySource(entity, git))];
	const fields: ServiceDescription['fields'] = {};
	for (const field of DESCRIBED_FIELDS) {
		const winner = sources.find((s) => s.fields[field] !== undefined);
		// Sources keep the owner as written; the service's owner is the team or person it names.
		if (winner) fields[field] = { value: field === 'owner' ? ownerOf(winner.fields[field]!) : winner.fields[field]!, from: winner.source };
	}
	const links = new Map<string, Link>();
	for (const link of [...(note?.links ?? []), ...entities.flatMap((e) => e.links)]) {
		if (!links.has(link.url)) links.set(link.url, { title: link.title, url: link.url });
	}
	return {
		name,
		kind: entities.find((e) => e.kind !== 'service')?.kind ?? (entities.length > 0 || note ? 'service' : null),
		aliases: [...new Set(note?.aliases ?? [])].sort(compare),
		fields,
		links: [...links.values()],
		dependsOn: dependenciesOf(name, note, entities, resolve, dependents),
		sources,
		note,
	};
}

// The union of every source's dependencies, each resolved to the names it means, each name once;
// a note's `stores:` and `uses:` declare dependencies too, with how the service uses them.
function dependenciesOf(name: string, note: Note | null, entities: CatalogEntity[], resolve: TargetResolver, dependents: readonly ReverseDependency[]): DescribedDependency[] {
	const dependsOn = new Map<string, DescribedDependency>();
	const declare = (target: Target, why: string | null, from: ClaimSource, at: Location, named?: { field: 'stores' | 'uses'; uses: readonly Use[] }, expected: ExpectedCalls | null = null) => {
		const reason = why ?? (target.api ? `consumes API ${target.name}` : null);
		for (const resolved of resolve(target, name)) {
			let known = dependsOn.get(resolved);
			if (!known) dependsOn.set(resolved, (known = { name: resolved, why: reason, from: [from], at, declaredUses: [], usesAt: null, expected }));
			else {
				known.why ??= reason;
				known.expected ??= expected;
				if (!known.from.includes(from)) known.from.push(from);
			}
			if (!named) continue;
			known.usesAt ??= { field: named.field, at };
			known.declaredUses = [...new Set([...known.declaredUses, ...named.uses])];
		}
	};
	if (note) {
		const at = (field: 'dependsOn' | 'stores' | 'uses', i: number): Location => ({ file: note.file, ...note.positions[field][i]! });
		note.dependsOn.forEach((dependency, i) => declare(readTarget(dependency.name), dependency.why, 'note', at('dependsOn', i), undefined, expectedCalls(dependency)));
		note.stores.forEach((store, i) => declare(readTarget(store.name), null, 'note', at('stores', i), { field: 'stores', uses: store.uses }));
		note.uses.forEach((use, i) => declare(readTarget(use.name), null, 'note', at('uses', i), { field: 'uses', uses: use.uses }));
	}
	for (const entity of entities) {
		// A catalog's reader already read its references: each is a name.
		for (const dependency of entity.dependsOn) {
			declare({ name: dependency.name, api: false }, dependency.why, entity.source, { file: entity.file, line: dependency.line, column: dependency.column });
		}
	}
	for (const { on, source, at } of dependents) declare({ name: on, api: false }, null, source, at);
	return [...dependsOn.values()].sort((a, b) => compare(a.name, b.name));
}

// `expectedEvery` wins over `rare`, which only says "not every window".
function expectedCalls(dependency: Dependency): ExpectedCalls | null {
	if (dependency.expectedEveryDays !== null) return { rare: false, everyDays: dependency.expectedEveryDays };
	return dependency.rare ? { rare: true, everyDays: null } : null;
}

// Each note's aliases, refused when one already names another service or another note's alias.
function readAliases(found: [string, Found][], byName: ReadonlyMap<string, Found>): { aliases: Map<string, string>; problems: Problem[] } {
	const aliases = new Map<string, string>();
	const problems: Problem[] = [];
	for (const [service, { note }] of found) {
		if (!note) continue;
		for (const alias of [...new Set(note.aliases)].sort(compare)) {
			const position = note.positions.aliases[note.aliases.indexOf(alias)] ?? note.positions.service;
			const owner = byName.has(alias) ? alias : aliases.get(alias);
			if (owner !== undefined && owner !== service) {
				problems.push({
					severity: 'error',
					error: new HalflifeError('AliasTaken', { location: { file: note.file, ...position }, params: { alias, service, other: owner } }),
				});
				continue;
			}
			aliases.set(alias, service);
		}
	}
	return { aliases, problems };
}

// Teams from `teams/`, then catalog Groups; a team file wins over a Group with its id.
function describeTeams(content: Content, catalog: Catalog): DescribedTeam[] {
	const teams = new Map<string, DescribedTeam>();
	for (const team of content.teams) {
		teams.set(team.id, { id: team.id, name: team.name, description: team.description, contact: team.contact, source: 'teams', file: team.file, line: 1 });
	}
	for (const team of catalog.teams) {
		if (teams.has(team.id)) continue;
		teams.set(team.id, { ...team, source: 'backstage' });
	}
	return [...teams.values()].sort((a, b) => compare(a.id, b.id));
}

function noteSource(note: Note): DescriptionSource {
	const fields: DescriptionSource['fields'] = {};
	for (const field of DESCRIBED_FIELDS) {
		const value = (note as unknown as Partial<Record<string, unknown>>)[field];
		if (typeof value === 'string') fields[field] = value;
	}
	return {
		source: 'note',
		file: note.file,
		line: note.positions.service.line,
		reviewed: note.reviewed,
		reviewedFrom: note.reviewedFrom,
		fields,
		ownerAt: { file: note.file, ...note.positions.owner },
	};
}

function entitySource(entity: CatalogEntity, git: GitDates | null): DescriptionSource {
	const fields: DescriptionSource['fields'] = {};
	for (const field of DESCRIBED_FIELDS) {
		const value = entity[field];
		if (typeof value === 'string') fields[field] = value;
	}
	// A catalog has no review date; its last commit is the best age there is, and the page says so.
	const changed = git?.dates.get(entity.file) ?? null;
	return {
		source: entity.source,
		file: entity.file,
		line: entity.line,
		reviewed: changed,
		reviewedFrom: changed ? 'git' : null,
		fields,
		ownerAt: entity.ownerLine === null ? null : { file: entity.file, line: entity.ownerLine, column: 1 },
	};
}

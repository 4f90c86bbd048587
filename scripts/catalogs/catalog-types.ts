import type { Problem } from '../errors/halflife-error.ts';

/** Which catalog format an entry was read from. */
export type CatalogSource = 'backstage' | 'datadog';

/** A link an entry points at; only http, https and mailto addresses are kept. */
export interface CatalogLink {
	/** Text shown for the link: its title or name, else the address itself. */
	title: string;
	/** The address, as written (http, https or mailto only). */
	url: string;
	/** What the link is (`runbook`, `repo`, `doc`, `dashboard` ...), or null when the catalog does not say. */
	type: string | null;
}

/** Something an entry depends on, by name. */
export interface CatalogDependency {
	/** Name of the service or resource depended on, normalized like entity names. */
	name: string;
	/** Why the dependency exists when it was derived (`consumes API x`), else null. */
	why: string | null;
	/** 1-based line of the reference in the entry's file. */
	line: number;
	/** 1-based column of the reference in the entry's file. */
	column: number;
}

/** A service, database, queue or external API described by a catalog. */
export interface CatalogEntity {
	/** Which catalog format it came from. */
	source: CatalogSource;
	/** Display path: relative to the content folder with `/`, or the absolute path when outside it. */
	file: string;
	/** 1-based line of the entry's name field (`metadata.name`, `dd-service`). */
	line: number;
	/** The catalog's own kind, as written: `Component`, `Resource`, `API`, `service`, `datastore`, `queue` ... */
	catalogKind: string;
	/** What the entry is to Halflife. */
	kind: 'service' | 'database' | 'queue' | 'external';
	/** Name; a Backstage entity outside the `default` namespace is `namespace/name`. */
	name: string;
	/** Owning team id (`team-a`, `ns/team-a`), `user:<name>` for a person, or null. */
	owner: string | null;
	/** 1-based line of the owner field, or null when there is none. */
	ownerLine: number | null;
	/** One line on what it does, or null. */
	description: string | null;
	/** How critical it is, always as text (`0`, `1`, `critical`), or null. */
	tier: string | null;
	/** Where it is in its life (`production`, `experimental` ...), or null. */
	lifecycle: string | null;
	/** Who is paged: a PagerDuty or Opsgenie service address or an on-call contact, or null. */
	oncall: string | null;
	/** Address of the runbook, or null. */
	runbook: string | null;
	/** Address of the source repository, or null. */
	repo: string | null;
	/** First Slack or email contact, or null. */
	contact: string | null;
	/** Every kept link, in file order. */
	links: CatalogLink[];
	/** Services and resources it depends on, declared or derived from consumed APIs. */
	dependsOn: CatalogDependency[];
	/** Services that depend on it, as it declares (Backstage and Datadog v3 `dependencyOf`): each is that service's dependency on it. */
	dependencyOf: CatalogDependency[];
	/** Name of the system it belongs to, or null. */
	system: string | null;
	/** Name of the entity it is a part of (Backstage `subcomponentOf`), or null. */
	partOf: string | null;
	/** Free-form tags, as written. */
	tags: string[];
}

/** A team: a Backstage Group. */
export interface CatalogTeam {
	/** Team id, the name that owners refer to (`team-a`, or `ns/team-a` outside the default namespace). */
	id: string;
	/** Display name: the profile's display name, else the title, else the name. */
	name: string;
	/** One line on what the team does, or null. */
	description: string | null;
	/** The team's email address, or null. */
	contact: string | null;
	/** Display path of the file that defines it. */
	file: string;
	/** 1-based line of its name field. */
	line: number;
	/** Id of the parent team, or null. */
	parent: string | null;
}

/** A person: a Backstage User. */
export interface CatalogPerson {
	/** `user:<name>`, or `user:<namespace>/<name>` outside the default namespace. */
	id: string;
	/** Display name: the profile's display name, else the title, else the name. */
	name: string;
	/** Display path of the file that defines them. */
	file: string;
	/** 1-based line of their name field. */
	line: number;
	/** Ids of the teams they belong to. */
	memberOf: string[];
}

/** A system: a group of entities that serve one purpose (Backstage System, Datadog v3 system). */
export interface CatalogSystem {
	/** Name; outside the default Backstage namespace, `namespace/name`. */
	name: string;
	/** One line on what it is for, or null. */
	description: string | null;
	/** Owning team id or `user:<name>`, or null. */
	owner: string | null;
	/** Display path of the file that defines it. */
	file: string;
	/** 1-based line of its name field. */
	line: number;
}

/** An API a catalog names (provided, described or only consumed), and who stands for depending on it. */
export interface CatalogApi {
	/** Name; outside the default Backstage namespace, `namespace/name`. */
	name: string;
	/** Names of the entities that provide it, sorted. */
	providers: string[];
	/** Whether nobody provides it and the catalog describes it: it is then an external entity of its own. */
	external: boolean;
}

/** Everything read from the service catalogs, normalized, with every problem found. */
export interface Catalog {
	/** Services, databases, queues and provider-less APIs, sorted by name then file. */
	entities: CatalogEntity[];
	/** Every API provided or described, sorted by name: what depending on one means. */
	apis: CatalogApi[];
	/** Teams, sorted by id then file. */
	teams: CatalogTeam[];
	/** People, sorted by id then file. */
	people: CatalogPerson[];
	/** Systems, sorted by name then file. */
	systems: CatalogSystem[];
	/** Every problem found, sorted by file, line and column. */
	problems: Problem[];
	/** Display paths of every file read, sorted. */
	files: string[];
}

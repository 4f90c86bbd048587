/** A parsed entity reference, `[kind:][namespace/]name`. */
export interface EntityRef {
	/** Lower-cased kind (`component`, `group`, `service`), or null when the reference has none. */
	kind: string | null;
	/** Namespace; the referring entity's own when the reference has none. */
	namespace: string;
	/** Name. */
	name: string;
}

// Kind, namespace and name may not be empty nor hold `:`, `/` or white space.
const REF = /^(?:([^\s:/]+):)?(?:([^\s:/]+)\/)?([^\s:/]+)$/;

/** Parses `[kind:][namespace/]name` (Backstage and Datadog v3 references), or returns null when it is malformed. */
export function parseEntityRef(ref: string, defaultNamespace = 'default'): EntityRef | null {
	const match = REF.exec(ref.trim());
	if (!match) return null;
	return { kind: match[1]?.toLowerCase() ?? null, namespace: match[2] ?? defaultNamespace, name: match[3]! };
}

/** The name Halflife uses for a reference: `name` in the default namespace, else `namespace/name`. */
export function refName(ref: Pick<EntityRef, 'namespace' | 'name'>): string {
	return ref.namespace.toLowerCase() === 'default' ? ref.name : `${ref.namespace}/${ref.name}`;
}

/** An owner's id: a team id for a group (the default kind), `user:<name>` for a person, null for any other kind. */
export function ownerId(ref: EntityRef): string | null {
	if (ref.kind === null || ref.kind === 'group') return refName(ref);
	if (ref.kind === 'user') return `user:${refName(ref)}`;
	return null;
}

/** What a written dependency names: an entity or a node by its name, or an API, which stands for whoever provides it. */
export interface Target {
	name: string;
	/** Whether it names an API (`api:search-api`), whose providers are the real dependency. */
	api: boolean;
}

// Kinds a Backstage or Datadog reference can name. Any other prefix is part of a name:
// `postgresql:orders` and `kafka:events` are infrastructure as telemetry names it, not references.
const CATALOG_KINDS = new Set(['component', 'resource', 'api', 'system', 'domain', 'group', 'user', 'template', 'location', 'service', 'datastore', 'queue']);

/**
 * Reads a dependency as a note or a catalog writes it. A reference of a catalog kind is the name of
 * what it refers to (`component:cart`, `resource:default/artists-db` and `cart`, `artists-db` alike;
 * `api:search-api` an API); anything else (`postgresql:orders`, `kafka:events`, a host) is a name as written.
 */
export function readTarget(written: string, namespace = 'default'): Target {
	const ref = parseEntityRef(written, namespace);
	return ref ? targetOf(ref, written) : { name: written.trim(), api: false };
}

/** `readTarget` for a reference already parsed (a catalog reports malformed ones itself). */
export function targetOf(ref: EntityRef, written: string): Target {
	if (ref.kind !== null && !CATALOG_KINDS.has(ref.kind)) return { name: written.trim(), api: false };
	return { name: refName(ref), api: ref.kind === 'api' };
}

/**
 * The owner an owner field names, however it is written: a team id for `alpha`, `group:alpha` and
 * `group:default/alpha` alike, `user:<name>` for `user:jdoe` and `user:default/jdoe`. Text that is
 * no reference to a group or a person (a Datadog team handle, a typo) is kept as a team id, as written.
 */
export function ownerOf(written: string): string {
	const ref = parseEntityRef(written);
	return (ref && ownerId(ref)) ?? written.trim();
}

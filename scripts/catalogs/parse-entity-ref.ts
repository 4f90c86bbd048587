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

import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import { parseEntityRef, type EntityRef } from './parse-entity-ref.ts';
import type { YamlDocument } from './read-yaml-documents.ts';

/** How to read one reference field. */
export interface RefRules {
	/** Namespace of a reference that names none: the referring entity's own. */
	namespace: string;
	/** Kinds the field may name, lower-case; the first one is assumed when the reference has no kind. Any kind when absent. */
	kinds?: readonly string[];
	/** An example reference for the hint, in backticks. */
	example: string;
}

/** Parses the reference at `path`, or reports why it is malformed and returns null. */
export function readRef(doc: YamlDocument, path: readonly PropertyKey[], ref: string, rules: RefRules, problems: Problem[]): EntityRef | null {
	const parsed = parseEntityRef(ref, rules.namespace);
	let detail: string | null = null;
	if (!parsed) {
		detail = 'is not `[kind:][namespace/]name`: each part must be non-empty, without `:`, `/` or spaces';
	} else if (rules.kinds) {
		parsed.kind ??= rules.kinds[0]!;
		if (!rules.kinds.includes(parsed.kind)) {
			detail = `names a ${parsed.kind}, but this field takes ${rules.kinds.map((k) => `a ${k}`).join(' or ')}`;
		}
	}
	if (detail === null) return parsed;
	problems.push({
		severity: 'error',
		error: new HalflifeError('CatalogBadRef', {
			location: { file: doc.file, ...doc.locate(path) },
			params: { ref: ref.trim(), field: path.map(String).join('.'), detail, example: rules.example },
		}),
	});
	return null;
}

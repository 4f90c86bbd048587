import matter from 'gray-matter';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, YAMLParseError, type Document } from 'yaml';
import { HalflifeError } from '../errors/halflife-error.ts';

/** A Markdown file split into its frontmatter data and body, with a way to find a field's line. */
export interface FrontmatterFile {
	/** Parsed YAML frontmatter. */
	data: Record<string, unknown>;
	/** Everything after the closing `---`. */
	body: string;
	/** 1-based line in the file where the body starts. */
	bodyLine: number;
	/** 1-based line of a top-level frontmatter field, or of the opening `---` when the field is absent. */
	lineOf(field: string): number;
	/** Line and column of a value by its path (`['dependsOn', 2, 'why']`), or of its nearest present ancestor. */
	locate(path: readonly PropertyKey[]): { line: number; column: number };
}

/**
 * Splits a Markdown/MDX file into frontmatter and body. YAML is read with the YAML 1.2 core
 * schema, so `2026-13-45` stays text for the schema to reject instead of becoming a date in 2027.
 * YAML errors and a missing frontmatter block become HalflifeErrors that point at the file and line.
 */
export function readFrontmatter(file: string, text: string): FrontmatterFile {
	if (!/^---\r?\n/.test(text)) {
		throw new HalflifeError('FrontmatterMissing', { location: { file, line: 1, column: 1 } });
	}
	const lineCounter = new LineCounter();
	let document: Document | undefined;
	let parsed: matter.GrayMatterFile<string>;
	try {
		parsed = matter(text, {
			engines: {
				yaml: (source: string) => {
					document = parseDocument(source, { schema: 'core', lineCounter });
					if (document.errors.length > 0) throw document.errors[0];
					return (document.toJS() ?? {}) as object;
				},
			},
		});
	} catch (cause) {
		const position = cause instanceof YAMLParseError ? cause.linePos?.[0] : undefined;
		const code = cause instanceof YAMLParseError ? cause.code : undefined;
		throw new HalflifeError('FrontmatterSyntax', {
			// gray-matter hands over the text from the end of the opening `---` line, so YAML's lines are the file's.
			location: { file, line: position?.line ?? 1, column: position?.col },
			params: {
				detail: (cause as Error).message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
				// The commonest slip: a value with `: ` in it, which YAML reads as a nested key.
				fix:
					code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY' || /compact mappings/.test((cause as Error).message)
						? 'Quote a value that contains `: `, like `description: "Cart to order: pricing and checkout"`.'
						: 'Fix the YAML between the `---` lines at the top of the file.',
			},
			cause,
		});
	}
	const data = parsed.data as Record<string, unknown>;
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		throw new HalflifeError('FrontmatterSyntax', {
			location: { file, line: 2, column: 1 },
			params: { detail: 'The frontmatter is not a map of `field: value` lines.' },
		});
	}
	const bodyLine = text.slice(0, text.length - parsed.content.length).split('\n').length;
	return {
		data,
		body: parsed.content,
		bodyLine,
		lineOf(field) {
			return this.locate([field]).line;
		},
		locate(path) {
			let node: unknown = document?.contents;
			let found = { line: 1, column: 1 };
			for (const key of path) {
				let next: { range?: [number, number, number] | null | undefined } | null | undefined;
				let at: number | undefined;
				if (isMap(node)) {
					const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
					at = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
					next = pair?.value as typeof next;
				} else if (isSeq(node) && typeof key === 'number') {
					next = node.items[key] as typeof next;
					at = next?.range?.[0];
				}
				if (at === undefined) break;
				const position = lineCounter.linePos(at);
				found = { line: position.line, column: position.col };
				node = next;
			}
			return found;
		},
	};
}

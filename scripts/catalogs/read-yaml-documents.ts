import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { HalflifeError, type Problem } from '../errors/halflife-error.ts';

/** A 1-based line and column in a file. */
export interface Position {
	line: number;
	column: number;
}

/** One YAML document of a file, as plain data, with a way to find where a value is written. */
export interface YamlDocument {
	/** Display path of the file. */
	file: string;
	/** The document's data: maps, lists and scalars only. */
	data: unknown;
	/** Position of the value at `path` (`['spec', 'dependsOn', 2]`), or of its nearest present ancestor. */
	locate(path: readonly PropertyKey[]): Position;
}

/** Every document of a YAML file that parsed, and a problem for each one that did not. */
export interface YamlFile {
	documents: YamlDocument[];
	problems: Problem[];
}

/**
 * Splits a YAML file into its documents. A document with a syntax error becomes a problem at
 * its position while the others are still read. The core schema keeps `2026-13-45` and `yes`
 * as text, and custom tags are never run, so nothing in the file becomes code.
 */
export function readYamlDocuments(file: string, text: string): YamlFile {
	const lineCounter = new LineCounter();
	const documents: YamlDocument[] = [];
	const problems: Problem[] = [];
	for (const document of parseAllDocuments(text, { schema: 'core', lineCounter })) {
		const syntax = document.errors[0];
		if (syntax) {
			const position = syntax.linePos?.[0];
			problems.push({
				severity: 'error',
				error: new HalflifeError('CatalogSyntax', {
					location: { file, line: position?.line ?? 1, column: position?.col ?? 1 },
					params: { detail: syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), fix: syntaxFix(syntax.code) },
				}),
			});
			continue;
		}
		let data: unknown;
		try {
			// Aliases are capped (the library's default of 100) so a small file cannot expand into gigabytes.
			data = document.toJS({ maxAliasCount: 100 });
		} catch (cause) {
			const position = lineCounter.linePos(document.range?.[0] ?? 0);
			problems.push({
				severity: 'error',
				error: new HalflifeError('CatalogSyntax', {
					location: { file, line: position.line, column: position.col },
					params: { detail: (cause as Error).message.split('\n')[0]!, fix: 'Expand the aliases (`*name`) into plain values.' },
					cause,
				}),
			});
			continue;
		}
		if (data === null || data === undefined) continue;
		documents.push({ file, data, locate: (path) => locate(document, lineCounter, path) });
	}
	return { documents, problems };
}

function syntaxFix(code: string): string {
	// The commonest slip: a value with `: ` in it, which YAML reads as a nested key.
	if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') {
		return 'Quote a value that contains `: `, like `description: "Cart to order: pricing and checkout"`.';
	}
	if (code === 'DUPLICATE_KEY') return 'Remove one of the two keys, or merge their values.';
	return 'Fix the YAML at the place named; other documents in the file (between `---` lines) are still read.';
}

type Ranged = { range?: [number, number, number] | null | undefined } | null | undefined;

function locate(document: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): Position {
	let node: unknown = document.contents;
	let at = (node as Ranged)?.range?.[0] ?? document.range?.[0] ?? 0;
	for (const key of path) {
		let next: Ranged;
		let keyAt: number | undefined;
		if (isMap(node)) {
			const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
			keyAt = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
			next = pair?.value as Ranged;
		} else if (isSeq(node) && typeof key === 'number') {
			next = node.items[key] as Ranged;
		} else {
			break;
		}
		// Point at the value itself when it is written, else at its key (`owner:` with nothing after it).
		const found = next?.range?.[0] ?? keyAt;
		if (found === undefined) break;
		at = found;
		node = next;
	}
	const position = lineCounter.linePos(at);
	return { line: position.line, column: position.col };
}

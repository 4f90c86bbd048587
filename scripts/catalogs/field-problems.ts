import type { z } from 'astro/zod';
import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import type { YamlDocument } from './read-yaml-documents.ts';

/** What a message about one catalog format needs to say. */
export interface FormatDescription {
	/** Name of the format in messages (`Backstage`, `Datadog v2.2`). */
	label: string;
	/** Path of the field that names the entry. */
	nameField: readonly string[];
	/** Example of the name field, in YAML flow style. */
	nameExample: string;
	/** Where the format is documented. */
	docs: string;
	/** Examples of fields, by path with `*` for list positions (`metadata.links.*.url`). */
	examples: Readonly<Record<string, string>>;
}

/**
 * Turns zod's issues with a catalog document into problems at the offending value, each saying
 * what is wrong and how to fix it. A missing name gets its own error: the entry is unusable.
 */
export function fieldProblems(issues: readonly z.core.$ZodIssue[], doc: YamlDocument, format: FormatDescription): Problem[] {
	return issues.map((issue) => {
		const value = valueAt(doc.data, issue.path);
		const field = issue.path.map(String).join('.');
		const location = { file: doc.file, ...doc.locate(issue.path) };
		const isNamePath = issue.path.length <= format.nameField.length && issue.path.every((key, i) => key === format.nameField[i]);
		if ((value === undefined || value === null) && isNamePath) {
			const name = format.nameField.join('.');
			return {
				severity: 'error',
				error: new HalflifeError('CatalogNameMissing', {
					location,
					params: { format: format.label, field: name, example: format.nameExample },
				}),
			};
		}
		const example = format.examples[issue.path.map((key) => (typeof key === 'number' ? '*' : String(key))).join('.')];
		return {
			severity: 'error',
			error: new HalflifeError('CatalogFieldInvalid', {
				location,
				params: {
					field,
					detail: detail(issue, value),
					fix: example ? `Write it like \`${example}\`.` : `Fix the value; the ${format.label} format is described at ${format.docs}.`,
				},
			}),
		};
	});
}

function detail(issue: z.core.$ZodIssue, value: unknown): string {
	if (value === undefined) return 'is required, but missing';
	if (issue.code === 'invalid_type') return `should be ${typeName(issue.expected)}, not ${describe(value)}`;
	if (issue.code === 'invalid_value') return `should be ${issue.values.map((v) => `\`${String(v)}\``).join(' or ')}`;
	// The schemas give every other check a message that reads after the field's name.
	return issue.message;
}

function typeName(expected: string): string {
	const names: Record<string, string> = { string: 'text', number: 'a number', array: 'a list', object: 'a map', boolean: 'true or false' };
	return names[expected] ?? expected;
}

function describe(value: unknown): string {
	if (value === null) return 'empty';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return 'text';
	if (typeof value === 'number') return `the number ${value}`;
	if (typeof value === 'boolean') return `\`${value}\``;
	return 'a map';
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
	let value = data;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}

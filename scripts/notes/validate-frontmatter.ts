import type { z } from 'astro/zod';
import { HalflifeError } from '../errors/halflife-error.ts';
import { nearestName } from './nearest-name.ts';
import type { FrontmatterFile } from './read-frontmatter.ts';

/**
 * Result of validating frontmatter: the data when valid, every problem found either way, and the
 * fields that are valid on their own, so checks of one field (an owner) run whatever is wrong with another.
 */
export type Validated<T> = { data: T; fields: T; errors: [] } | { data: null; fields: Partial<T>; errors: HalflifeError[] };

/**
 * Validates frontmatter against a strict zod object schema and turns every issue into a
 * HalflifeError at the field's line, with a hint (the nearest valid name for unknown fields).
 */
export function validateFrontmatter<S extends z.ZodObject>(
	schema: S,
	file: string,
	frontmatter: FrontmatterFile,
	examples: Record<string, string>,
): Validated<z.output<S>> {
	const result = schema.safeParse(frontmatter.data);
	if (result.success) return { data: result.data, fields: result.data, errors: [] };
	const fields = Object.keys(schema.shape);
	const errors = result.error.issues.flatMap((issue) => {
		if (issue.code === 'unrecognized_keys') {
			return issue.keys.map((key) => {
				const near = nearestName(key, fields);
				return new HalflifeError('FrontmatterUnknownField', {
					location: { file, ...frontmatter.locate([...issue.path, key]) },
					params: {
						field: key,
						fix: near
							? `Did you mean \`${near}\`? Rename it.`
							: `Remove it. Known fields: ${fields.join(', ')}.`,
					},
				});
			});
		}
		const field = String(issue.path[0] ?? '');
		const missing = issue.path.length === 1 && !(field in frontmatter.data);
		const { line, column } = frontmatter.locate(issue.path);
		// A union's own message ("Invalid input") says nothing; the example says what the forms are.
		const detail = missing ? 'required, but missing' : issue.code === 'invalid_union' ? 'is not in a form this field takes' : issue.message;
		return [
			new HalflifeError('FrontmatterInvalid', {
				location: { file, line, column },
				params: {
					field: issue.path.join('.'),
					detail,
					fix: examples[field] ? `Write it like \`${examples[field]}\`.` : 'Fix the value.',
				},
			}),
		];
	});
	return { data: null, fields: validFields(schema, frontmatter.data), errors };
}

// Each field through its own schema: a bad date leaves the owner beside it readable.
function validFields<S extends z.ZodObject>(schema: S, data: Record<string, unknown>): Partial<z.output<S>> {
	const fields: Record<string, unknown> = {};
	for (const [key, field] of Object.entries(schema.shape)) {
		const parsed = (field as z.ZodType).safeParse(data[key]);
		if (parsed.success && parsed.data !== undefined) fields[key] = parsed.data;
	}
	return fields as Partial<z.output<S>>;
}

import type { z } from 'astro/zod';
import { HalflifeError } from '../errors/halflife-error.ts';
import { halflifeOptionsSchema, type HalflifeOptions } from './options-schema.ts';

/** Validates user options and fills defaults; every problem is listed as `**path**: problem` in one error. */
export function parseOptions(input: unknown): HalflifeOptions {
	const result = halflifeOptionsSchema.safeParse(input ?? {});
	if (result.success) return result.data;
	throw new HalflifeError('ConfigInvalid', { params: { detail: formatIssues(result.error.issues) } });
}

/** Formats zod issues as a list, one `**path**: problem` per line. */
export function formatIssues(issues: z.core.$ZodIssue[]): string {
	return issues
		.flatMap((issue) =>
			issue.code === 'unrecognized_keys'
				? issue.keys.map((key) => `- **${[...issue.path, key].join('.')}**: unknown option`)
				: [`- **${issue.path.join('.') || '(root)'}**: ${issue.message}`],
		)
		.join('\n');
}

import type { parseArgs } from 'node:util';
import { z } from 'astro/zod';
import { restoreFromSchema } from '../config/history-options.ts';
import { halflifeOptionsSchema, type HalflifeOptions } from '../config/options-schema.ts';
import { HalflifeError } from '../errors/halflife-error.ts';

/** Every flag the command takes, as `node:util`'s parseArgs reads them. */
export const FLAGS = {
	root: { type: 'string' },
	content: { type: 'string' },
	site: { type: 'string' },
	'cache-dir': { type: 'string' },
	'lock-timeout': { type: 'string' },
	'restore-from': { type: 'string' },
	base: { type: 'string' },
	now: { type: 'string' },
	'no-diagrams': { type: 'boolean' },
	'publish-broken': { type: 'boolean' },
	strict: { type: 'boolean' },
	json: { type: 'boolean' },
	out: { type: 'string' },
	title: { type: 'string' },
	from: { type: 'string' },
	team: { type: 'string' },
	'no-install': { type: 'boolean' },
	quiet: { type: 'boolean' },
	port: { type: 'string' },
	help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** The flags' values, as parseArgs returns them. */
export type FlagValues = { [K in keyof typeof FLAGS]?: (typeof FLAGS)[K]['type'] extends 'string' ? string : boolean };

// Seconds on the command line, held to the option's own schema.
const LOCK_TIMEOUT = z
	.string()
	.regex(/^\d+$/, 'takes a whole number of seconds (0: do not wait)')
	.transform(Number)
	.pipe(halflifeOptionsSchema.shape.lockTimeoutSeconds.unwrap());

/** The options from astro.config.mjs with the flags that override them applied. */
export function withFlags(config: HalflifeOptions, values: FlagValues): HalflifeOptions {
	return {
		...config,
		...(values.content ? { content: values.content } : {}),
		...(values.site ? { site: values.site } : {}),
		...(values['cache-dir'] ? { cacheDir: values['cache-dir'] } : {}),
		...(values.base !== undefined ? { base: parseFlag('--base', halflifeOptionsSchema.shape.base, values.base) } : {}),
		...(values['publish-broken'] ? { notes: { ...config.notes, publishBroken: true } } : {}),
		...(values['restore-from'] !== undefined
			? { history: { ...config.history, restoreFrom: parseFlag('--restore-from', restoreFromSchema, values['restore-from']) } }
			: {}),
		...(values['lock-timeout'] !== undefined ? { lockTimeoutSeconds: parseFlag('--lock-timeout', LOCK_TIMEOUT, values['lock-timeout']) } : {}),
	};
}

// A flag overrides an option after the config was validated, so it is held to the option's own schema.
function parseFlag<T>(flag: string, schema: z.ZodType<T>, value: string): T {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	throw new HalflifeError('UsageError', { params: { detail: `${flag} ${parsed.error.issues.map((issue) => issue.message).join('; ')}, not \`${value}\`.` } });
}

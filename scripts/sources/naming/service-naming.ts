import { z } from 'astro/zod';

/**
 * Kubernetes' `rand.SafeEncodeString` alphabet: no vowels and no 0, 1, 3, so generated suffixes
 * never spell words. Pod-template hashes and pod suffixes are drawn from it.
 */
const K8S_SAFE = '[bcdfghjklmnpqrstvwxz2456789]';

/** A rewrite of service names: every match of `pattern` is replaced by `replacement` (`$1` and `$<name>` work). */
export interface NamingRule {
	/** A JavaScript regular expression, as source text. */
	pattern: string;
	/** The replacement, as `String.prototype.replace` takes it. */
	replacement: string;
}

/**
 * Built-in rules, by name.
 * - `kubernetes-pod`: a Deployment's pod, `<name>-<pod-template hash>-<5-char suffix>`
 *   (`frontend-579b9bff58-t2dbm` → `frontend`). The hash is 6–10 characters of the safe alphabet
 *   (or 8–10 digits, as Kubernetes before 1.8 wrote it), the suffix 5; on by default.
 * - `kubernetes-statefulset`: a StatefulSet's pod, `<name>-<ordinal>` (`redis-0` → `redis`). Off by
 *   default: `api-2` is just as often a separate service as a replica, and merging two services
 *   silently is worse than showing a replica as its own node, which a rule can then fix.
 * - `kubernetes-daemonset`: a DaemonSet's (or bare ReplicaSet's / Job's) pod, `<name>-<5-char suffix>`
 *   (`fluentd-x7k2q` → `fluentd`). Off by default for the same reason.
 */
export const BUILTIN_NAMING_RULES = {
	'kubernetes-pod': { pattern: `^(.+)-(?:${K8S_SAFE}{6,10}|[0-9]{8,10})-${K8S_SAFE}{5}$`, replacement: '$1' },
	'kubernetes-statefulset': { pattern: '^(.+)-(?:0|[1-9][0-9]{0,3})$', replacement: '$1' },
	'kubernetes-daemonset': { pattern: `^(.+)-${K8S_SAFE}{5}$`, replacement: '$1' },
} as const satisfies Record<string, NamingRule>;

/** Name of a built-in naming rule. */
export type BuiltinNamingRule = keyof typeof BUILTIN_NAMING_RULES;

const builtinNames = Object.keys(BUILTIN_NAMING_RULES) as [BuiltinNamingRule, ...BuiltinNamingRule[]];

/** Options for service-name normalization, as a source's `naming` option takes them. */
export const namingOptionsSchema = z.strictObject({
	/** Built-in rules to apply, in order, before `rules`. Default: `['kubernetes-pod']`; `[]` turns folding off. */
	builtins: z.array(z.enum(builtinNames)).default(['kubernetes-pod']),
	/** Your own rules, applied in order after the built-ins, each to the previous one's result. */
	rules: z
		.array(
			z.strictObject({
				pattern: z
					.string()
					.min(1)
					.refine(compiles, { message: 'must be a valid JavaScript regular expression' }),
				replacement: z.string(),
			}),
		)
		.default([]),
});

/** Naming options as a user writes them (every field optional). */
export type NamingOptions = z.input<typeof namingOptionsSchema>;

/** Turns the service names telemetry reports into the names pages use, remembering what it folded. */
export interface Namer {
	/** The normalized name of `raw`; `raw` itself when no rule changes it (or a rule would empty it). */
	normalize(raw: string): string;
}

// Service names are few; the cap only guards against telemetry that puts an id in `service.name`.
const CACHE_LIMIT = 10_000;

/**
 * Creates a namer from options (validated; throws zod's error on bad ones, so callers parse first
 * when they want their own message). Rules run in order, each on the previous result, with
 * the global flag (every match is replaced). Results are cached per raw name.
 */
export function createNamer(options: NamingOptions = {}): Namer {
	const { builtins, rules } = namingOptionsSchema.parse(options);
	const compiled = [...builtins.map((name) => BUILTIN_NAMING_RULES[name]), ...rules].map((rule) => ({
		regex: new RegExp(rule.pattern, 'g'),
		replacement: rule.replacement,
	}));
	const cache = new Map<string, string>();
	return {
		normalize(raw) {
			const cached = cache.get(raw);
			if (cached !== undefined) return cached;
			let name = raw;
			for (const rule of compiled) name = name.replace(rule.regex, rule.replacement);
			name = name.trim();
			if (name === '') name = raw;
			if (cache.size < CACHE_LIMIT) cache.set(raw, name);
			return name;
		},
	};
}

const defaultNamer = createNamer();

/** Normalizes one service name with the default rules (`kubernetes-pod` only). */
export function normalizeServiceName(raw: string): string {
	return defaultNamer.normalize(raw);
}

function compiles(pattern: string): boolean {
	try {
		new RegExp(pattern, 'g');
		return true;
	} catch {
		return false;
	}
}

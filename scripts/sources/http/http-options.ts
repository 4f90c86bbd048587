import { z } from 'astro/zod';
import { HalflifeError } from '../../errors/halflife-error.ts';

/** Default `maxAnswerBytes`: 32 MiB, tens of thousands of edges or traces, and a few hundred MB of memory at most once parsed. */
export const DEFAULT_MAX_ANSWER_BYTES = 32 * 1024 * 1024;
/** The most `maxAnswerBytes` may be: V8 strings cannot hold much more than 512 MiB, and parsing takes several times the text. */
const MAX_ANSWER_BYTES_LIMIT = 256 * 1024 * 1024;

// A name, never a value: a pasted token fails this, and the message does not echo it.
const envName = z
	.string()
	.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the NAME of an environment variable (letters, digits, _), not the secret itself');

/** How to authenticate to a telemetry backend: names of environment variables that hold the secrets, never the secrets. */
export const httpAuthSchema = z.discriminatedUnion('type', [
	z.strictObject({
		/** `Authorization: Bearer <token>`. */
		type: z.literal('bearer'),
		/** Name of the environment variable that holds the token. */
		tokenEnv: envName,
	}),
	z.strictObject({
		/** HTTP basic authentication. */
		type: z.literal('basic'),
		/** Name of the environment variable that holds the user name. */
		usernameEnv: envName,
		/** Name of the environment variable that holds the password. */
		passwordEnv: envName,
	}),
]);

/** The `auth` option after validation. */
export type HttpAuth = z.output<typeof httpAuthSchema>;

// Refinements may run on text `z.url()` already rejected, so they must not throw on it.
function parsedUrl(text: string): URL | undefined {
	return URL.canParse(text) ? new URL(text) : undefined;
}

/** Options every HTTP telemetry source shares: where the backend is, how patiently to ask it, and as whom. */
export const httpConnectionOptionsShape = {
	/**
	 * Base URL of the backend's API, such as `http://localhost:9411` (Zipkin), `http://localhost:16686`
	 * (Jaeger) or `http://prometheus:9090`, with any path prefix it is served under. Credentials do not
	 * belong in it: name environment variables in `auth` instead.
	 */
	url: z
		.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
		.refine((text) => {
			const url = parsedUrl(text);
			return !url || (url.username === '' && url.password === '');
		}, 'must not hold credentials: put them in environment variables named in `auth`')
		.refine((text) => {
			const url = parsedUrl(text);
			return !url || (url.search === '' && url.hash === '' && !text.includes('?') && !text.includes('#'));
		}, 'must be the base URL, without a query or fragment'),
	/** Milliseconds to wait for each answer, body included. */
	timeoutMs: z.int().positive().max(600_000).default(10_000),
	/**
	 * Largest answer read, in bytes (after decompression): a bigger one is refused with an error
	 * that names the source and this bound, so memory stays bounded whatever the backend (or a
	 * misrouted proxy) sends. Parsed, an answer takes several times its size in memory.
	 */
	maxAnswerBytes: z
		.int()
		.positive()
		.max(MAX_ANSWER_BYTES_LIMIT, 'can be at most 256 MiB (268435456): a JavaScript string cannot hold much more')
		.default(DEFAULT_MAX_ANSWER_BYTES),
	/** Further attempts after a failed request (network error, timeout, HTTP 429 or 5xx), with doubling delays. */
	retries: z.int().nonnegative().max(10).default(2),
	/** Milliseconds before the first retry; each next one waits twice as long. */
	retryDelayMs: z.int().nonnegative().max(60_000).default(500),
	/** Credentials, read from the named environment variables at each request. */
	auth: httpAuthSchema.optional(),
};

/** Options of the HTTP tracing sources (Zipkin, Jaeger): the connection, and how much to fetch. */
export const httpSourceOptionsShape = {
	...httpConnectionOptionsShape,
	/**
	 * `dependencies`: one request for the backend's aggregated dependency links (call counts, no
	 * times or latency). `traces`: fetch traces and derive the graph from their spans (times,
	 * latency, databases and queues), limited to `limit` traces, so counts are from a sample.
	 */
	mode: z.enum(['traces', 'dependencies']).default('dependencies'),
	/** Most traces to fetch per query in `traces` mode. */
	limit: z.int().positive().max(100_000).default(100),
};

/**
 * Validates a source's options, turning problems into `ConfigInvalid` that names the source.
 */
export function parseSourceOptions<S extends z.ZodType>(schema: S, options: unknown, sourceName: string): z.output<S> {
	const parsed = schema.safeParse(options);
	if (!parsed.success) {
		throw new HalflifeError('ConfigInvalid', {
			params: { detail: `Options of the ${sourceName} telemetry source: ${z.prettifyError(parsed.error)}` },
		});
	}
	return parsed.data;
}

/** The base URL without a trailing slash, so API paths can be appended. */
export function baseUrl(url: string): string {
	return url.replace(/\/+$/, '');
}

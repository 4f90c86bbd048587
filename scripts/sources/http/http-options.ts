import { z } from 'astro/zod';
import { HalflifeError } from '../../errors/halflife-error.ts';

/** How to authenticate to a tracing backend: names of environment variables that hold the secrets, never the secrets. */
export const httpAuthSchema = z.discriminatedUnion('type', [
	z.strictObject({
		/** `Authorization: Bearer <token>`. */
		type: z.literal('bearer'),
		/** Name of the environment variable that holds the token. */
		tokenEnv: z.string().min(1),
	}),
	z.strictObject({
		/** HTTP basic authentication. */
		type: z.literal('basic'),
		/** Name of the environment variable that holds the user name. */
		usernameEnv: z.string().min(1),
		/** Name of the environment variable that holds the password. */
		passwordEnv: z.string().min(1),
	}),
]);

/** Options every HTTP telemetry source shares. */
export const httpSourceOptionsShape = {
	/**
	 * Base URL of the backend's query service, such as `http://localhost:9411` (Zipkin) or
	 * `http://localhost:16686` (Jaeger), with any path prefix it is served under. Credentials do not
	 * belong in it: name environment variables in `auth` instead.
	 */
	url: z
		.url({ protocol: /^https?$/ })
		.refine((text) => {
			const url = new URL(text);
			return url.username === '' && url.password === '';
		}, 'put credentials in environment variables named in `auth`, not in the URL')
		.refine((text) => {
			const url = new URL(text);
			return url.search === '' && url.hash === '';
		}, 'the URL must not have a query or fragment'),
	/**
	 * `dependencies`: one request for the backend's aggregated dependency links (call counts, no
	 * times or latency). `traces`: fetch traces and derive the graph from their spans (times,
	 * latency, databases and queues), limited to `limit` traces, so counts are from a sample.
	 */
	mode: z.enum(['traces', 'dependencies']).default('dependencies'),
	/** Most traces to fetch per query in `traces` mode. */
	limit: z.int().positive().max(100_000).default(100),
	/** Milliseconds to wait for each answer. */
	timeoutMs: z.int().positive().default(10_000),
	/** Further attempts after a failed request (network error, timeout, HTTP 429 or 5xx), with doubling delays. */
	retries: z.int().nonnegative().max(10).default(2),
	/** Milliseconds before the first retry; each next one waits twice as long. */
	retryDelayMs: z.int().nonnegative().default(500),
	/** Credentials, read from environment variables when the source loads. */
	auth: httpAuthSchema.optional(),
};

/** Options of an HTTP source after defaults. */
export type HttpSourceOptions = z.output<z.ZodObject<typeof httpSourceOptionsShape>>;

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

/**
 * The `Authorization` header for the options' `auth`, read from the environment now. A variable
 * that is not set is a `ConfigInvalid` naming the variable, never its value.
 */
export function authorizationHeader(
	auth: HttpSourceOptions['auth'],
	sourceName: string,
	env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
	if (!auth) return {};
	const read = (name: string, field: string): string => {
		const value = env[name];
		if (value === undefined || value === '') {
			throw new HalflifeError('ConfigInvalid', {
				params: { detail: `The environment variable ${name}, named in \`auth.${field}\` of the ${sourceName} telemetry source, is not set.` },
			});
		}
		return value;
	};
	if (auth.type === 'bearer') return { authorization: `Bearer ${read(auth.tokenEnv, 'tokenEnv')}` };
	const user = read(auth.usernameEnv, 'usernameEnv');
	const password = read(auth.passwordEnv, 'passwordEnv');
	return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

/** The base URL without a trailing slash, so API paths can be appended. */
export function baseUrl(url: string): string {
	return url.replace(/\/+$/, '');
}

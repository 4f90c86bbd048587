import { setTimeout as sleep } from 'node:timers/promises';
import { HalflifeError } from '../../errors/halflife-error.ts';
import { formatBytes } from '../../lib/format-bytes.ts';
import { attemptRequest } from './http-attempt.ts';
import type { HttpAuth } from './http-options.ts';

/** Who asks a telemetry backend, how patiently, and with which credentials. */
export interface HttpClientOptions {
	/** The telemetry source's name for messages, such as `zipkin`. */
	source: string;
	/** The backend's name for the error hint, such as `Zipkin`. */
	backend: string;
	/** Milliseconds to wait for the whole answer of one attempt. */
	timeoutMs: number;
	/** Most bytes of an answer read; a bigger one is refused with `TelemetryAnswerTooLarge`. */
	maxAnswerBytes: number;
	/** How to ask this backend for less, for the too-large hint: `narrow \`selector\``, say. */
	narrow: string;
	/** Further attempts after a retryable failure. */
	retries: number;
	/** Milliseconds before the first retry; doubles each time. */
	retryDelayMs: number;
	/** Environment variables that hold the credentials, read at each request. */
	auth?: HttpAuth | undefined;
}

/** An answer the server gave: its status and body. */
export interface HttpAnswer {
	/** HTTP status code. */
	status: number;
	/** HTTP reason phrase, possibly empty. */
	statusText: string;
	/** The body as text; for an answer that is not 2xx, with the request's secrets already redacted. */
	text: string;
}

/** What an answer means: a value, or why it failed and whether asking again may help. */
export type AnswerReading<T> = { value: T } | { failure: string; retryable: boolean };

/** Turns an answer, whatever its status, into a value or a failure. */
export type AnswerReader<T> = (answer: HttpAnswer) => AnswerReading<T>;

/** Whether an HTTP status is worth retrying: 429 and 5xx are passing, other 4xx are not. */
export function isRetryableStatus(status: number): boolean {
	return status === 429 || status >= 500;
}

/** Untrusted text as one short quoted line, safe to put in a message. */
export function quotedExcerpt(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return JSON.stringify(line.length > 300 ? `${line.slice(0, 300)}…` : line);
}

/** The failure for an answer that is not 2xx: its status and what the server said. */
export function rejection(answer: HttpAnswer): { failure: string; retryable: boolean } {
	const status = `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
	const said = answer.text.trim() === '' ? '' : `, saying ${quotedExcerpt(answer.text)}`;
	return { failure: `the server answered ${status}${said}`, retryable: isRetryableStatus(answer.status) };
}

/**
 * GETs `url` and returns the body of a 2xx answer as text. Throws as `httpPostForm` does.
 */
export function httpGetText(url: URL, client: HttpClientOptions): Promise<string> {
	return request(url, undefined, client, readText, undefined);
}

/**
 * POSTs `form` URL-encoded to `url` and returns what `read` makes of the answer. Network errors,
 * timeouts and failures `read` calls retryable are retried with doubling delays. Throws
 * `TelemetryCredentialsMissing` before any request when a variable named in `auth` is unset,
 * `TelemetryAnswerTooLarge` for an answer past `maxAnswerBytes` (not retried), and
 * `TelemetryUnavailable` naming the URL, what happened and the `purpose` (such as `calls query`),
 * with every secret redacted. See `attemptRequest` for the bounds on each attempt.
 */
export function httpPostForm<T>(url: URL, form: URLSearchParams, client: HttpClientOptions, read: AnswerReader<T>, purpose?: string): Promise<T> {
	return request(url, form, client, read, purpose);
}

function readText(answer: HttpAnswer): AnswerReading<string> {
	return answer.status >= 200 && answer.status < 300 ? { value: answer.text } : rejection(answer);
}

async function request<T>(
	url: URL,
	form: URLSearchParams | undefined,
	client: HttpClientOptions,
	read: AnswerReader<T>,
	purpose: string | undefined,
): Promise<T> {
	// Read now, not at configuration time, so no options object ever holds a secret.
	const { headers, secrets } = credentials(client);
	const attempts = client.retries + 1;
	let failure = '';
	let gaveUp = '';
	for (let attempt = 1; attempt <= attempts; attempt++) {
		if (attempt > 1) await sleep(client.retryDelayMs * 2 ** (attempt - 2));
		const outcome = await attemptRequest(url, { form, headers, timeoutMs: client.timeoutMs, maxAnswerBytes: client.maxAnswerBytes });
		if ('tooLarge' in outcome) {
			throw new HalflifeError('TelemetryAnswerTooLarge', {
				params: {
					source: client.source,
					url: redact(url.href, secrets),
					read: formatBytes(outcome.tooLarge),
					bound: formatBytes(client.maxAnswerBytes),
					narrow: client.narrow,
					backend: client.backend,
				},
			});
		}
		let reading: AnswerReading<T>;
		if ('failure' in outcome) reading = outcome;
		else {
			const ok = outcome.status >= 200 && outcome.status < 300;
			// A careless proxy may echo the credentials it got; a 2xx body is data and stays intact.
			reading = read(ok ? outcome : { ...outcome, text: redact(outcome.text, secrets) });
		}
		if ('value' in reading) return reading.value;
		failure = reading.failure;
		if (!reading.retryable) break;
		if (attempt === attempts && attempts > 1) gaveUp = ` (gave up after ${attempts} attempts)`;
	}
	const detail = `${failure}${purpose ? `, for the ${purpose}` : ''}${gaveUp}`;
	throw new HalflifeError('TelemetryUnavailable', {
		params: { url: redact(url.href, secrets), detail: redact(detail, secrets), backend: client.backend },
	});
}

function credentials(client: HttpClientOptions): { headers: Record<string, string>; secrets: string[] } {
	const { auth } = client;
	if (!auth) return { headers: {}, secrets: [] };
	const read = (variable: string, what: string): string => {
		const value = process.env[variable];
		if (value === undefined || value === '') {
			throw new HalflifeError('TelemetryCredentialsMissing', { params: { source: client.source, what, variable } });
		}
		return value;
	};
	if (auth.type === 'bearer') {
		const token = read(auth.tokenEnv, 'bearer token');
		return { headers: { authorization: `Bearer ${token}` }, secrets: [token] };
	}
	const username = read(auth.usernameEnv, 'user name');
	const password = read(auth.passwordEnv, 'password');
	const encoded = Buffer.from(`${username}:${password}`).toString('base64');
	return { headers: { authorization: `Basic ${encoded}` }, secrets: [password, encoded] };
}

function redact(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) if (secret !== '') result = result.split(secret).join('[redacted]');
	return result;
}

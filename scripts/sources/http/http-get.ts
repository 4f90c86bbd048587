import { setTimeout as sleep } from 'node:timers/promises';
import { HalflifeError } from '../../errors/halflife-error.ts';

/** How to make one GET request: headers, patience and retries. */
export interface HttpGetOptions {
	/** Extra request headers (credentials among them: never logged or put in messages). */
	headers: Record<string, string>;
	/** Milliseconds to wait for the whole answer of one attempt. */
	timeoutMs: number;
	/** Further attempts after a retryable failure. */
	retries: number;
	/** Milliseconds before the first retry; doubles each time. */
	retryDelayMs: number;
	/** The backend's name for the error hint, such as `Zipkin`. */
	backend: string;
}

/**
 * GETs `url` and returns the body of a 2xx answer as text. Network errors, timeouts, HTTP 429 and
 * 5xx are retried with doubling delays; other answers are not. Gives up with `TelemetryUnavailable`
 * naming the URL (which carries no credentials) and what happened.
 */
export async function httpGetText(url: URL, options: HttpGetOptions): Promise<string> {
	const attempts = options.retries + 1;
	let failure = '';
	for (let attempt = 1; attempt <= attempts; attempt++) {
		if (attempt > 1) await sleep(options.retryDelayMs * 2 ** (attempt - 2));
		const outcome = await attemptGet(url, options);
		if ('text' in outcome) return outcome.text;
		failure = outcome.failure;
		if (!outcome.retryable) break;
		if (attempt === attempts && attempts > 1) failure += ` (gave up after ${attempts} attempts)`;
	}
	throw new HalflifeError('TelemetryUnavailable', { params: { url: url.href, detail: failure, backend: options.backend } });
}

async function attemptGet(url: URL, options: HttpGetOptions): Promise<{ text: string } | { failure: string; retryable: boolean }> {
	let response: Response;
	const signal = AbortSignal.timeout(options.timeoutMs);
	try {
		response = await fetch(url, { headers: { accept: 'application/json', ...options.headers }, signal, redirect: 'follow' });
	} catch (error) {
		return { failure: networkFailure(error, options.timeoutMs), retryable: true };
	}
	let text: string;
	try {
		text = await response.text();
	} catch (error) {
		return { failure: networkFailure(error, options.timeoutMs), retryable: true };
	}
	if (response.ok) return { text };
	const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
	const body = text.trim();
	// The body is the backend's own explanation; shown short and escaped, as it is untrusted.
	const said = body === '' ? '' : `, saying ${JSON.stringify(body.length > 200 ? `${body.slice(0, 200)}…` : body)}`;
	return { failure: `the server answered ${status}${said}`, retryable: response.status === 429 || response.status >= 500 };
}

function networkFailure(error: unknown, timeoutMs: number): string {
	const name = (error as Error | undefined)?.name;
	if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
	const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
	const code = typeof cause?.code === 'string' ? cause.code : undefined;
	if (code === 'ECONNREFUSED') return 'the connection was refused (ECONNREFUSED): nothing listens there';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host name does not resolve (${code})`;
	if (code !== undefined) return `the request failed (${code})`;
	const message = typeof cause?.message === 'string' ? cause.message : (error as Error | undefined)?.message;
	return `the request failed (${message ?? 'unknown network error'})`;
}

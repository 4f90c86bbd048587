import { formatBytes } from '../../lib/format-bytes.ts';

/** How one attempt asks: the request, how long it may take, and how much it may read. */
export interface AttemptOptions {
	/** Form fields to POST URL-encoded; absent for a GET. */
	form: URLSearchParams | undefined;
	/** Extra request headers (credentials). */
	headers: Record<string, string>;
	/** Milliseconds for the whole attempt, redirects and body included. */
	timeoutMs: number;
	/** Most bytes of body read (decompressed); past it the answer is refused. */
	maxAnswerBytes: number;
}

/** What one attempt got: an answer, an answer refused for its size, or a failure and whether asking again may help. */
export type AttemptOutcome =
	| { status: number; statusText: string; text: string }
	| { tooLarge: number }
	| { failure: string; retryable: boolean };

/** Most redirects followed in one attempt: enough for a trailing slash or a move to https, never a loop. */
export const MAX_REDIRECTS = 5;

const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * One request with bounds on everything a server controls: one timeout for the whole attempt (a
 * server that trickles its answer times out too), redirects followed only on the same host (or
 * from http to https on it, so credentials never leave it) and at most `MAX_REDIRECTS` of them,
 * and the body read as a stream and refused once it passes `maxAnswerBytes` (or declares more),
 * so memory stays bounded whatever is sent.
 */
export async function attemptRequest(url: URL, options: AttemptOptions): Promise<AttemptOutcome> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), options.timeoutMs);
	let received: number | undefined;
	try {
		let current = url;
		let form = options.form;
		for (let redirects = 0; ; redirects++) {
			const response = await fetch(current, {
				method: form ? 'POST' : 'GET',
				headers: { accept: 'application/json', ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...options.headers },
				body: form?.toString(),
				signal: controller.signal,
				redirect: 'manual',
			});
			if (!REDIRECTS.has(response.status)) {
				received = 0;
				const body = await readBounded(response, options.maxAnswerBytes, (bytes) => (received = bytes));
				return 'tooLarge' in body ? body : { status: response.status, statusText: response.statusText, text: body.text };
			}
			await response.body?.cancel();
			const next = redirectTarget(current, response.headers.get('location'));
			if (typeof next === 'string') return { failure: next, retryable: false };
			if (redirects === MAX_REDIRECTS) {
				return { failure: `the server redirected more than ${MAX_REDIRECTS} times, the last to ${next.href} (a redirect loop?); set \`url\` to where the API answers`, retryable: false };
			}
			// As browsers do: a 303, or a 301/302 after a POST, asks again with a GET.
			if (response.status === 303 || (form && (response.status === 301 || response.status === 302))) form = undefined;
			current = next;
		}
	} catch (error) {
		if (!controller.signal.aborted) return { failure: networkFailure(error), retryable: true };
		const detail = received === undefined ? `no answer within ${options.timeoutMs} ms` : `the answer did not finish within ${options.timeoutMs} ms (${formatBytes(received)} received)`;
		return { failure: detail, retryable: true };
	} finally {
		clearTimeout(timer);
	}
}

/** Reads a body up to `max` bytes, decoded as UTF-8 (a BOM dropped); more, or a declared length over it, is refused unread. */
async function readBounded(response: Response, max: number, onProgress: (bytes: number) => void): Promise<{ text: string } | { tooLarge: number }> {
	const declared = Number(response.headers.get('content-length') ?? Number.NaN);
	if (declared > max) {
		await response.body?.cancel();
		return { tooLarge: declared };
	}
	if (!response.body) return { text: '' };
	const chunks: Uint8Array[] = [];
	let size = 0;
	const reader = response.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		onProgress(size);
		if (size > max) {
			await reader.cancel();
			return { tooLarge: size };
		}
		chunks.push(value);
	}
	return { text: new TextDecoder().decode(Buffer.concat(chunks, size)) };
}

// Only the same host: a redirect elsewhere would carry the credentials to it, and usually means a misrouted `url`.
function redirectTarget(from: URL, location: string | null): URL | string {
	if (!location) return 'the server redirected without saying where (no Location header)';
	if (!URL.canParse(location, from)) return 'the server redirected to an address that is not a URL';
	const to = new URL(location, from);
	const sameOrigin = to.origin === from.origin;
	const upgrade = to.hostname === from.hostname && from.protocol === 'http:' && to.protocol === 'https:' && (to.port === '' || to.port === '443');
	if (sameOrigin || upgrade) return to;
	return `the server redirected to another host, ${to.origin}: Halflife follows redirects only on the same host, so credentials never leave it; set \`url\` to the address the API answers at`;
}

function networkFailure(error: unknown): string {
	const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
	const code = typeof cause?.code === 'string' ? cause.code : undefined;
	if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED): nothing listens there';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host name does not resolve (${code})`;
	if (cause?.message === 'bad port') return 'fetch refuses to connect to this port (a port blocked as unsafe, such as 9 or 6000); serve the API on another';
	if (code !== undefined) return `the request failed (${code})`;
	const message = typeof cause?.message === 'string' ? cause.message : (error as Error | undefined)?.message;
	return `the request failed (${message ?? 'unknown network error'})`;
}

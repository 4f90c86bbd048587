import { z } from 'astro/zod';
import { HalflifeError } from '../../errors/halflife-error.ts';

/** How to reach a Prometheus HTTP API: where, with which headers, how patiently. */
export interface PrometheusClient {
	/** Base URL, without a trailing slash; `/api/v1/query` is appended. */
	baseUrl: string;
	/** The URL as messages and the snapshot show it (no credentials, query or fragment). */
	display: string;
	/** Extra request headers (authorization). */
	headers: Record<string, string>;
	/** Values that must never appear in an error message (tokens, passwords). */
	secrets: string[];
	/** Per-attempt time limit in milliseconds, body included. */
	timeoutMs: number;
	/** Extra attempts after a network error, a timeout, HTTP 429 or 5xx. */
	retries: number;
	/** Wait before the first retry, doubled before each further one. */
	retryDelayMs: number;
}

/** One series of an instant-vector result: its labels and its value (NaN and ±Inf kept as numbers). */
export interface VectorSample {
	metric: Record<string, string>;
	value: number;
}

const responseSchema = z.object({
	status: z.enum(['success', 'error']),
	data: z
		.object({
			resultType: z.string(),
			result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) })),
		})
		.optional(),
	errorType: z.string().optional(),
	error: z.string().optional(),
});

type Attempt = { ok: true; samples: VectorSample[] } | { ok: false; retry: boolean; detail: string };

/**
 * Runs an instant PromQL query at `time` and returns the vector it yields. Retries transient
 * failures with exponential backoff; throws `TelemetryUnavailable` (secrets redacted) when the
 * server cannot be reached, times out, answers with an HTTP error or a Prometheus error.
 */
export async function queryPrometheus(client: PrometheusClient, query: string, time: Date, purpose: string): Promise<VectorSample[]> {
	let last: Attempt | undefined;
	for (let attempt = 0; attempt <= client.retries; attempt++) {
		if (attempt > 0) await sleep(client.retryDelayMs * 2 ** (attempt - 1));
		last = await attemptQuery(client, query, time);
		if (last.ok) return last.samples;
		if (!last.retry) break;
	}
	const failed = last as Extract<Attempt, { ok: false }>;
	const tries = failed.retry && client.retries > 0 ? ` (${client.retries + 1} attempts)` : '';
	throw new HalflifeError('TelemetryUnavailable', {
		params: { backend: 'Prometheus', url: client.display, detail: redact(`${failed.detail}, for the ${purpose} query${tries}`, client.secrets) },
	});
}

async function attemptQuery(client: PrometheusClient, query: string, time: Date): Promise<Attempt> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), client.timeoutMs);
	let status: number;
	let statusText: string;
	let text: string;
	try {
		const response = await fetch(`${client.baseUrl}/api/v1/query`, {
			method: 'POST',
			headers: { ...client.headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
			body: new URLSearchParams({ query, time: (time.getTime() / 1000).toFixed(3) }).toString(),
			signal: controller.signal,
			redirect: 'error',
		});
		status = response.status;
		statusText = response.statusText;
		text = await response.text();
	} catch (error) {
		if (controller.signal.aborted) return { ok: false, retry: true, detail: `no answer within ${client.timeoutMs} ms` };
		return { ok: false, retry: true, detail: describeNetworkError(error) };
	} finally {
		clearTimeout(timer);
	}

	let body: z.infer<typeof responseSchema> | undefined;
	try {
		const parsed = responseSchema.safeParse(JSON.parse(text));
		if (parsed.success) body = parsed.data;
	} catch {
		// Not JSON: a proxy's error page, say; reported by status below.
	}
	const retry = status === 429 || status >= 500;
	if (body?.status === 'error') {
		return { ok: false, retry, detail: `HTTP ${status}, Prometheus says ${body.errorType ?? 'error'}: ${excerpt(body.error ?? '')}` };
	}
	if (status < 200 || status >= 300) {
		const said = excerpt(text);
		return { ok: false, retry, detail: `HTTP ${status}${statusText ? ` ${statusText}` : ''}${said ? `: ${said}` : ''}` };
	}
	if (!body?.data) return { ok: false, retry: false, detail: `the answer is not a Prometheus API response: ${excerpt(text)}` };
	if (body.data.resultType !== 'vector') {
		return { ok: false, retry: false, detail: `expected an instant vector, got a ${body.data.resultType}` };
	}
	// Prometheus writes special floats as strings ("NaN", "+Inf"); Number() reads them all.
	return { ok: true, samples: body.data.result.map((series) => ({ metric: series.metric, value: Number(series.value[1]) })) };
}

function describeNetworkError(error: unknown): string {
	const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
	const code = typeof cause?.code === 'string' ? cause.code : undefined;
	if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED): nothing listens there';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host name does not resolve (${code})`;
	if (cause?.message === 'bad port') return 'fetch refuses to connect to this port (a port blocked as unsafe, such as 9 or 6000); serve the API on another';
	const message = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
	return code ? `${message} (${code})` : message;
}

// Error bodies can be HTML pages or long traces; one short line is enough to tell what happened.
function excerpt(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function redact(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) if (secret !== '') result = result.split(secret).join('[redacted]');
	return result;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

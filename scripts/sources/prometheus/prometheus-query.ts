import { z } from 'astro/zod';
import { httpPostForm, isRetryableStatus, quotedExcerpt, rejection, type AnswerReading, type HttpAnswer, type HttpClientOptions } from '../http/http-client.ts';

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

/**
 * Runs an instant PromQL query at `time` against the Prometheus HTTP API at `baseUrl` (no trailing
 * slash) and returns the vector it yields. Throws as `httpPostForm` does: `TelemetryUnavailable`
 * when the server cannot be reached, times out, answers with an HTTP error or a Prometheus error,
 * naming the `purpose` (such as `calls`).
 */
export function queryPrometheus(baseUrl: string, client: HttpClientOptions, query: string, time: Date, purpose: string): Promise<VectorSample[]> {
	const form = new URLSearchParams({ query, time: (time.getTime() / 1000).toFixed(3) });
	return httpPostForm(new URL(`${baseUrl}/api/v1/query`), form, client, readVector, `${purpose} query`);
}

function readVector(answer: HttpAnswer): AnswerReading<VectorSample[]> {
	let body: z.infer<typeof responseSchema> | undefined;
	try {
		const parsed = responseSchema.safeParse(JSON.parse(answer.text));
		if (parsed.success) body = parsed.data;
	} catch {
		// Not JSON: a proxy's error page, say; reported by status below.
	}
	if (body?.status === 'error') {
		const said = `Prometheus says ${body.errorType ?? 'error'}: ${quotedExcerpt(body.error ?? '')}`;
		return { failure: `the server answered HTTP ${answer.status}, ${said}`, retryable: isRetryableStatus(answer.status) };
	}
	if (answer.status < 200 || answer.status >= 300) return rejection(answer);
	if (!body?.data) return { failure: `the answer is not a Prometheus API response: ${quotedExcerpt(answer.text)}`, retryable: false };
	if (body.data.resultType !== 'vector') {
		return { failure: `expected an instant vector, got a ${body.data.resultType}`, retryable: false };
	}
	// Prometheus writes special floats as strings ("NaN", "+Inf"); Number() reads them all.
	return { value: body.data.result.map((series) => ({ metric: series.metric, value: Number(series.value[1]) })) };
}

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** What `generateZipkinArray` wrote. */
export interface GeneratedZipkin {
	/** Bytes written. */
	bytes: number;
	/** Spans written. */
	spans: number;
	/** Traces written. */
	traces: number;
}

const SERVICES = 30;
const SPANS_PER_TRACE = 8;
const START_US = Date.parse('2026-01-01T00:00:00Z') * 1000;

/**
 * Writes a deterministic Zipkin v2 span array of at least `targetBytes` as one JSON document, the
 * way Zipkin's API and exports write it (one line, no spaces), streamed to disk so the generator
 * itself holds one trace at a time: traces of a CLIENT/SERVER chain across services, with tags.
 */
export async function generateZipkinArray(file: string, targetBytes: number): Promise<GeneratedZipkin> {
	const out = createWriteStream(file, { highWaterMark: 4 * 1024 * 1024 });
	let bytes = 0;
	let traces = 0;
	const write = async (text: string) => {
		bytes += Buffer.byteLength(text);
		if (!out.write(text)) await once(out, 'drain');
	};
	await write('[');
	while (bytes < targetBytes) {
		await write((traces === 0 ? '' : ',') + traceJson(traces));
		traces++;
	}
	await write(']');
	out.end();
	await once(out, 'finish');
	return { bytes, spans: traces * SPANS_PER_TRACE, traces };
}

function traceJson(t: number): string {
	const traceId = (t + 1).toString(16).padStart(32, '0');
	const start = START_US + t * 5000;
	const spans: string[] = [];
	for (let s = 0; s < SPANS_PER_TRACE; s++) {
		const service = `service-${(t + s) % SERVICES}`;
		const id = ((t % 0xffff) * 0x10000 + s + 1).toString(16).padStart(16, '0');
		const parentId = s === 0 ? undefined : ((t % 0xffff) * 0x10000 + s).toString(16).padStart(16, '0');
		spans.push(
			JSON.stringify({
				traceId,
				...(parentId ? { parentId } : {}),
				id,
				kind: s % 2 === 0 ? 'SERVER' : 'CLIENT',
				name: `get /api/v1/resource-${s}`,
				timestamp: start + s * 100,
				duration: 1000 - s * 50,
				localEndpoint: { serviceName: service, ipv4: `10.0.${s}.${t % 250}`, port: 8080 },
				...(s % 2 === 1 ? { remoteEndpoint: { serviceName: `service-${(t + s + 1) % SERVICES}` } } : {}),
				tags: { 'http.method': 'GET', 'http.path': `/api/v1/resource-${s}`, 'http.status_code': '200' },
			}),
		);
	}
	return spans.join(',');
}

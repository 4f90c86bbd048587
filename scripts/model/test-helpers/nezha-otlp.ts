import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

/** One span of a Nezha trace CSV, as its columns say. */
interface CsvSpan {
	traceId: string;
	spanId: string;
	parentId: string | null;
	pod: string;
	operation: string;
	start: bigint;
	end: bigint;
}

// TrainTicket's Spring services answer a failed request through this controller: the only error mark in the capture.
const SPRING_ERROR = 'BasicErrorController.error';
const KIND = { internal: 1, server: 2, client: 3 } as const;

/**
 * Turns a Nezha trace CSV (gzipped, columns TraceID,SpanID,ParentID,PodName,OperationName,
 * StartTimeUnixNano,EndTimeUnixNano,Duration) into OTLP/JSON lines, one request per trace, keeping
 * the traces whose first span starts in [fromMs, toMs). The capture has no kind or status, so they
 * are inferred: a span whose parent is in another pod is SERVER and that parent CLIENT; a root is
 * SERVER; a pod's entry span with a Spring error-controller span under it failed. The pod name is
 * the service name, for the site's naming rules to fold.
 */
export function nezhaToOtlp(file: string, fromMs = -Infinity, toMs = Infinity): NezhaWindow {
	const traces = new Map<string, CsvSpan[]>();
	for (const span of readCsv(file)) {
		const list = traces.get(span.traceId) ?? [];
		list.push(span);
		traces.set(span.traceId, list);
	}
	const lines: string[] = [];
	let [firstMs, lastMs] = [Infinity, -Infinity];
	for (const spans of traces.values()) {
		const first = Number(spans.reduce((min, s) => (s.start < min ? s.start : min), spans[0]!.start) / 1_000_000n);
		if (first < fromMs || first >= toMs) continue;
		lines.push(JSON.stringify(otlpRequest(spans)));
		firstMs = Math.min(firstMs, first);
		lastMs = Math.max(lastMs, ...spans.map((s) => Number(s.end / 1_000_000n)));
	}
	return { jsonl: `${lines.join('\n')}\n`, traces: lines.length, firstMs, lastMs };
}

/** The traces of one window of a capture, as OTLP/JSON lines, and when they begin and end. */
export interface NezhaWindow {
	jsonl: string;
	traces: number;
	/** Start of the earliest trace kept, in ms since the epoch. */
	firstMs: number;
	/** End of the latest span kept. */
	lastMs: number;
}

function readCsv(file: string): CsvSpan[] {
	const [header, ...rows] = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
	const columns = header!.split(',');
	const at = (name: string) => columns.indexOf(name);
	const [trace, span, parent, pod, operation, start, end] = ['TraceID', 'SpanID', 'ParentID', 'PodName', 'OperationName', 'StartTimeUnixNano', 'EndTimeUnixNano'].map(at) as number[];
	return rows.map((row) => {
		const cells = row.split(',');
		return {
			traceId: cells[trace!]!,
			spanId: cells[span!]!,
			parentId: cells[parent!] === 'root' ? null : cells[parent!]!,
			pod: cells[pod!]!,
			operation: cells[operation!]!,
			start: BigInt(cells[start!]!),
			end: BigInt(cells[end!]!),
		};
	});
}

function otlpRequest(spans: CsvSpan[]) {
	const byId = new Map(spans.map((s) => [s.spanId, s]));
	const kinds = new Map<string, number>();
	for (const span of spans) {
		const parent = span.parentId === null ? undefined : byId.get(span.parentId);
		if (span.parentId === null || (parent && parent.pod !== span.pod)) kinds.set(span.spanId, KIND.server);
		if (parent && parent.pod !== span.pod) kinds.set(parent.spanId, KIND.client);
	}
	const failed = new Set<string>();
	for (const span of spans.filter((s) => s.operation.includes(SPRING_ERROR))) failed.add(entryOf(span, byId).spanId);
	const pods = new Map<string, CsvSpan[]>();
	for (const span of spans) pods.set(span.pod, [...(pods.get(span.pod) ?? []), span]);
	return {
		resourceSpans: [...pods].map(([pod, own]) => ({
			resource: { attributes: [{ key: 'service.name', value: { stringValue: pod } }, { key: 'k8s.pod.name', value: { stringValue: pod } }] },
			scopeSpans: [
				{
					spans: own.map((s) => ({
						traceId: s.traceId,
						spanId: s.spanId,
						...(s.parentId === null ? {} : { parentSpanId: s.parentId }),
						name: s.operation,
						kind: kinds.get(s.spanId) ?? KIND.internal,
						startTimeUnixNano: String(s.start),
						endTimeUnixNano: String(s.end),
						...(failed.has(s.spanId) ? { status: { code: 2 } } : {}),
					})),
				},
			],
		})),
	};
}

// The highest span of the same pod above this one: the request the pod was serving.
function entryOf(span: CsvSpan, byId: Map<string, CsvSpan>): CsvSpan {
	let entry = span;
	for (let parent = byId.get(entry.parentId ?? ''); parent && parent.pod === span.pod; parent = byId.get(parent.parentId ?? '')) entry = parent;
	return entry;
}

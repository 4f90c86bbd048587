import type { Rng } from './prng.ts';
import type { SpanAttribute, SpanRecord } from './simulate-trace.ts';

/** Resource attributes to add to every service's resource, after `service.name` and `service.version`. */
export type ResourceAttributes = (service: string) => readonly SpanAttribute[];

/** How to cut spans into lines. */
export interface BatchOptions {
	/** Fewest spans in a line before it is flushed. */
	minSpans: number;
	/** Upper bound of the random flush threshold (a whole trace may push a line a little past it). */
	maxSpans: number;
}

/**
 * Encodes traces (in start order) as OTLP/JSON lines the way the Collector's batch processor and
 * file exporter write them: each line one ExportTraceServiceRequest holding a few hundred spans,
 * grouped by resource and then by instrumentation scope, spans in the order they ended.
 */
export function encodeOtlpLines(traces: readonly (readonly SpanRecord[])[], rng: Rng, resource: ResourceAttributes, batch: BatchOptions): string[] {
	const lines: string[] = [];
	let pending: SpanRecord[] = [];
	let threshold = rng.int(batch.minSpans, batch.maxSpans);
	for (const trace of traces) {
		pending.push(...trace);
		if (pending.length >= threshold) {
			lines.push(encodeRequest(pending, resource));
			pending = [];
			threshold = rng.int(batch.minSpans, batch.maxSpans);
		}
	}
	if (pending.length > 0) lines.push(encodeRequest(pending, resource));
	return lines;
}

function encodeRequest(spans: readonly SpanRecord[], resource: ResourceAttributes): string {
	// Stable sort: spans are exported when they end; ties keep simulation order.
	const ordered = spans.slice().sort((a, b) => a.endUs - b.endUs);
	const byResource = new Map<string, { service: string; version: string; instance: string; scopes: Map<string, SpanRecord[]> }>();
	for (const span of ordered) {
		const key = `${span.service}\u0000${span.version}\u0000${span.instance}`;
		let group = byResource.get(key);
		if (!group) {
			group = { service: span.service, version: span.version, instance: span.instance, scopes: new Map() };
			byResource.set(key, group);
		}
		let scope = group.scopes.get(span.scope);
		if (!scope) {
			scope = [];
			group.scopes.set(span.scope, scope);
		}
		scope.push(span);
	}
	const resourceSpans = [...byResource.values()].map((group) => ({
		resource: {
			attributes: encodeAttributes([
				['service.name', group.service],
				['service.version', group.version],
				['service.instance.id', group.instance],
				...resource(group.service),
			]),
		},
		scopeSpans: [...group.scopes].map(([name, scopeSpans]) => ({ scope: { name }, spans: scopeSpans.map(encodeSpan) })),
	}));
	return JSON.stringify({ resourceSpans });
}

function encodeSpan(span: SpanRecord): Record<string, unknown> {
	// Field order and the empty parent id and status of roots and OK spans follow the Collector's output.
	return {
		traceId: span.traceId,
		spanId: span.spanId,
		parentSpanId: span.parentSpanId ?? '',
		name: span.name,
		kind: span.kind,
		startTimeUnixNano: `${span.startUs}000`,
		endTimeUnixNano: `${span.endUs}000`,
		attributes: encodeAttributes(span.attributes),
		status: span.error ? { code: 2 } : {},
	};
}

function encodeAttributes(attributes: readonly SpanAttribute[]): unknown[] {
	// OTLP/JSON carries 64-bit integers as decimal strings.
	return attributes.map(([key, value]) => ({ key, value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value } }));
}

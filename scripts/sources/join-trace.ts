import type { Access } from './access-evidence.ts';
import { CallFlag, type GraphAggregates } from './graph-aggregates.ts';
import { retriedSpans } from './retried-spans.ts';
import { SpanKind, type InferredCallee, type SpanKindNumber } from './span-input.ts';

/**
 * What is kept of each span until its trace is joined. Deliberately small: the parent id, the
 * service and span names (strings shared with every span of the same name), timing, a few flags
 * and the input it came from.
 */
export interface StoredSpan {
	parentSpanId: string | undefined;
	service: string;
	/** The span's name, interned; only telling retries apart needs it. */
	name: string | undefined;
	/** Whether an attribute said the request had been sent before (a resend count above 0). */
	resent: boolean;
	/** For a call to a database, whether it read or wrote, when known. */
	access: Access | undefined;
	kind: SpanKindNumber;
	error: boolean;
	startMs: number;
	endMs: number;
	durationMs: number | null;
	callee: InferredCallee | undefined;
	/** Which input (file) the span came from; its calls count for that input's view. */
	input: number;
	/** Set while joining: a span of another service names this one as its parent. */
	hasRemoteChild: boolean;
}

// What a store call's access adds to its flags.
const ACCESS_FLAG = { read: CallFlag.READS, write: CallFlag.WRITES, none: 0 } as const;

/**
 * Joins the spans of one trace (by span id) into calls on `graph`, by the rules
 * `createServiceGraphDeriver` lists, and returns how many spans had no parent among them.
 * A call counts for the input of the span that shows it happened: the callee's span for a
 * parent/child call, the caller's own span for a call to something uninstrumented.
 */
export function joinTrace(trace: Map<string, StoredSpan>, graph: GraphAggregates): number {
	let orphans = 0;
	let inErrorTrace = false;
	for (const span of trace.values()) if (span.error) inErrorTrace = true;
	const traceFlags = inErrorTrace ? CallFlag.IN_ERROR_TRACE : 0;
	const retried = retriedSpans(trace);
	const flagsOf = (caller: StoredSpan) => traceFlags | (retried?.has(caller) ? CallFlag.RETRY : 0);
	for (const span of trace.values()) {
		if (span.parentSpanId === undefined) continue;
		const parent = trace.get(span.parentSpanId);
		if (!parent) {
			orphans++;
			continue;
		}
		if (parent.service === span.service) continue;
		const queue = queueBetween(parent, span);
		if (queue) {
			// Each side is recorded once, by the loop below when its own span names the queue.
			if (parent.callee?.kind !== 'queue') {
				graph.touchNode(queue.name, 'queue', parent.startMs, parent.endMs);
				graph.recordCall(parent.service, queue.name, 'messaging', parent, parent.error, parent.input, traceFlags);
				parent.hasRemoteChild = true;
			}
			if (span.callee?.kind !== 'queue') {
				graph.touchNode(queue.name, 'queue', span.startMs, span.endMs);
				graph.recordCall(span.service, queue.name, 'messaging', span, span.error, span.input, traceFlags | CallFlag.CONSUMES);
			}
			continue;
		}
		parent.hasRemoteChild = true;
		const callerTimed = parent.kind === SpanKind.CLIENT || parent.kind === SpanKind.PRODUCER;
		const call = callerTimed ? parent : span;
		graph.recordCall(parent.service, span.service, 'parent-child', call, span.error || (callerTimed && parent.error), span.input, flagsOf(call));
	}
	for (const span of trace.values()) {
		if (span.hasRemoteChild || !span.callee || span.callee.name === span.service) continue;
		const consumesQueue = span.kind === SpanKind.CONSUMER && span.callee.kind === 'queue';
		if (span.kind !== SpanKind.CLIENT && span.kind !== SpanKind.PRODUCER && !consumesQueue) continue;
		graph.touchNode(span.callee.name, span.callee.kind, span.startMs, span.endMs);
		graph.recordCall(span.service, span.callee.name, span.callee.via, span, span.error, span.input, flagsOf(span) | (consumesQueue ? CallFlag.CONSUMES : 0) | ACCESS_FLAG[span.access ?? 'none']);
	}
	return orphans;
}

// The queue a producer/consumer pair went through, named by either side.
function queueBetween(parent: StoredSpan, child: StoredSpan): InferredCallee | undefined {
	if (parent.kind === SpanKind.PRODUCER && parent.callee?.kind === 'queue') return parent.callee;
	if (child.kind === SpanKind.CONSUMER && child.callee?.kind === 'queue') return child.callee;
	return undefined;
}

import type { StoredSpan } from './join-trace.ts';
import { SpanKind } from './span-input.ts';

/**
 * The client spans of one trace that were retries, or undefined when none was: a client span
 * whose resend count says it was sent before, and a client span that repeats an earlier one
 * that failed (same parent span, same service, same name, same callee). The earlier attempt
 * must have failed because a parent calling one operation several times on purpose (a lookup
 * per cart item) is a loop, not a retry, and retry policies (gRPC, Envoy, HTTP clients) resend
 * only after a failure or timeout, which the client span records as an error.
 */
export function retriedSpans(trace: Map<string, StoredSpan>): Set<StoredSpan> | undefined {
	let retried: Set<StoredSpan> | undefined;
	// Client spans by parent, only while one parent has a single one: most do, and need no more work.
	let byParent: Map<string, StoredSpan[]> | undefined;
	let repeated = false;
	for (const span of trace.values()) {
		if (span.kind !== SpanKind.CLIENT) continue;
		if (span.resent) (retried ??= new Set()).add(span);
		if (span.parentSpanId === undefined || span.name === undefined) continue;
		byParent ??= new Map();
		const siblings = byParent.get(span.parentSpanId);
		if (siblings) {
			siblings.push(span);
			repeated = true;
		} else byParent.set(span.parentSpanId, [span]);
	}
	if (!repeated || !byParent) return retried;
	const calleeOf = calleesOf(trace);
	for (const siblings of byParent.values()) {
		if (siblings.length < 2) continue;
		const attempts = new Map<string, StoredSpan[]>();
		for (const span of siblings) {
			const callee = calleeOf.get(span) ?? span.callee?.name;
			if (callee === undefined) continue;
			const key = `${span.service}\u0000${span.name}\u0000${callee}`;
			const same = attempts.get(key);
			if (same) same.push(span);
			else attempts.set(key, [span]);
		}
		for (const same of attempts.values()) {
			same.sort((a, b) => a.startMs - b.startMs);
			let failedBefore = false;
			for (const span of same) {
				if (failedBefore) (retried ??= new Set()).add(span);
				failedBefore ||= span.error;
			}
		}
	}
	return retried;
}

// The service each client span's call reached: the service of a child span of another service.
function calleesOf(trace: Map<string, StoredSpan>): Map<StoredSpan, string> {
	const callees = new Map<StoredSpan, string>();
	for (const span of trace.values()) {
		if (span.parentSpanId === undefined) continue;
		const parent = trace.get(span.parentSpanId);
		if (parent && parent.kind === SpanKind.CLIENT && parent.service !== span.service && !callees.has(parent)) callees.set(parent, span.service);
	}
	return callees;
}

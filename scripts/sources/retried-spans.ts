import type { StoredSpan } from './join-trace.ts';
import { SpanKind } from './span-input.ts';

/**
 * The spans of one trace that stand for a retried call, or undefined when none does. A call's
 * attempt is the caller's CLIENT span, or, when the caller has none, the callee's span under a
 * span of another service. An attempt is a retry when its resend count says it was sent before,
 * or when the attempt just before it with the same parent span, service, name and callee failed.
 * Only a failed previous attempt counts because a parent calling one operation several times on
 * purpose (a lookup per item: HotROD's frontend asks route ten times) is a loop, not a retry, and
 * retry policies (gRPC, Envoy, HTTP clients, HotROD's driver) resend after a failure or timeout,
 * which the attempt's span records as an error.
 */
export function retriedSpans(trace: Map<string, StoredSpan>): Set<StoredSpan> | undefined {
	let retried: Set<StoredSpan> | undefined;
	// Named spans by parent, with no key to build: most parents have one child, which needs no more work.
	const byParent = new Map<string, StoredSpan[]>();
	let repeated = false;
	for (const span of trace.values()) {
		if (span.resent && span.kind === SpanKind.CLIENT) (retried ??= new Set()).add(span);
		if (span.parentSpanId === undefined || span.name === undefined) continue;
		const siblings = byParent.get(span.parentSpanId);
		if (siblings) {
			siblings.push(span);
			repeated = true;
		} else byParent.set(span.parentSpanId, [span]);
	}
	if (!repeated) return retried;
	const calleeOf = calleesOf(trace);
	for (const siblings of byParent.values()) {
		if (siblings.length < 2) continue;
		const attempts = new Map<string, StoredSpan[]>();
		for (const span of siblings) {
			const callee = calledUntimed(span, trace) ?? (span.kind === SpanKind.CLIENT ? (calleeOf.get(span) ?? span.callee?.name) : undefined);
			if (callee === undefined) continue;
			const key = `${span.service}\u0000${span.name}\u0000${callee}`;
			const same = attempts.get(key);
			if (same) same.push(span);
			else attempts.set(key, [span]);
		}
		for (const same of attempts.values()) {
			same.sort((a, b) => a.startMs - b.startMs);
			for (let i = 1; i < same.length; i++) if (same[i - 1]!.error) (retried ??= new Set()).add(same[i]!);
		}
	}
	return retried;
}

// The service a client span's call reached: that of a child span of another service.
function calleesOf(trace: Map<string, StoredSpan>): Map<StoredSpan, string> {
	const callees = new Map<StoredSpan, string>();
	for (const span of trace.values()) {
		if (span.parentSpanId === undefined) continue;
		const parent = trace.get(span.parentSpanId);
		if (parent && parent.kind === SpanKind.CLIENT && parent.service !== span.service && !callees.has(parent)) callees.set(parent, span.service);
	}
	return callees;
}

// A span called by a parent of another service with no client span of its own: its own service is the callee.
function calledUntimed(span: StoredSpan, trace: Map<string, StoredSpan>): string | undefined {
	const parent = trace.get(span.parentSpanId!);
	if (!parent || parent.service === span.service || parent.kind === SpanKind.CLIENT || parent.kind === SpanKind.PRODUCER) return undefined;
	return span.service;
}

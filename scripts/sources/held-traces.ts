import type { StoredSpan } from './join-trace.ts';

/** The spans of traces not joined yet, bounded in memory: see `createServiceGraphDeriver` for the rules. */
export interface HeldTraces {
	/** Holds a span until its trace is joined; `duplicate` (and nothing held) when its trace already holds that span id. */
	hold(traceId: string, spanId: string, span: StoredSpan): 'held' | 'duplicate';
	/** Joins every trace still held; call once, after the last `hold`. */
	flush(): void;
	/** Distinct traces seen (a trace seen again after it was joined counts once while its id is remembered). */
	readonly traces: number;
	/** Spans that arrived after their trace had been joined. */
	readonly lateSpans: number;
	/** Spans ignored because their trace already held the same span id. */
	readonly duplicateSpans: number;
	/** The most spans held at once. */
	readonly peakHeldSpans: number;
}

/** A trace's held spans; `queuedAt` is its place in the idle queue, `touchedAt` its last span (both in spans fed). */
interface HeldTrace {
	traceId: string;
	spans: Map<string, StoredSpan>;
	queuedAt: number;
	touchedAt: number;
}

/**
 * Holds spans by trace and calls `join` with each trace's spans once it has gone idle for
 * `traceIdleSpans` spans, or early, longest idle first, while more than `maxBufferedSpans` are held.
 */
export function createHeldTraces(traceIdleSpans: number, maxBufferedSpans: number, join: (spans: Map<string, StoredSpan>) => void): HeldTraces {
	if (!(traceIdleSpans >= 1) || !(maxBufferedSpans >= 1)) throw new RangeError('traceIdleSpans and maxBufferedSpans must be at least 1');
	const checkEvery = Math.max(1, Math.min(1024, Math.floor(traceIdleSpans / 16)));
	// Held traces by id, and in idle-queue order: a trace touched since it was queued is moved
	// to the back lazily, when it reaches the front, so feeding a span stays O(1). (An array, not
	// the Map's own order: a Map iterator walks every deleted entry before the first live one.)
	const traces = new Map<string, HeldTrace>();
	const queue: (HeldTrace | undefined)[] = [];
	let queueHead = 0;
	// Ids of dropped traces, so a late span does not count its trace twice. Late spans come soon
	// after their trace was dropped, so the last `traceIdleSpans` ids (at least 10,000, which cost
	// under a megabyte) are enough; a ring, not the Set's order, for the same reason as the queue.
	const joinedTraceIds = new Set<string>();
	const joinedLimit = Math.min(Math.max(traceIdleSpans, 10_000), maxBufferedSpans, 2 ** 32 - 1);
	const joinedRing: (string | undefined)[] = [];
	let joinedNext = 0;
	let fed = 0;
	let held = 0;
	const counts = { traces: 0, lateSpans: 0, duplicateSpans: 0, peakHeldSpans: 0 };

	function rememberJoined(traceId: string): void {
		if (joinedTraceIds.has(traceId)) return;
		const forgotten = joinedRing[joinedNext];
		if (forgotten !== undefined) joinedTraceIds.delete(forgotten);
		joinedRing[joinedNext] = traceId;
		joinedNext = (joinedNext + 1) % joinedLimit;
		joinedTraceIds.add(traceId);
	}

	// Joins and drops traces from the front of the queue while they are idle or too much is held.
	function dropIdleTraces(): void {
		while (queueHead < queue.length) {
			const trace = queue[queueHead] as HeldTrace;
			const idle = fed - trace.touchedAt >= traceIdleSpans;
			const touched = trace.touchedAt !== trace.queuedAt;
			if (!idle && held <= maxBufferedSpans && !touched) break;
			queue[queueHead++] = undefined;
			if (!idle && touched) {
				// Touched since it was queued: not the longest idle, so back of the queue.
				trace.queuedAt = trace.touchedAt;
				queue.push(trace);
				continue;
			}
			join(trace.spans);
			held -= trace.spans.size;
			traces.delete(trace.traceId);
			rememberJoined(trace.traceId);
		}
		// Drop the consumed front now and then, so the array does not grow with the input.
		if (queueHead > 4096 && queueHead * 2 > queue.length) {
			queue.splice(0, queueHead);
			queueHead = 0;
		}
	}

	return {
		hold(traceId, spanId, span) {
			let trace = traces.get(traceId);
			if (!trace) {
				if (joinedTraceIds.has(traceId)) counts.lateSpans++;
				else counts.traces++;
				trace = { traceId, spans: new Map(), queuedAt: fed + 1, touchedAt: fed + 1 };
				traces.set(traceId, trace);
				queue.push(trace);
			} else if (trace.spans.has(spanId)) {
				counts.duplicateSpans++;
				return 'duplicate';
			} else if (joinedTraceIds.has(traceId)) {
				counts.lateSpans++;
			}
			fed++;
			trace.touchedAt = fed;
			trace.spans.set(spanId, span);
			held++;
			// Checking every span would cost an iterator per span; a sixteenth of the idle limit is close enough.
			if (fed % checkEvery === 0 || held > maxBufferedSpans) dropIdleTraces();
			if (held > counts.peakHeldSpans) counts.peakHeldSpans = held;
			return 'held';
		},
		flush() {
			for (const trace of traces.values()) join(trace.spans);
			traces.clear();
			queue.length = 0;
			held = 0;
		},
		get traces() {
			return counts.traces;
		},
		get lateSpans() {
			return counts.lateSpans;
		},
		get duplicateSpans() {
			return counts.duplicateSpans;
		},
		get peakHeldSpans() {
			return counts.peakHeldSpans;
		},
	};
}

import type { ShiftOptions } from '../config/shift-options.ts';
import { edgeShift, trafficOf } from './edge-shift.ts';
import type { EdgeChange, Model, ModelEdge } from './model-schema.ts';

/**
 * How long a model's telemetry covered, in milliseconds: from its first to its last span start
 * when known (a collector down half the window halves the calls, not the traffic), else the
 * window's length; null without telemetry.
 */
export function windowMsOf(model: Model): number | null {
	const telemetry = model.telemetry;
	if (!telemetry) return null;
	const starts = telemetry.spanStarts;
	const covered = starts ? Date.parse(starts.last) - Date.parse(starts.first) : 0;
	return covered > 0 ? covered : Date.parse(telemetry.window.end) - Date.parse(telemetry.window.start);
}

/** Compares every edge both models observed; keyed by `from\0to`. */
export function edgeChanges(previous: Model, current: Model, options: ShiftOptions): Map<string, EdgeChange> {
	const key = (e: ModelEdge) => `${e.from}\u0000${e.to}`;
	const before = new Map(previous.edges.filter((e) => e.observed && e.calls > 0).map((e) => [key(e), e]));
	const [windowBefore, windowAfter] = [windowMsOf(previous), windowMsOf(current)];
	const changes = new Map<string, EdgeChange>();
	for (const edge of current.edges) {
		const old = before.get(key(edge));
		if (!old || !edge.observed || edge.calls === 0) continue;
		changes.set(key(edge), edgeShift(previous.build.id, trafficOf(old, windowBefore), trafficOf(edge, windowAfter), options));
	}
	return changes;
}

/**
 * The model with each edge's `change` since the previous build set (null for edges either build
 * did not observe); the build calls it once the previous model is read, so the published model carries it.
 */
export function withEdgeHealth(model: Model, previous: Model | null, options: ShiftOptions): Model {
	const changes = previous ? edgeChanges(previous, model, options) : new Map<string, EdgeChange>();
	return {
		...model,
		edges: model.edges.map((edge) => ({ ...edge, change: changes.get(`${edge.from}\u0000${edge.to}`) ?? null })),
	};
}

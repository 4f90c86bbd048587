import type { ServiceGraphDeriver } from '../derive-service-graph.ts';
import type { FormatSink } from '../formats/telemetry-format.ts';
import { SNAPSHOT_SCHEMA_VERSION, type SourceContext, type TelemetrySnapshot } from '../snapshot.ts';
import { plural } from '../../lib/plural.ts';

/** A format sink that feeds a deriver, counts the spans it counted, and passes warnings to the logger. */
export function deriverSink(graph: ServiceGraphDeriver, ctx: SourceContext, sourceName: string): FormatSink & { counted: number } {
	const sink = {
		counted: 0,
		span(span: Parameters<ServiceGraphDeriver['add']>[0]) {
			if (graph.add(span) === 'counted') sink.counted++;
		},
		link(link: Parameters<ServiceGraphDeriver['addLink']>[0]) {
			graph.addLink(link);
		},
		warn(message: string) {
			ctx.logger.warn(`${sourceName}: ${message}`);
		},
	};
	return sink;
}

/** Finishes the graph and wraps it in a snapshot, as the files sources do, logging what was seen. */
export function finishSnapshot(
	sourceName: string,
	graph: ServiceGraphDeriver,
	inputs: TelemetrySnapshot['source']['inputs'],
	ctx: SourceContext,
): TelemetrySnapshot {
	const { stats, services, edges, duplicateSpans } = graph.finish();
	if (duplicateSpans > 0) ctx.logger.warn(`${sourceName}: ignored ${plural(duplicateSpans, 'span')} seen twice (same trace and span id)`);
	ctx.logger.info(
		`${sourceName}: ${plural(stats.spans, 'span')} in ${plural(stats.traces, 'trace')} from ${plural(inputs.length, 'request')}; ` +
			`${stats.spansOutsideWindow} outside the window, ${stats.orphanSpans} orphan(s); ` +
			`${services.length} node(s), ${edges.length} edge(s)`,
	);
	return {
		schemaVersion: SNAPSHOT_SCHEMA_VERSION,
		source: { name: sourceName, inputs },
		pulledAt: ctx.now.toISOString(),
		window: { start: ctx.window.start.toISOString(), end: ctx.window.end.toISOString() },
		stats,
		services,
		edges,
	};
}

import { z } from 'astro/zod';
import { HalflifeError } from '../errors/halflife-error.ts';
import { combineSnapshots } from './combine-snapshots.ts';
import { filesSource, filesSourceOptionsSchema } from './files-source.ts';
import { telemetryFormats } from './formats/index.ts';
import { jaegerHttpOptionsSchema, jaegerHttpSource } from './http/jaeger-http-source.ts';
import { zipkinHttpOptionsSchema, zipkinHttpSource } from './http/zipkin-http-source.ts';
import { prometheusOptionsSchema, prometheusSource } from './prometheus/prometheus-source.ts';
import { createNamer, namingOptionsSchema } from './naming/service-naming.ts';
import { pullSnapshot } from './pull.ts';
import type { SourceContext, TelemetrySnapshot, TelemetrySource } from './snapshot.ts';

/** Where telemetry comes from: files in the content folder, and any backends configured. */
export const telemetryOptionsSchema = z.strictObject({
	/** Telemetry files or glob patterns, relative to the content folder; each file's format is detected. */
	paths: filesSourceOptionsSchema.shape.paths,
	/** A Zipkin server to pull dependency links or traces from. */
	zipkin: zipkinHttpOptionsSchema.optional(),
	/** A Jaeger query service to pull dependency links or traces from. */
	jaeger: jaegerHttpOptionsSchema.optional(),
	/** A Prometheus (or compatible) server with servicegraph metrics from Tempo or the OpenTelemetry Collector. */
	prometheus: prometheusOptionsSchema.optional(),
	/** How raw service names fold into the names pages use (Kubernetes pod names into their workload, by default). */
	naming: namingOptionsSchema.prefault({}),
});

/** Telemetry options as a user writes them. */
export type TelemetryOptions = z.input<typeof telemetryOptionsSchema>;

/**
 * Pulls every configured source for the context's window and combines their snapshots.
 * Files are optional when a backend is configured: finding none is then not worth a warning.
 * Returns null when there is no telemetry at all, so a site can be built from notes alone.
 * `onProgress` hears how many sources are done, of how many.
 */
export async function pullTelemetry(
	input: TelemetryOptions,
	context: SourceContext,
	onProgress?: (done: number, total: number) => void,
): Promise<TelemetrySnapshot | null> {
	const options = telemetryOptionsSchema.parse(input);
	const ctx: SourceContext = { ...context, namer: context.namer ?? createNamer(options.naming) };
	const backends = [
		options.zipkin && zipkinHttpSource(options.zipkin),
		options.jaeger && jaegerHttpSource(options.jaeger),
		options.prometheus && prometheusSource(options.prometheus),
	].filter((source) => source !== undefined);

	const snapshots: TelemetrySnapshot[] = [];
	// The files are one source, whether any were found or not.
	const total = 1 + backends.length;
	onProgress?.(0, total);
	try {
		snapshots.push(await pullSnapshot(filesSource({ paths: options.paths }, telemetryFormats), ctx));
	} catch (error) {
		if (!(error instanceof HalflifeError && error.name === 'TelemetryNotFound')) throw error;
		if (backends.length === 0) ctx.logger.warn(`${error.message} Building from notes alone: no dependency can be confirmed.`);
	}
	onProgress?.(1, total);
	for (const [index, source] of backends.entries()) {
		snapshots.push(await pullBackend(source, ctx));
		onProgress?.(2 + index, total);
	}
	return snapshots.length === 0 ? null : combineSnapshots(snapshots);
}

// A backend's answer that does not parse is a backend failing (a proxy that cut it short, a shard
// down), not a file a person can fix: it is half a result, which a build can go on without.
async function pullBackend(source: TelemetrySource, ctx: SourceContext): Promise<TelemetrySnapshot> {
	try {
		return await pullSnapshot(source, ctx);
	} catch (error) {
		if (!(error instanceof HalflifeError && error.name === 'TelemetryMalformed')) throw error;
		throw new HalflifeError('TelemetryPartial', { params: { source: source.name, detail: error.message }, cause: error });
	}
}

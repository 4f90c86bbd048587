import { open } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { z } from 'astro/zod';
import { HalflifeError } from '../errors/halflife-error.ts';
import { createServiceGraphDeriver, DEFAULT_MAX_BUFFERED_SPANS, DEFAULT_TRACE_IDLE_SPANS, type ServiceGraphDeriver } from './derive-service-graph.ts';
import { expandPaths } from './expand-paths.ts';
import { skippedForSnapshot } from './formats/skipped-records.ts';
import type { FormatReadOptions, FormatSink, TelemetryFile, TelemetryFormat } from './formats/telemetry-format.ts';
import { inputViews, type InputKind } from './input-views.ts';
import { createNamer, namingOptionsSchema } from './naming/service-naming.ts';
import { SharedSpanSample } from './shared-span-sample.ts';
import {
	SNAPSHOT_SCHEMA_VERSION,
	type Counting,
	type SnapshotInput,
	type SourceContext,
	type TelemetrySnapshot,
	type TelemetrySource,
} from './snapshot.ts';
import { SpanStarts } from './span-starts.ts';
import { plural } from '../lib/plural.ts';

/** Options of the files source: which telemetry files to read. */
export const filesSourceOptionsSchema = z.strictObject({
	/**
	 * Files or glob patterns (`*`, `**`, `?`, `{a,b}`), relative to the content folder unless
	 * absolute. Each file's format is detected from its first bytes, so formats can be mixed.
	 */
	paths: z
		.array(z.string().min(1))
		.min(1)
		.default(['telemetry/**/*.jsonl', 'telemetry/**/*.json', 'telemetry/**/*.gz']),
	/** A trace with no new span for this many spans read is joined and dropped, which bounds memory on huge inputs. */
	traceIdleSpans: z.number().int().positive().default(DEFAULT_TRACE_IDLE_SPANS),
	/** Most spans held at once; past it the longest-idle traces are joined early. */
	maxBufferedSpans: z.number().int().positive().default(DEFAULT_MAX_BUFFERED_SPANS),
	/** Naming rules for this source alone; by default the site's (`telemetry.naming`). */
	naming: namingOptionsSchema.optional(),
});

/** Options of the files source as a user writes them. */
export type FilesSourceOptions = z.input<typeof filesSourceOptionsSchema>;

// Enough of a file to tell formats apart, even pretty-printed ones with long first records.
const HEAD_BYTES = 64 * 1024;

/**
 * A telemetry source over files in any of the given formats: each file's format is detected
 * from its name and first bytes, its spans and links go into one service graph, and a file no
 * format claims is an error that names it and lists the formats understood. Files are views of
 * the traffic (see `inputViews`): span files that hold different traffic add up, while a second
 * export of the same traffic, or a dependency-links file, never adds its calls to another's.
 */
export function filesSource(options: FilesSourceOptions, formats: readonly TelemetryFormat[], name = 'files'): TelemetrySource {
	const parsed = filesSourceOptionsSchema.safeParse(options);
	if (!parsed.success) {
		throw new HalflifeError('ConfigInvalid', {
			params: { detail: `Options of the ${name} telemetry source: ${z.prettifyError(parsed.error)}` },
		});
	}
	const { paths, traceIdleSpans, maxBufferedSpans, naming } = parsed.data;
	return {
		name,
		async load(ctx: SourceContext): Promise<TelemetrySnapshot> {
			const files = await expandPaths(ctx.contentDir, paths);
			if (files.length === 0) {
				const patterns = paths.map((pattern) => `\`${pattern}\``).join(' or ');
				throw new HalflifeError('TelemetryNotFound', { params: { pattern: `${patterns} in ${ctx.contentDir}` } });
			}
			// The site's rules when pulled for a build; the default rules when the source is used alone.
			const namer = naming ? createNamer(naming) : (ctx.namer ?? createNamer());
			const graph = createServiceGraphDeriver(ctx.window, { traceIdleSpans, maxBufferedSpans, namer });
			const sample = new SharedSpanSample();
			const read: ReadInput[] = [];
			for (const [index, file] of files.entries()) read.push(await readInput(file, index, formats, graph, sample, ctx, { traceIdleSpans, maxBufferedSpans }));
			const inputs = read.map((r) => r.input);
			const { views, repeated } = inputViews(read.map((r) => r.kind), sample.repeats());
			// Said as a warning by `telemetryProblems`, with the other warnings about inputs.
			for (const [input, earlier] of repeated) inputs[input]!.repeats = inputs[earlier]!.path;
			const { stats, services, edges, duplicateSpans, lateSpans } = graph.finish(views);
			if (lateSpans > 0) {
				ctx.logger.warn(
					`${plural(lateSpans, 'span')} arrived more than ${traceIdleSpans} spans after the rest of their trace, ` +
						'which had been joined already; calls to their parents are missed. Raise `traceIdleSpans` to join them.',
				);
			}
			if (duplicateSpans > 0) ctx.logger.warn(`ignored ${plural(duplicateSpans, 'span')} seen twice (same trace and span id)`);
			return {
				schemaVersion: SNAPSHOT_SCHEMA_VERSION,
				source: { name, inputs },
				pulledAt: ctx.now.toISOString(),
				window: { start: ctx.window.start.toISOString(), end: ctx.window.end.toISOString() },
				stats: { ...stats, counting: combineCounting(read.flatMap((r) => r.evidence ?? [])) },
				services,
				edges,
			};
		},
	};
}

/** What reading one file gave: its snapshot input, what it held, and its sampling evidence. */
interface ReadInput {
	input: SnapshotInput;
	kind: InputKind;
	evidence: { counting: Counting; spans: number } | undefined;
}

/** Reads one file into the graph as input number `index`, noting its spans' times and a sample of their ids. */
async function readInput(
	file: TelemetryFile,
	index: number,
	formats: readonly TelemetryFormat[],
	graph: ServiceGraphDeriver,
	sample: SharedSpanSample,
	ctx: SourceContext,
	bounds: FormatReadOptions,
): Promise<ReadInput> {
	const format = await detectFormat(file, formats);
	let counted = 0;
	let outside = 0;
	let found: Counting | undefined;
	const starts = new SpanStarts();
	const sink: FormatSink = {
		span(span) {
			const added = graph.add(span, index);
			starts.add(span.startMs);
			if (added === 'outside-window') {
				outside++;
				return;
			}
			if (added === 'counted') counted++;
			sample.observe(index, span.traceId, span.spanId);
		},
		link(link) {
			graph.addLink(link, index);
		},
		counting(counting) {
			found = counting;
		},
		warn(message) {
			ctx.logger.warn(`${format.name}: ${file.display}: ${message}`);
		},
	};
	const result = await format.read(file, sink, bounds);
	const skipped = result.skipped.reduce((n, kind) => n + kind.count, 0);
	ctx.logger.info(
		`${format.name}: ${file.display}: ${result.spans} spans (${counted} in the window), ${result.links} links` +
			(skipped > 0 ? `, ${plural(skipped, 'invalid record')} skipped` : ''),
	);
	return {
		input: {
			path: file.display,
			format: format.name,
			spans: counted,
			...(outside > 0 ? { spansOutsideWindow: outside } : {}),
			...starts.range(),
			...skippedForSnapshot(result.skipped),
		},
		kind: result.links > 0 ? 'links' : result.spans > 0 ? 'spans' : 'empty',
		evidence: found ? { counting: found, spans: result.spans } : undefined,
	};
}

/** Picks the first format that claims a file, from its name and first bytes; none is an error that lists the formats. */
export async function detectFormat(file: TelemetryFile, formats: readonly TelemetryFormat[]): Promise<TelemetryFormat> {
	const head = await readHead(file);
	const format = formats.find((candidate) => candidate.sniff(head, file));
	if (format) return format;
	throw new HalflifeError('TelemetryUnknownFormat', {
		location: { file: file.display, line: 1, column: 1 },
		params: { formats: formats.map((f) => `${f.name} (${f.description})`).join('; ') },
	});
}

/**
 * What the files say about sampling, together: sampled when any file is, with the ratio spans
 * are kept at overall (spans / Σ spans÷ratio), complete only when every file says so.
 */
function combineCounting(evidence: { counting: Counting; spans: number }[]): Counting {
	if (evidence.length === 0) return { basis: 'unknown', ratio: null, evidence: null };
	const because = [...new Set(evidence.flatMap((e) => e.counting.evidence ?? []))].join('; ') || null;
	if (evidence.every((e) => e.counting.basis === 'complete')) return { basis: 'complete', ratio: 1, evidence: because };
	const sampled = evidence.filter((e) => e.counting.basis !== 'unknown');
	const ratios = sampled.every((e) => e.counting.ratio !== null && e.counting.ratio > 0);
	const spans = sampled.reduce((n, e) => n + e.spans, 0);
	const scaled = sampled.reduce((n, e) => n + e.spans / (e.counting.ratio ?? 1), 0);
	return { basis: 'sampled', ratio: ratios && scaled > 0 ? spans / scaled : null, evidence: because };
}

async function readHead(file: TelemetryFile): Promise<string> {
	let handle;
	try {
		handle = await open(file.absolute, 'r');
		const buffer = Buffer.alloc(HEAD_BYTES);
		const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
		const bytes = buffer.subarray(0, bytesRead);
		if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes.toString('utf8');
		// A gzip file's first block is enough; a truncated stream still yields what it holds.
		return gunzipSync(bytes, { finishFlush: 2 /* Z_SYNC_FLUSH */ }).subarray(0, HEAD_BYTES).toString('utf8');
	} catch (cause) {
		if (cause instanceof HalflifeError) throw cause;
		throw new HalflifeError('TelemetryUnreadable', {
			params: { file: file.display, detail: (cause as Error).message },
			cause,
		});
	} finally {
		await handle?.close();
	}
}

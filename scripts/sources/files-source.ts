import { open } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { z } from 'astro/zod';
import { HalflifeError } from '../errors/halflife-error.ts';
import { createServiceGraphDeriver } from './derive-service-graph.ts';
import { expandPaths } from './expand-paths.ts';
import type { FormatSink, TelemetryFile, TelemetryFormat } from './formats/telemetry-format.ts';
import { SNAPSHOT_SCHEMA_VERSION, type Counting, type SourceContext, type TelemetrySnapshot, type TelemetrySource } from './snapshot.ts';

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
});

/** Options of the files source as a user writes them. */
export type FilesSourceOptions = z.input<typeof filesSourceOptionsSchema>;

// Enough of a file to tell formats apart, even pretty-printed ones with long first records.
const HEAD_BYTES = 64 * 1024;
const COUNTING_RANK: Record<Counting['basis'], number> = { unknown: 0, complete: 1, sampled: 2 };

/**
 * A telemetry source over files in any of the given formats: each file's format is detected
 * from its name and first bytes, its spans and links go into one service graph, and a file no
 * format claims is an error that names it and lists the formats understood.
 */
export function filesSource(options: FilesSourceOptions, formats: readonly TelemetryFormat[]): TelemetrySource {
	const { paths } = filesSourceOptionsSchema.parse(options);
	return {
		name: 'files',
		async load(ctx: SourceContext): Promise<TelemetrySnapshot> {
			const files = await expandPaths(ctx.contentDir, paths);
			if (files.length === 0) {
				const patterns = paths.map((pattern) => `\`${pattern}\``).join(' or ');
				throw new HalflifeError('TelemetryNotFound', { params: { pattern: `${patterns} in ${ctx.contentDir}` } });
			}
			const graph = createServiceGraphDeriver(ctx.window, { namer: ctx.namer });
			let counting: Counting = { basis: 'unknown', ratio: null, evidence: null };
			const inputs: TelemetrySnapshot['source']['inputs'] = [];
			for (const input of files) {
				const file: TelemetryFile = { path: input.absolute, display: input.display };
				const format = await detectFormat(file, formats);
				let counted = 0;
				const sink: FormatSink = {
					span(span) {
						if (graph.add(span) === 'counted') counted++;
					},
					link(link) {
						graph.addLink(link);
					},
					counting(found) {
						if (COUNTING_RANK[found.basis] > COUNTING_RANK[counting.basis]) counting = found;
					},
					warn(message) {
						ctx.logger.warn(`${format.name}: ${file.display}: ${message}`);
					},
				};
				const result = await format.read(file, sink);
				inputs.push({ path: file.display, format: format.name, spans: counted });
				ctx.logger.info(`${format.name}: ${file.display}: ${result.spans} spans (${counted} in the window), ${result.links} links`);
			}
			const { stats, services, edges, duplicateSpans } = graph.finish();
			if (duplicateSpans > 0) ctx.logger.warn(`ignored ${duplicateSpans} span(s) seen twice (same trace and span id)`);
			return {
				schemaVersion: SNAPSHOT_SCHEMA_VERSION,
				source: { name: 'files', inputs },
				pulledAt: ctx.now.toISOString(),
				window: { start: ctx.window.start.toISOString(), end: ctx.window.end.toISOString() },
				stats: { ...stats, counting: stats.counting.basis === 'unknown' ? counting : stats.counting },
				services,
				edges,
			};
		},
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

async function readHead(file: TelemetryFile): Promise<string> {
	let handle;
	try {
		handle = await open(file.path, 'r');
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

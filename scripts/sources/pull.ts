import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'astro/zod';
import { HalflifeError } from '../errors/halflife-error.ts';
import { writeFileAtomic } from '../lib/write-file-atomic.ts';
import {
	SNAPSHOT_SCHEMA_VERSION,
	snapshotSchema,
	type SourceContext,
	type TelemetrySnapshot,
	type TelemetrySource,
} from './snapshot.ts';

/**
 * Runs a source for the context's window and returns its snapshot, validated. A source that
 * returns an invalid snapshot is a bug in Halflife, so that is a plain Error, not a HalflifeError.
 */
export async function pullSnapshot(source: TelemetrySource, ctx: SourceContext): Promise<TelemetrySnapshot> {
	const snapshot = await source.load(ctx);
	const result = snapshotSchema.safeParse(snapshot);
	if (!result.success) {
		throw new Error(`Telemetry source ${source.name} returned an invalid snapshot:\n${z.prettifyError(result.error)}`);
	}
	return result.data;
}

/** The snapshot as stored: validated, keys in schema order, 2-space indent, final newline. */
export function serializeSnapshot(snapshot: TelemetrySnapshot): string {
	return `${JSON.stringify(snapshotSchema.parse(snapshot), null, 2)}\n`;
}

/**
 * Writes a snapshot atomically: to a temporary file in the same folder, flushed, then renamed
 * over `file`, so a reader sees the old snapshot or the new one, never half of one.
 */
export async function writeSnapshot(file: string, snapshot: TelemetrySnapshot): Promise<void> {
	await writeFileAtomic(path.resolve(file), serializeSnapshot(snapshot));
}

/** Reads and validates a snapshot; anything wrong with it is a `SnapshotInvalid` that names the file. */
export async function readSnapshot(file: string): Promise<TelemetrySnapshot> {
	const invalid = (detail: string, cause?: unknown) =>
		new HalflifeError('SnapshotInvalid', { location: { file }, params: { detail: `${file}: ${detail}` }, cause });
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		throw invalid(`cannot be read (${(error as Error).message}).`, error);
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw invalid(`is not valid JSON (${(error as Error).message}).`, error);
	}
	const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
	if (typeof version === 'number' && version > SNAPSHOT_SCHEMA_VERSION) {
		throw invalid(`has format version ${version}, newer than the ${SNAPSHOT_SCHEMA_VERSION} this Halflife reads.`);
	}
	const result = snapshotSchema.safeParse(value);
	if (!result.success) throw invalid(`does not match the snapshot format:\n${z.prettifyError(result.error)}`, result.error);
	return result.data;
}

/** The newest snapshot in a snapshots folder (build ids sort by time), or null when there is none. */
export async function readLatestSnapshot(dir: string): Promise<TelemetrySnapshot | null> {
	const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
	const newest = files.at(-1);
	return newest ? readSnapshot(path.join(dir, newest)) : null;
}

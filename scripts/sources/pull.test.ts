import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HalflifeError } from '../errors/halflife-error.ts';
import { otlpJsonSource } from './otlp-json/otlp-json-source.ts';
import { pullSnapshot, readSnapshot, serializeSnapshot, writeSnapshot } from './pull.ts';
import type { SourceContext, TelemetrySnapshot, TelemetrySource } from './snapshot.ts';

const fixtures = path.join(import.meta.dirname, 'otlp-json/fixtures');
const ctx = (contentDir: string): SourceContext => ({
	contentDir,
	now: new Date('2026-01-03T00:00:00Z'),
	window: { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-02T00:00:00Z') },
	logger: { info() {}, warn() {} },
});

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-pull-'));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('pullSnapshot', () => {
	it('returns the validated snapshot of a source', async () => {
		const snapshot = await pullSnapshot(otlpJsonSource(), ctx(path.join(fixtures, 'lines')));
		expect(snapshot.source.name).toBe('otlp-json');
		expect(snapshot.edges.length).toBe(2);
	});

	it('treats an invalid snapshot from a source as a bug, not a user error', async () => {
		const broken: TelemetrySource = {
			name: 'broken',
			load: async () => ({ schemaVersion: 1 }) as unknown as TelemetrySnapshot,
		};
		const error = await pullSnapshot(broken, ctx(dir)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Error);
		expect(error).not.toBeInstanceOf(HalflifeError);
		expect((error as Error).message).toMatch(/broken returned an invalid snapshot/);
	});

	it('writes nothing when the source fails', async () => {
		const target = path.join(dir, 'snapshot.json');
		const result = pullSnapshot(otlpJsonSource({ paths: ['bad-json.jsonl'] }), ctx(path.join(fixtures, 'malformed'))).then((s) =>
			writeSnapshot(target, s),
		);
		await expect(result).rejects.toThrow(HalflifeError);
		expect(await readdir(dir)).toEqual([]);
	});
});

describe('writeSnapshot and readSnapshot', () => {
	it('round-trips through a stable file with keys in schema order', async () => {
		const snapshot = await pullSnapshot(otlpJsonSource(), ctx(path.join(fixtures, 'callees')));
		const file = path.join(dir, 'nested/folder/snapshot.json');
		// Keys in a scrambled order must come out in schema order.
		const scrambled = Object.fromEntries(Object.entries(snapshot).reverse()) as TelemetrySnapshot;
		await writeSnapshot(file, scrambled);
		const text = await readFile(file, 'utf8');
		expect(text).toBe(serializeSnapshot(snapshot));
		expect(text.startsWith('{\n  "schemaVersion": 1,\n  "source": {')).toBe(true);
		expect(text.endsWith('}\n')).toBe(true);
		expect(await readSnapshot(file)).toEqual(snapshot);
		// Only the snapshot is left: the temporary file was renamed over it.
		expect(await readdir(path.dirname(file))).toEqual(['snapshot.json']);
	});

	it('replaces an existing snapshot', async () => {
		const file = path.join(dir, 'snapshot.json');
		const first = await pullSnapshot(otlpJsonSource(), ctx(path.join(fixtures, 'lines')));
		const second = await pullSnapshot(otlpJsonSource(), ctx(path.join(fixtures, 'window')));
		await writeSnapshot(file, first);
		await writeSnapshot(file, second);
		expect(await readSnapshot(file)).toEqual(second);
		expect(await readdir(dir)).toEqual(['snapshot.json']);
	});

	it.each([
		['not JSON', '{"schemaVersion": 1,', /is not valid JSON/],
		['the wrong shape', '{"schemaVersion": 1, "services": []}', /does not match the snapshot format/],
		['a newer format', '{"schemaVersion": 99}', /format version 99, newer than the 1/],
	])('rejects a file that is %s as SnapshotInvalid naming it', async (_what, content, pattern) => {
		const file = path.join(dir, 'bad.json');
		await writeFile(file, content);
		const error = await readSnapshot(file).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(HalflifeError);
		expect((error as HalflifeError).name).toBe('SnapshotInvalid');
		expect((error as HalflifeError).location?.file).toBe(file);
		expect((error as HalflifeError).message).toContain(file);
		expect((error as HalflifeError).message).toMatch(pattern);
	});

	it('reports a missing snapshot as SnapshotInvalid', async () => {
		const file = path.join(dir, 'missing.json');
		await expect(readSnapshot(file)).rejects.toMatchObject({ name: 'SnapshotInvalid', location: { file } });
	});
});

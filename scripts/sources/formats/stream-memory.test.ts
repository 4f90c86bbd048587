import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generateZipkinArray } from '../../bench/generate-zipkin-array.ts';
import { WHOLE_MAX_BYTES } from './json-record-stream.ts';

const work = mkdtempSync(path.join(tmpdir(), 'halflife-stream-memory-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const child = path.join(import.meta.dirname, 'test-helpers/read-format-child.ts');
/** A heap far smaller than the file: its text alone would not fit. */
const HEAP_MB = 64;

function readIn64MbHeap(mode: 'stream' | 'whole', file: string) {
	return spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, child, mode, 'zipkin-v2', file], { encoding: 'utf8' });
}

it('reads a Zipkin span array bigger than its heap and than the size parsed whole, span by span, where reading it whole runs out of memory', async () => {
	const file = path.join(work, 'spans.json');
	// Just past the size parsed whole, so the reader's own choice (not a forced one) must stream it.
	const generated = await generateZipkinArray(file, WHOLE_MAX_BYTES + 1024 * 1024);

	const streamed = readIn64MbHeap('stream', file);
	expect(streamed.stderr).toBe('');
	expect(streamed.status).toBe(0);
	const figures = JSON.parse(streamed.stdout) as { spans: number; result: { spans: number; skipped: number } };
	expect(figures.spans).toBe(generated.spans);
	expect(figures.result).toEqual({ spans: generated.spans, links: 0, skipped: 0 });

	// The control: the same file read as text and parsed whole, as before, in the same heap.
	const whole = readIn64MbHeap('whole', file);
	expect(whole.status).not.toBe(0);
	expect(whole.stderr).toMatch(/heap out of memory/i);
}, 120_000);

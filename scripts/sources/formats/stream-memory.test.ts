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
/** A heap smaller than the file: its text alone would not fit. */
const HEAP_MB = 32;
/**
 * The reader holds a trace until this many spans pass without it: that window, not the file, bounds
 * its memory (50,000 spans by default, about 40 MB). A small one leaves the heap to the streaming itself.
 */
const TRACE_IDLE_SPANS = 5_000;

function readInSmallHeap(mode: 'stream' | 'whole', file: string) {
	const args = [`--max-old-space-size=${HEAP_MB}`, child, mode, 'zipkin-v2', file, String(TRACE_IDLE_SPANS)];
	return spawnSync(process.execPath, args, { encoding: 'utf8' });
}

it('reads a Zipkin span array bigger than its heap and than the size parsed whole, span by span, where reading it whole runs out of memory', async () => {
	const file = path.join(work, 'spans.json');
	// Just past the size parsed whole, so the reader's own choice (not a forced one) must stream it.
	const generated = await generateZipkinArray(file, WHOLE_MAX_BYTES + 1024 * 1024);
	expect(generated.bytes).toBeGreaterThan(HEAP_MB * 1024 * 1024);

	const streamed = readInSmallHeap('stream', file);
	expect(streamed.stderr).toBe('');
	expect(streamed.status).toBe(0);
	const figures = JSON.parse(streamed.stdout) as { spans: number; result: { spans: number; skipped: number } };
	expect(figures.spans).toBe(generated.spans);
	expect(figures.result).toEqual({ spans: generated.spans, links: 0, skipped: 0 });

	// The control: the same file read as text and parsed whole, as before, in the same heap.
	const whole = readInSmallHeap('whole', file);
	expect(whole.status).not.toBe(0);
	expect(whole.stderr).toMatch(/heap out of memory/i);
}, 120_000);

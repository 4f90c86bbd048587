import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TELEMETRY_DIR, demoWindows, generateDemoTelemetry, writeDemoTelemetry } from './generate-demo-telemetry.ts';
import { readOtlpFile, type RawFile } from './test-helpers/read-otlp.ts';

let tmp: string;
beforeAll(async () => {
	tmp = await mkdtemp(path.join(tmpdir(), 'halflife-demo-telemetry-'));
});
afterAll(async () => {
	await rm(tmp, { recursive: true, force: true });
});

describe('generateDemoTelemetry', () => {
	it('names six files by window start, one week apart, ending at the build times', () => {
		const windows = demoWindows();
		expect(windows.map((w) => w.file)).toEqual([
			'2026-10-12.otlp.jsonl',
			'2026-10-19.otlp.jsonl',
			'2026-10-26.otlp.jsonl',
			'2026-11-02.otlp.jsonl',
			'2026-11-09.otlp.jsonl',
			'2026-11-16.otlp.jsonl',
		]);
		expect(windows.at(-1)?.end.toISOString()).toBe('2026-11-23T00:00:00.000Z');
	});

	it('produces byte-identical output when run twice', () => {
		const first = generateDemoTelemetry();
		const second = generateDemoTelemetry();
		expect([...first.keys()]).toEqual([...second.keys()]);
		for (const [name, content] of first) expect(content === second.get(name), name).toBe(true);
		const other = generateDemoTelemetry(1);
		expect(other.get('2026-10-12.otlp.jsonl')).not.toBe(first.get('2026-10-12.otlp.jsonl'));
	});

	it('matches the committed files in content/telemetry (regenerate with `npx node scripts/demo/generate-demo-telemetry.ts`)', async () => {
		const written = await writeDemoTelemetry(tmp);
		const committed = (await readdir(DEMO_TELEMETRY_DIR)).filter((f) => f.endsWith('.otlp.jsonl')).sort();
		expect(committed).toEqual(written.map((f) => path.basename(f)).sort());
		for (const file of written) {
			const fresh = await readFile(file);
			const onDisk = await readFile(path.join(DEMO_TELEMETRY_DIR, path.basename(file)));
			expect(fresh.equals(onDisk), `${path.basename(file)} drifted from the generator`).toBe(true);
		}
	});
});

describe('the committed demo telemetry', () => {
	const windows = demoWindows();
	const files = new Map<number, RawFile>();
	beforeAll(() => {
		for (const w of windows) files.set(w.window, readOtlpFile(path.join(DEMO_TELEMETRY_DIR, w.file)));
	});

	it('is small: a few hundred spans per line, under about 3 MB in all', async () => {
		let bytes = 0;
		for (const w of windows) bytes += (await readFile(path.join(DEMO_TELEMETRY_DIR, w.file))).length;
		expect(bytes).toBeLessThan(3.4 * 1024 * 1024);
		for (const f of files.values()) {
			expect(f.spansPerLine.length).toBeGreaterThan(1);
			expect(Math.max(...f.spansPerLine)).toBeLessThanOrEqual(500);
			expect(Math.min(...f.resourcesPerLine)).toBeGreaterThan(1);
		}
	});

	it('has 100-300 traces per window, every span inside its window', () => {
		for (const w of windows) {
			const f = files.get(w.window) as RawFile;
			const traces = new Set(f.spans.map((s) => s.traceId));
			expect(traces.size).toBeGreaterThanOrEqual(100);
			expect(traces.size).toBeLessThanOrEqual(300);
			const start = BigInt(w.start.getTime()) * 1_000_000n;
			const end = BigInt(w.end.getTime()) * 1_000_000n;
			for (const s of f.spans) {
				expect(s.start >= start && s.end < end, `${s.service} ${s.name} outside ${w.file}`).toBe(true);
				expect(s.end >= s.start).toBe(true);
			}
		}
	});

	it('writes well-formed ids, kinds and parent links', () => {
		for (const f of files.values()) {
			const ids = new Set(f.spans.map((s) => `${s.traceId}:${s.spanId}`));
			expect(ids.size).toBe(f.spans.length);
			for (const s of f.spans) {
				expect(s.traceId).toMatch(/^[0-9a-f]{32}$/);
				expect(s.spanId).toMatch(/^[0-9a-f]{16}$/);
				expect(s.parentSpanId).toMatch(/^([0-9a-f]{16})?$/);
				expect([1, 2, 3, 4, 5]).toContain(s.kind);
				if (s.parentSpanId) expect(ids.has(`${s.traceId}:${s.parentSpanId}`), `orphan span ${s.name}`).toBe(true);
			}
		}
	});

	it('nests synchronous children inside their parents and hangs consumers off producers', () => {
		for (const f of files.values()) {
			const byId = new Map(f.spans.map((s) => [`${s.traceId}:${s.spanId}`, s]));
			for (const s of f.spans) {
				const parent = byId.get(`${s.traceId}:${s.parentSpanId}`);
				if (!parent) {
					expect([1, 2]).toContain(s.kind);
					continue;
				}
				if (s.kind === 5) {
					expect(parent.kind).toBe(4);
					expect(s.start >= parent.end).toBe(true);
					continue;
				}
				expect(s.start >= parent.start && s.end <= parent.end, `${s.service} ${s.name} escapes its parent`).toBe(true);
				// Database and third-party calls have no child spans: nobody instruments Postgres or Stripe.
				if (s.kind === 3 && (s.attrs['db.system'] || s.attrs['server.address'] || s.attrs['peer.service'])) {
					expect(f.spans.some((c) => c.traceId === s.traceId && c.parentSpanId === s.spanId)).toBe(false);
				}
			}
		}
	});
});

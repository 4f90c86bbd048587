import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveLogger } from './live-logger.ts';

const CLEAR = '\r\x1b[2K';

/** A stand-in for an interactive stderr: records every chunk written. */
function fakeTty(columns?: number) {
	const chunks: string[] = [];
	return { isTTY: true as const, columns, chunks, write: (chunk: string) => chunks.push(chunk) };
}

/** What a terminal would show: carriage returns and erase-line applied, one string per row. */
function screen(chunks: string[]): string[] {
	const rows = [''];
	for (const chunk of chunks) {
		for (const part of chunk.split(/(\r\x1b\[2K|\n)/)) {
			if (part === CLEAR) rows[rows.length - 1] = '';
			else if (part === '\n') rows.push('');
			else rows[rows.length - 1] += part;
		}
	}
	return rows;
}

beforeEach(() => {
	vi.useFakeTimers({ now: new Date('2026-11-23T00:00:00Z') });
});
afterEach(() => {
	vi.useRealTimers();
});

describe('liveLogger', () => {
	it('redraws one status line in place as stages report', () => {
		const tty = fakeTty();
		const logger = liveLogger(tty);
		const diagrams = logger.stage('diagrams');
		logger.stage('astro building');
		expect(tty.chunks).toEqual([`${CLEAR}halflife: diagrams… · 0 s`]);
		vi.advanceTimersByTime(200);
		diagrams.update(312, 1000);
		vi.advanceTimersByTime(41_000);
		for (const chunk of tty.chunks) {
			expect(chunk.startsWith(CLEAR)).toBe(true);
			expect(chunk).not.toContain('\n');
		}
		expect(screen(tty.chunks)).toEqual(['halflife: diagrams 312/1000 · astro building… · 41 s']);
	});

	it('prints messages above the status line and puts the line back', () => {
		const tty = fakeTty();
		const logger = liveLogger(tty);
		const pull = logger.stage('pulling telemetry');
		vi.advanceTimersByTime(500);
		pull.update(1, 3);
		logger.info('files: telemetry/a.jsonl: 12 spans');
		logger.warn('zipkin is slow');
		expect(tty.chunks.at(-1)).toBe(`${CLEAR}halflife: warning: zipkin is slow\nhalflife: pulling telemetry 1/3 · 0 s`);
		expect(screen(tty.chunks)).toEqual([
			'halflife: files: telemetry/a.jsonl: 12 spans',
			'halflife: warning: zipkin is slow',
			'halflife: pulling telemetry 1/3 · 0 s',
		]);
	});

	it('prints messages as plain lines while no stage runs', () => {
		const tty = fakeTty();
		const logger = liveLogger(tty);
		logger.info('notes: 3 notes');
		expect(tty.chunks).toEqual(['halflife: notes: 3 notes\n']);
	});

	it('redraws at most ten times a second, and shows the latest count', () => {
		const tty = fakeTty();
		const logger = liveLogger(tty);
		const pages = logger.stage('writing pages');
		for (let done = 1; done <= 1000; done++) {
			pages.update(done, 1000);
			vi.advanceTimersByTime(1);
		}
		// One second of updates: the first draw and at most ten more.
		expect(tty.chunks.length).toBeGreaterThanOrEqual(9);
		expect(tty.chunks.length).toBeLessThanOrEqual(11);
		vi.advanceTimersByTime(100);
		expect(screen(tty.chunks)).toEqual(['halflife: writing pages 1000/1000 · 1 s']);
	});

	it('clears the line when the last stage ends, and when closed', () => {
		const tty = fakeTty();
		const logger = liveLogger(tty);
		const diagrams = logger.stage('diagrams');
		const astro = logger.stage('astro building');
		diagrams.end();
		vi.advanceTimersByTime(100);
		expect(screen(tty.chunks)).toEqual(['halflife: astro building… · 0 s']);
		astro.end();
		expect(tty.chunks.at(-1)).toBe(CLEAR);
		expect(screen(tty.chunks)).toEqual(['']);
		logger.info('published');
		expect(screen(tty.chunks)).toEqual(['halflife: published', '']);

		// A build that throws leaves a stage running: closing clears the line and stops drawing.
		const failed = fakeTty();
		const other = liveLogger(failed);
		const stuck = other.stage('astro building');
		other.close();
		expect(screen(failed.chunks)).toEqual(['']);
		const written = failed.chunks.length;
		stuck.update(5, 10);
		other.stage('diagrams').update(1, 2);
		vi.advanceTimersByTime(5000);
		expect(failed.chunks.length).toBe(written);
		other.warn('after the end');
		expect(failed.chunks.at(-1)).toBe('halflife: warning: after the end\n');
	});

	it('leaves no timer behind once the stages are over', () => {
		const logger = liveLogger(fakeTty());
		const stage = logger.stage('publishing');
		stage.update(1, 2);
		stage.end();
		expect(vi.getTimerCount()).toBe(0);
	});

	it('keeps the line shorter than the terminal, so it never wraps', () => {
		const tty = fakeTty(30);
		liveLogger(tty).stage('diagrams').update(312, 1000);
		vi.advanceTimersByTime(100);
		const [row] = screen(tty.chunks);
		expect(row).toBe('halflife: diagrams 312/1000 …');
		expect(row!.length).toBeLessThan(30);
	});
});

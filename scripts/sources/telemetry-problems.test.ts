import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError, formatLocation } from '../errors/halflife-error.ts';
import { memoryLogger } from '../lib/logger.ts';
import { filesSource } from './files-source.ts';
import { telemetryFormats } from './formats/index.ts';
import { snapshotCoverage } from './snapshot-coverage.ts';
import { telemetryProblems } from './telemetry-problems.ts';
import { REAL_DATA } from '../../fixtures/real-data.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const hotrod = path.join(REAL_DATA, 'traces/otlp/hotrod_jaeger-v3-getTrace-response.otlp.json');
// As the source names it: relative to the content folder, the repository here.
const hotrodShown = path.relative(repoRoot, hotrod);
const week = 'content/telemetry/2026-11-16.otlp.jsonl';

async function pull(paths: string[], end: string, days = 7) {
	const window = { start: new Date(Date.parse(end) - days * 86_400_000), end: new Date(end) };
	return filesSource({ paths }, telemetryFormats).load({ contentDir: repoRoot, now: window.end, window, logger: memoryLogger() });
}

describe('telemetryProblems', () => {
	it('warns about a file whose spans are all older than the window, with their range, the window and the fix, and that nothing fell in it', async () => {
		const snapshot = await pull([hotrod], '2026-11-23T00:00:00Z');
		const problems = telemetryProblems(snapshot);
		expect(problems.map((p) => [p.severity, p.error.name, formatLocation(p.error.location)])).toEqual([
			['warning', 'TelemetryOutsideWindow', hotrodShown],
			['warning', 'TelemetryWindowEmpty', ''],
		]);
		const [file, empty] = problems.map((p) => p.error);
		expect(file!.message).toBe(
			`The 40 spans of ${hotrodShown} start from 2026-06-21T10:10:44.630Z to 2026-06-21T10:10:45.272Z; none falls in the build's window, 2026-11-16T00:00:00.000Z to 2026-11-23T00:00:00.000Z, so the file adds nothing to this build.`,
		);
		expect(file!.hint).toContain('`--now 2026-06-21T10:10:46.272Z`');
		expect(file!.hint).toContain('widen `windowDays` to 155');
		expect(empty!.message).toContain('all 40 spans read are outside it');
		expect(formatError(empty!, 'warning')).toContain('export telemetry of the last 7 days');
		expect(snapshotCoverage(snapshot)).toMatchObject({ emptyWindow: true, spansOutsideWindow: 40, spanStarts: { first: '2026-06-21T10:10:44.630Z' } });

		// The suggested clock does put the file in the window.
		const fixed = await pull([hotrod], '2026-06-21T10:10:46.272Z');
		expect(fixed.stats.spans).toBe(40);
		expect(telemetryProblems(fixed)).toEqual([]);
	});

	it('says a file whose spans start after the build clock is ahead of it', async () => {
		const problems = telemetryProblems(await pull([week], '2026-11-01T00:00:00Z'));
		expect(problems.map((p) => p.error.name)).toEqual(['TelemetryOutsideWindow', 'TelemetryWindowEmpty']);
		expect(problems[0]!.error.hint).toMatch(/^Its spans start after the build's clock/);
	});

	it('warns only about the old file when another one fills the window', async () => {
		const problems = telemetryProblems(await pull([hotrod, week], '2026-11-23T00:00:00Z'));
		expect(problems.map((p) => [p.error.name, p.error.location?.file])).toEqual([['TelemetryOutsideWindow', hotrodShown]]);
	});

	it('warns when telemetry stops more than a day before the clock, as an export a day or two old does', async () => {
		// The week's last span starts late on 2026-11-22; built on 2026-11-25, the window's last two days are empty.
		const problems = telemetryProblems(await pull([week], '2026-11-25T00:00:00Z'));
		expect(problems.map((p) => p.error.name)).toEqual(['TelemetryEndsEarly']);
		expect(problems[0]!.error.message).toMatch(/^The newest span read starts at 2026-11-22T\d\d:\d\d:\d\d\.\d+Z, 2 days before the build's clock \(2026-11-25T00:00:00\.000Z\)/);
		expect(problems[0]!.error.hint).toMatch(/`--now 2026-11-22T/);
		// A build whose clock is within a day of the last span has nothing to say.
		expect(telemetryProblems(await pull([week], '2026-11-23T12:00:00Z'))).toEqual([]);
	});

	it('names the file and line of each kind of invalid record skipped', async () => {
		const snapshot = await pull(['scripts/sources/otlp-json/fixtures/malformed/bad-trace-id.jsonl'], '2026-01-02T00:00:00Z');
		const [skipped] = telemetryProblems(snapshot);
		expect(formatLocation(skipped!.error.location)).toBe('scripts/sources/otlp-json/fixtures/malformed/bad-trace-id.jsonl:2');
		expect(skipped!.error.message).toBe(
			'Skipped 1 record with no valid trace id (missing, all zeros or not hex); the rest of the file was read. The first: resourceSpans[0].scopeSpans[0].spans[0].traceId must be 32 hex digits, found "not-a-trace-id".',
		);
		expect(snapshotCoverage(snapshot)).toMatchObject({ skippedRecords: 1, skipped: [{ input: 'scripts/sources/otlp-json/fixtures/malformed/bad-trace-id.jsonl', reason: 'trace-id', line: 2 }] });
	});
});

import { execFile } from 'node:child_process';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../scripts/model/model-schema.ts';
import { REAL_DATA } from '../fixtures/real-data.ts';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'scripts', 'cli', 'bin.mjs');
let project: string;

// A copy of the demo's notes and catalogs inside the repository's working folder (so its config
// resolves Halflife's packages), with telemetry each test chooses.
beforeAll(async () => {
	await mkdir(path.join(root, '.halflife'), { recursive: true });
	project = await mkdtemp(path.join(root, '.halflife', 'e2e-telemetry-fit-'));
	await cp(path.join(root, 'content'), path.join(project, 'content'), { recursive: true, filter: (source) => !source.includes(`${path.sep}telemetry`) });
	await mkdir(path.join(project, 'content', 'telemetry'));
	await writeFile(
		path.join(project, 'astro.config.mjs'),
		[
			`import mdx from '@astrojs/mdx';`,
			`import halflife from ${JSON.stringify(path.join(root, 'scripts/integration/index.ts'))};`,
			`export default { srcDir: ${JSON.stringify(path.join(root, 'site'))}, trailingSlash: 'always', integrations: [halflife({ title: 'Fit' }), mdx()] };`,
			'',
		].join('\n'),
	);
});
afterAll(async () => {
	await rm(project, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(process.execPath, [bin, ...args, '--root', project], { cwd: project, timeout: 300_000 }, (error, stdout, stderr) =>
			resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
		);
	});
}

const build = (now: string) => run(['build', '--now', now, '--json', '--no-diagrams']);

interface Summary {
	telemetry: Model['telemetry'];
	warnings: { severity: string; name: string; where: string; message: string }[];
}

describe('telemetry that does not fit the window', () => {
	it('says so in the warnings, the --json summary and on the site, and still publishes', async () => {
		// Real exports from other months and years: a HotROD trace of June 2026 and a Zipkin trace of 2018.
		await copyFile(path.join(REAL_DATA, 'traces/otlp/hotrod_jaeger-v3-getTrace-response.otlp.json'), path.join(project, 'content/telemetry/hotrod.json'));
		await copyFile(path.join(REAL_DATA, 'traces/zipkin/ascend.json'), path.join(project, 'content/telemetry/ascend.json'));
		const { code, stdout, stderr } = await build('2026-11-16T00:00:00Z');
		expect(code, stderr).toBe(0);
		expect(stderr).toContain('warning TelemetryOutsideWindow telemetry/hotrod.json: No span of a telemetry file falls in the window');
		expect(stderr).toContain('--now 2026-06-21T10:10:46.272Z');
		expect(stderr).toContain('warning TelemetryWindowEmpty: No telemetry falls in the window');

		const summary = JSON.parse(stdout) as Summary;
		expect(summary.telemetry).toMatchObject({ emptyWindow: true, spans: 0, spansOutsideWindow: 48, spanStarts: { first: '2018-07-11T04:08:08.533Z', last: '2026-06-21T10:10:45.272Z' } });
		expect(summary.warnings.filter((w) => w.name.startsWith('Telemetry')).map((w) => [w.name, w.where])).toEqual([
			['TelemetryOutsideWindow', 'telemetry/ascend.json'],
			['TelemetryOutsideWindow', 'telemetry/hotrod.json'],
			['TelemetryWindowEmpty', ''],
		]);
		const home = await readFile(path.join(project, 'dist', 'index.html'), 'utf8');
		expect(home).toContain('data-testid="telemetry-scope"');
		expect(home).toContain("No telemetry falls in this build's window</strong>, 2026-11-09 00:00 UTC to 2026-11-16 00:00 UTC: the 48 spans read start from 2018-07-11 04:08 UTC to 2026-06-21 10:10 UTC, all outside it.");

		// `halflife pull` alone says the same.
		const pulled = await run(['pull', '--now', '2026-11-16T00:00:00Z']);
		expect(pulled.code).toBe(0);
		expect(pulled.stderr).toContain('warning TelemetryOutsideWindow telemetry/hotrod.json');
		expect(pulled.stderr).toContain('warning TelemetryWindowEmpty');
	});

	it('skips and counts invalid spans in a Collector file, says where the first was, and shows the count on the site', async () => {
		await rm(path.join(project, 'content/telemetry'), { recursive: true });
		await mkdir(path.join(project, 'content/telemetry'));
		const lines = (await readFile(path.join(root, 'content/telemetry/2026-11-16.otlp.jsonl'), 'utf8')).split('\n');
		// An SDK bug on one line: an all-zero trace id, and a span without a name.
		const request = JSON.parse(lines[1]!) as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
		request.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.traceId = '0'.repeat(32);
		delete request.resourceSpans[1]!.scopeSpans[0]!.spans[0]!.name;
		lines[1] = JSON.stringify(request);
		await writeFile(path.join(project, 'content/telemetry/week.jsonl'), lines.join('\n'));
		const { code, stdout, stderr } = await build('2026-11-23T00:00:00Z');
		expect(code, stderr).toBe(0);
		const summary = JSON.parse(stdout) as Summary;
		expect(summary.telemetry).toMatchObject({ emptyWindow: false, skippedRecords: 2 });
		expect(summary.warnings.filter((w) => w.name === 'TelemetryRecordsSkipped').map((w) => w.where)).toEqual(['telemetry/week.jsonl:2', 'telemetry/week.jsonl:2']);
		expect(summary.telemetry!.spans).toBeGreaterThan(1000);
		const home = await readFile(path.join(project, 'dist', 'index.html'), 'utf8');
		expect(home).toContain('2 invalid telemetry records were skipped, the rest of their files read: 1 with no valid trace id (missing, all zeros or not hex) (the first at telemetry/week.jsonl:2); 1 with no span name (the first at telemetry/week.jsonl:2).');
		expect(home).not.toContain('No telemetry falls');
	});
});

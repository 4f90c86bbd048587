import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from './index.ts';
import integration from './integration/index.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');

describe('public API', () => {
	it('exports exactly these names at runtime', () => {
		expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
			[
			  "HalflifeError",
			  "ProblemsError",
			  "checkDependencies",
			  "checkOwners",
			  "combineSnapshots",
			  "consoleLogger",
			  "countChanges",
			  "createNamer",
			  "describeServices",
			  "diffModels",
			  "errorCatalog",
			  "filesSource",
			  "formatChanges",
			  "formatError",
			  "halflife",
			  "halflifeOptionsSchema",
			  "jaegerHttpSource",
			  "loadCatalogs",
			  "loadContent",
			  "mergeModel",
			  "modelSchema",
			  "otlpJsonSource",
			  "parseOptions",
			  "prometheusSource",
			  "pullSnapshot",
			  "pullTelemetry",
			  "readBeliefs",
			  "readDeploys",
			  "readSnapshot",
			  "runBuild",
			  "runCheck",
			  "runDiff",
			  "scoreConfidence",
			  "snapshotSchema",
			  "telemetryFormats",
			  "telemetryOptionsSchema",
			  "versionsIndexSchema",
			  "writeSnapshot",
			  "zipkinHttpSource",
			]
		`);
	});

	it('exports the integration as `halflife`, and it works as one', () => {
		expect(api.halflife).toBe(integration);
		const configured = api.halflife({ title: 'Ours', windowDays: 14 });
		expect(configured.name).toBe('halflife');
		expect(configured.options).toEqual(api.parseOptions({ title: 'Ours', windowDays: 14 }));
		expect(() => api.halflife({ windowDays: -1 })).toThrow(api.HalflifeError);
	});

	it('is what package.json exports, beside the integration', async () => {
		const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { exports: Record<string, string> };
		expect(pkg.exports).toEqual({ '.': './scripts/index.ts', './integration': './scripts/integration/index.ts' });
		expect(await import(path.join(repoRoot, pkg.exports['.']!))).toBe(api);
		expect((await import(path.join(repoRoot, pkg.exports['./integration']!))).default).toBe(api.halflife);
	});
});

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
			  "default",
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

	it('exports the integration as its default and as `halflife`, and it works as one', () => {
		expect(api.default).toBe(integration);
		expect(api.halflife).toBe(integration);
		const configured = api.halflife({ title: 'Ours', windowDays: 14 });
		expect(configured.name).toBe('halflife');
		expect(configured.options).toEqual(api.parseOptions({ title: 'Ours', windowDays: 14 }));
		expect(() => api.halflife({ windowDays: -1 })).toThrow(api.HalflifeError);
	});

	it('is what package.json exports (compiled into lib/, as Node runs it under node_modules), beside the integration', async () => {
		type Target = { types: string; default: string };
		const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { exports: Record<string, Target | string> };
		const compiled = (entry: string) => ({ types: `./lib/${entry}.d.ts`, default: `./lib/${entry}.js` });
		expect(pkg.exports['.']).toEqual(compiled('index'));
		expect(pkg.exports['./integration']).toEqual(compiled('integration/index'));
		// lib/ mirrors scripts/ (tsconfig.build.json): the sources of the compiled entries are the modules above.
		const build = JSON.parse((await readFile(path.join(repoRoot, 'tsconfig.build.json'), 'utf8')).replace(/^\s*\/\/.*$/gm, '')) as { compilerOptions: { rootDir: string; outDir: string } };
		expect(build.compilerOptions).toMatchObject({ rootDir: 'scripts', outDir: 'lib' });
		expect(await import(path.join(repoRoot, 'scripts/index.ts'))).toBe(api);
		expect((await import(path.join(repoRoot, 'scripts/integration/index.ts'))).default).toBe(api.halflife);
	});
});

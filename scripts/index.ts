/**
 * Halflife as a library: the pipeline's stages, the formats it reads and writes, and its errors.
 * Everything here is public API; `index.test.ts` pins the list so a change to it is deliberate.
 */

// The whole pipeline, as the `halflife` command runs it.
/** Runs one build: pull, read notes, merge, generate, build with Astro, publish a new version. */
export { runBuild } from './build.ts';
export type { BuildInput, BuildResult } from './build.ts';
/** Compares two published builds: what appeared, vanished, was reviewed, went stale, lost or regained confidence. */
export { runDiff } from './diff.ts';
export type { DiffResult } from './diff.ts';
/** Validates notes, teams and catalogs; returns every problem. `readBeliefs` reads and combines them. */
export { readBeliefs, runCheck } from './check.ts';
export type { ReadBeliefs } from './check.ts';

// Options: the `halflife()` integration and the schema of its options.
/** The Astro integration: the default export (`import halflife from 'halflife'`), also named `halflife` and `halflife/integration`'s default. */
export { default, default as halflife } from './integration/index.ts';
export type { HalflifeIntegration } from './integration/index.ts';
/** The options schema; `parseOptions` validates and fills defaults for `runBuild`. */
export { halflifeOptionsSchema } from './config/options-schema.ts';
export type { HalflifeOptions, HalflifeUserOptions } from './config/options-schema.ts';
/** Validates user options and fills defaults. */
export { parseOptions } from './config/parse-options.ts';

// Stages, one by one.
/** Reads notes and teams from a content folder. */
export { loadContent } from './notes/load-content.ts';
export type { BrokenNote, Content, Note, Team } from './notes/load-content.ts';
/** Reads Backstage and Datadog catalogs into one normalized shape. */
export { loadCatalogs } from './catalogs/load-catalogs.ts';
export type { Catalog, CatalogEntity, CatalogTeam } from './catalogs/catalog-types.ts';
/** Combines notes and catalogs into one description per service, and checks who owns what and what depends on what. */
export { describeServices } from './model/describe-services.ts';
export type { Beliefs, ServiceDescription } from './model/describe-services.ts';
export { checkOwners } from './model/check-owners.ts';
export { checkDependencies } from './model/check-dependencies.ts';
/** Pulls every configured telemetry source for a window and combines their snapshots. */
export { pullTelemetry, telemetryOptionsSchema } from './sources/pull-telemetry.ts';
export type { TelemetryOptions } from './sources/pull-telemetry.ts';
/** Telemetry files in any supported format, detected per file; the formats themselves. */
export { filesSource } from './sources/files-source.ts';
export type { FilesSourceOptions } from './sources/files-source.ts';
export { telemetryFormats } from './sources/formats/index.ts';
export type { FormatSink, TelemetryFile, TelemetryFormat } from './sources/formats/telemetry-format.ts';
/** The OTLP/JSON telemetry source: the files source with that one format. */
export { otlpJsonSource } from './sources/otlp-json/otlp-json-source.ts';
export type { OtlpJsonOptions } from './sources/otlp-json/otlp-json-source.ts';
/** Backends: Prometheus servicegraph metrics, Zipkin and Jaeger APIs. */
export { prometheusSource } from './sources/prometheus/prometheus-source.ts';
export { zipkinHttpSource } from './sources/http/zipkin-http-source.ts';
export { jaegerHttpSource } from './sources/http/jaeger-http-source.ts';
/** Several sources' snapshots of one window as one, without counting a call twice. */
export { combineSnapshots } from './sources/combine-snapshots.ts';
/** Service-name folding rules (Kubernetes pod names into workloads, and your own). */
export { createNamer } from './sources/naming/service-naming.ts';
export type { Namer, NamingOptions } from './sources/naming/service-naming.ts';
/** Pulls, stores and reads validated telemetry snapshots. */
export { pullSnapshot, readSnapshot, writeSnapshot } from './sources/pull.ts';
/** The snapshot format. */
export { snapshotSchema } from './sources/snapshot.ts';
export type { NodeKind, ObservedEdge, ObservedService, SourceContext, TelemetrySnapshot, TelemetrySource } from './sources/snapshot.ts';
/** Reads deploy events (JSON lines of service, version, time). */
export { readDeploys } from './sources/deploys/read-deploys.ts';
export type { DeployEvent } from './sources/deploys/read-deploys.ts';
/** Scores every written claim from 0 to 1; `mergeModel` runs it. */
export { scoreConfidence } from './model/score-confidence.ts';
/** Renders a diff between builds as text. */
export { formatChanges } from './model/format-changes.ts';
/** Merges notes and telemetry into one model. */
export { mergeModel } from './model/merge-model.ts';
export type { MergeOptions } from './model/merge-model.ts';
/** The model format (`halflife-model.json`). */
export { modelSchema } from './model/model-schema.ts';
export type { Claim, EdgeStatus, Model, ModelEdge, ModelService, ModelSummary, ModelTeam } from './model/model-schema.ts';
/** Compares two builds' models. */
export { countChanges, diffModels } from './model/diff-models.ts';
export type { BuildChanges } from './model/diff-models.ts';
/** The versions index format (`versions.json`). */
export { versionsIndexSchema } from './publish/versions-index.ts';
export type { VersionEntry, VersionsIndex } from './publish/versions-index.ts';

// Errors and logging.
/** User-facing errors, the problems list `runBuild` throws on bad inputs, and their terminal format. */
export { formatError, HalflifeError, ProblemsError } from './errors/halflife-error.ts';
export type { ErrorLocation, Problem } from './errors/halflife-error.ts';
/** Every error Halflife can report, by name. */
export { errorCatalog } from './errors/catalog.ts';
export type { ErrorName } from './errors/catalog.ts';
/** The logger `runBuild` reports progress to; `consoleLogger` writes to stderr. */
export { consoleLogger } from './lib/logger.ts';
export type { Logger, StageProgress } from './lib/logger.ts';

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { z } from 'astro/zod';
import { HalflifeError } from '../errors/halflife-error.ts';
import { buildChangesSchema } from '../model/diff-models.ts';
import { calibrationSchema, modelSchema, modelSummarySchema, type Model } from '../model/model-schema.ts';
import { VERSIONS_DIR } from './site-layout.ts';

const gunzipAsync = promisify(gunzip);

/** The versions index format version. */
export const VERSIONS_SCHEMA_VERSION = 1;

/** What a build id may be: it names folders, so no dots or slashes. */
export const BUILD_ID = /^[0-9A-Za-z-]+$/;

/** One published build, as the versions index lists it. */
export const versionEntrySchema = z.object({
	/** Build id; the version lives under `/v/<id>/`. */
	id: z.string().regex(BUILD_ID),
	/** The build clock. */
	now: z.iso.datetime({ offset: true }),
	/** Site path of the frozen version. */
	path: z.string(),
	/** Headline numbers of that build. */
	summary: modelSummarySchema,
	/** What changed since the build before it. */
	changes: buildChangesSchema,
	/** The frozen pages were removed by the retention setting; the model is kept for charts and diffs. */
	pruned: z.boolean().default(false),
	/** Bytes the frozen copy's files take, measured by the build after it (retention weighs versions by it); null until then. */
	bytes: z.number().int().nonnegative().nullable().default(null),
	/**
	 * Confidence at that build, for the charts: the system's, each team's and each scored service's
	 * (with its page's slug then). Services are kept for the newest RECENT_BUILDS entries only, the
	 * builds a service's history shows, so the file does not grow by every service's score per build.
	 * A service's `instances` is there when telemetry counted them, for its instances chart.
	 */
	confidence: z
		.object({
			system: z.number().nullable(),
			teams: z.record(z.string(), z.number().nullable()),
			services: z.record(z.string(), z.object({ confidence: z.number(), slug: z.string(), instances: z.number().int().positive().optional() })),
		})
		.default({ system: null, teams: {}, services: {} }),
	/** How well the build before's confidence in declared dependencies predicted this build's telemetry (the model's `calibration`, without its bins); null when it could not be checked. */
	calibration: calibrationSchema.omit({ bins: true }).nullable().default(null),
});

/** How many builds a page's charts and history tables show: enough to see a trend, and a page's size does not grow with the history. */
export const RECENT_BUILDS = 24;

/** The model file a version's pages are built from, served for tools beside every version. */
export const MODEL_FILE = 'halflife-model.json';
/** The gzipped model every version keeps for good, pruned or not: what the charts, `halflife diff` and a restored history read. */
export const KEPT_MODEL_FILE = `${MODEL_FILE}.gz`;

/** `versions.json`: every published build, oldest first. */
export const versionsIndexSchema = z.object({
	/** Format version of this file. */
	schemaVersion: z.literal(VERSIONS_SCHEMA_VERSION),
	/** Id of the newest build, served at the stable URLs. */
	latest: z.string().nullable(),
	/** Every build, oldest first. */
	versions: z.array(versionEntrySchema),
});

/** One published build. */
export type VersionEntry = z.infer<typeof versionEntrySchema>;
/** The versions index. */
export type VersionsIndex = z.infer<typeof versionsIndexSchema>;

/** An index with no versions, for a site's first build. */
export const emptyVersionsIndex = (): VersionsIndex => ({ schemaVersion: VERSIONS_SCHEMA_VERSION, latest: null, versions: [] });

/** Reads a site's `versions.json`; a missing file is an empty history, an unreadable one an error that names it. */
export async function readVersionsIndex(file: string): Promise<VersionsIndex> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (cause) {
		if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return emptyVersionsIndex();
		throw cause;
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (cause) {
		throw new HalflifeError('SiteHistoryInvalid', { params: { file, detail: (cause as Error).message }, cause });
	}
	const result = versionsIndexSchema.safeParse(json);
	if (!result.success) {
		const issue = result.error.issues[0]!;
		throw new HalflifeError('SiteHistoryInvalid', {
			params: { file, detail: `${issue.path.join('.') || '(root)'}: ${issue.message}` },
		});
	}
	return result.data;
}

/**
 * Reads the model a published version keeps: `v/<id>/halflife-model.json.gz`, or the plain
 * `halflife-model.json` of a version published before the gzipped copy existed. An unreadable one
 * is `SiteHistoryInvalid`.
 */
export async function readVersionModel(siteDir: string, id: string): Promise<Model> {
	const dir = path.join(siteDir, VERSIONS_DIR, id);
	let file = path.join(dir, KEPT_MODEL_FILE);
	try {
		let text: string;
		try {
			text = (await gunzipAsync(await readFile(file))).toString('utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
			file = path.join(dir, MODEL_FILE);
			text = await readFile(file, 'utf8');
		}
		return modelSchema.parse(JSON.parse(text));
	} catch (cause) {
		throw new HalflifeError('SiteHistoryInvalid', { params: { file, detail: (cause as Error).message }, cause });
	}
}

/** The index with each service's confidence dropped from all but the newest RECENT_BUILDS entries, which are all the pages chart. */
export function trimVersionsIndex(index: VersionsIndex): VersionsIndex {
	const cut = index.versions.length - RECENT_BUILDS;
	return {
		...index,
		versions: index.versions.map((version, i) =>
			i >= cut || Object.keys(version.confidence.services).length === 0 ? version : { ...version, confidence: { ...version.confidence, services: {} } },
		),
	};
}

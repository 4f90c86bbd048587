import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip as gunzipCallback } from 'node:zlib';
import { z } from 'astro/zod';
import { HalflifeError } from '../errors/halflife-error.ts';
import { buildChangesSchema } from '../model/diff-models.ts';
import { modelSchema, modelSummarySchema, type Model } from '../model/model-schema.ts';
import { VERSIONS_DIR } from './site-layout.ts';

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
	/** Confidence at that build, for the charts: the system's, each team's and each scored service's (with its page's slug then). */
	confidence: z
		.object({
			system: z.number().nullable(),
			teams: z.record(z.string(), z.number().nullable()),
			services: z.record(z.string(), z.object({ confidence: z.number(), slug: z.string() })),
		})
		.default({ system: null, teams: {}, services: {} }),
});

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

const gunzip = promisify(gunzipCallback);

/** The model every version keeps, gzipped; older versions keep it plain (MODEL_FILE) only. */
export const MODEL_GZ_FILE = 'halflife-model.json.gz';
/** The model file a version has had from the start, and still has while its pages are kept. */
export const MODEL_FILE = 'halflife-model.json';

/** Reads the model a published version keeps (`v/<id>/halflife-model.json.gz`, else `.json`; kept even when pruned); an unreadable one is `SiteHistoryInvalid`. */
export async function readVersionModel(siteDir: string, id: string): Promise<Model> {
	const dir = path.join(siteDir, VERSIONS_DIR, id);
	let file = path.join(dir, MODEL_GZ_FILE);
	try {
		let bytes: Buffer;
		try {
			bytes = await gunzip(await readFile(file));
		} catch (cause) {
			if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause;
			file = path.join(dir, MODEL_FILE);
			bytes = await readFile(file);
		}
		return modelSchema.parse(JSON.parse(bytes.toString('utf8')));
	} catch (cause) {
		throw new HalflifeError('SiteHistoryInvalid', { params: { file, detail: (cause as Error).message }, cause });
	}
}

import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip as gunzipCallback, gzip as gzipCallback } from 'node:zlib';
import pLimit from 'p-limit';
import { HalflifeError } from '../errors/halflife-error.ts';
import type { Logger } from '../lib/logger.ts';
import { formatBytes } from '../lib/format-bytes.ts';
import { plural } from '../lib/plural.ts';
import { stableJson } from '../lib/stable-json.ts';
import { writeFileAtomic } from '../lib/write-file-atomic.ts';
import { modelSchema } from '../model/model-schema.ts';
import { VERSIONS_DIR } from './site-layout.ts';
import { MODEL_FILE, KEPT_MODEL_FILE, versionsIndexSchema, type VersionsIndex } from './versions-index.ts';

const gunzip = promisify(gunzipCallback);
const gzip = promisify(gzipCallback);

// Downloads at once: enough to hide a static host's latency, few enough to be polite to it.
const PARALLEL_DOWNLOADS = 8;
// Longest one request may take; a host that stops answering must not hang the build.
const REQUEST_TIMEOUT_MS = 60_000;
// Largest file a restore reads, downloaded or unzipped: a 20,000-service model is about 110 MB, so this
// leaves room while a wrong address that answers endlessly cannot exhaust the build's memory.
const MAX_FILE_BYTES = 512 * 1024 * 1024;
// Where a restore is assembled: a `.partial` name in `v/`, which the next publish clears (cleanLeftovers) if a restore was killed.
const ASSEMBLY = '.restore.partial';

/** What `restoreHistory` needs. */
export interface RestoreInput {
	/** The published site's address, such as `https://team.github.io/kb/`. */
	from: string;
	/** The site folder to restore into; it has no `versions.json`. */
	siteDir: string;
	/** The fetch to download with (tests pass their own); the global one when absent. */
	fetch?: typeof globalThis.fetch | undefined;
	/** Largest file read, downloaded or unzipped (MAX_FILE_BYTES by default); a larger one is HistoryRestoreFailed. */
	maxFileBytes?: number | undefined;
	logger: Logger;
}

/**
 * Restores a site folder's history from the published site: its `versions.json` and every
 * listed build's model (`v/<id>/halflife-model.json.gz`, else `.json`), written as pruned versions,
 * so the next build adds to the same history. Pages are not restored. Returns the restored index,
 * or null when the site has no versions.json yet (404) or lists no build: the build starts a new
 * history. Any other failure is a HalflifeError, never a silent new history. Everything is
 * assembled in `v/.restore.partial` and moved into place with `versions.json` last, so a killed
 * restore leaves no versions.json, and the next build restores again.
 */
export async function restoreHistory({ from, siteDir, fetch = globalThis.fetch, maxFileBytes = MAX_FILE_BYTES, logger }: RestoreInput): Promise<VersionsIndex | null> {
	const base = from.endsWith('/') ? from : `${from}/`;
	const indexUrl = new URL('versions.json', base).href;
	const response = await download(fetch, indexUrl, siteDir);
	if (response === null) {
		logger.info(`history: the site folder was empty and ${indexUrl} does not exist (404): no site published yet, starting a new history`);
		return null;
	}
	const index = parseIndex(await bytesOf(response, indexUrl, siteDir, maxFileBytes), indexUrl, siteDir);
	if (index.versions.length === 0) {
		logger.info(`history: the site folder was empty and ${indexUrl} lists no build: starting a new history`);
		return null;
	}
	const assembly = path.join(siteDir, VERSIONS_DIR, ASSEMBLY);
	await rm(assembly, { recursive: true, force: true });
	try {
		await downloadModels({ fetch, base, siteDir, assembly, ids: index.versions.map((v) => v.id), maxFileBytes, logger });
		// The pages are not restored, so every build is pruned; its path is the one publish writes, whatever the file said.
		const restored: VersionsIndex = { ...index, versions: index.versions.map((v) => ({ ...v, path: `/${VERSIONS_DIR}/${v.id}/`, pruned: true })) };
		await writeFileAtomic(path.join(assembly, 'versions.json'), stableJson(restored));
		for (const { id } of restored.versions) {
			// Anything already there is a killed restore's: nothing listed it, as there is no versions.json.
			await rm(path.join(siteDir, VERSIONS_DIR, id), { recursive: true, force: true });
			await rename(path.join(assembly, id), path.join(siteDir, VERSIONS_DIR, id));
		}
		await rename(path.join(assembly, 'versions.json'), path.join(siteDir, 'versions.json'));
		logger.info(`history: the site folder was empty; restored ${plural(restored.versions.length, 'build')} from ${base}; their pages are not restored`);
		return restored;
	} finally {
		await rm(assembly, { recursive: true, force: true });
	}
}

// Every model into `assembly/<id>/`, PARALLEL_DOWNLOADS at a time; the first failure stops the rest from starting.
async function downloadModels(input: { fetch: typeof globalThis.fetch; base: string; siteDir: string; assembly: string; ids: string[]; maxFileBytes: number; logger: Logger }): Promise<void> {
	const { fetch, base, siteDir, assembly, ids, maxFileBytes } = input;
	const shown = input.logger.stage?.('restoring history');
	const limit = pLimit(PARALLEL_DOWNLOADS);
	let failed = false;
	let done = 0;
	try {
		const results = await Promise.allSettled(
			ids.map((id) =>
				limit(async () => {
					if (failed) return;
					try {
						await writeFileAtomic(path.join(assembly, id, KEPT_MODEL_FILE), await downloadModel(fetch, base, id, siteDir, maxFileBytes));
						shown?.update(++done, ids.length);
					} catch (error) {
						failed = true;
						throw error;
					}
				}),
			),
		);
		const failure = results.find((result) => result.status === 'rejected');
		if (failure) throw failure.reason;
	} finally {
		shown?.end();
	}
}

// One build's model, gzipped: the `.gz` the site keeps, else the plain one; checked to be that build's model.
async function downloadModel(fetch: typeof globalThis.fetch, base: string, id: string, siteDir: string, maxBytes: number): Promise<Uint8Array> {
	const urls = [KEPT_MODEL_FILE, MODEL_FILE].map((name) => new URL(`${VERSIONS_DIR}/${id}/${name}`, base).href);
	for (const url of urls) {
		const response = await download(fetch, url, siteDir);
		if (response === null) continue;
		const bytes = await bytesOf(response, url, siteDir, maxBytes);
		// By the bytes, not the name: a host may send the `.gz` with Content-Encoding: gzip, which fetch undoes.
		const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
		let model;
		try {
			model = modelSchema.parse(JSON.parse((gzipped ? await gunzip(bytes, { maxOutputLength: maxBytes }) : Buffer.from(bytes)).toString('utf8')));
		} catch (cause) {
			throw new HalflifeError('HistoryRestoreInvalid', { params: { site: siteDir, url, detail: `not a Halflife model (${(cause as Error).message})` }, cause });
		}
		if (model.build.id !== id) {
			throw new HalflifeError('HistoryRestoreInvalid', { params: { site: siteDir, url, detail: `it is the model of build ${model.build.id}, not of ${id}` } });
		}
		return gzipped ? bytes : await gzip(bytes);
	}
	throw new HalflifeError('HistoryRestoreFailed', { params: { site: siteDir, url: urls.join(' and '), detail: 'neither exists (404), though versions.json lists the build' } });
}

// The response to a GET of `url`; null for a 404. A network error, a timeout or any other status is a HistoryRestoreFailed.
async function download(fetch: typeof globalThis.fetch, url: string, siteDir: string): Promise<Response | null> {
	let response: Response;
	try {
		response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
	} catch (cause) {
		throw new HalflifeError('HistoryRestoreFailed', { params: { site: siteDir, url, detail: describe(cause) }, cause });
	}
	if (response.ok) return response;
	// Not read, so the connection is let go.
	await response.body?.cancel();
	if (response.status === 404) return null;
	throw new HalflifeError('HistoryRestoreFailed', { params: { site: siteDir, url, detail: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` } });
}

// The whole body, read as it comes and refused past `maxBytes`.
async function bytesOf(response: Response, url: string, siteDir: string, maxBytes: number): Promise<Uint8Array> {
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for await (const chunk of response.body ?? []) {
			size += chunk.byteLength;
			// Leaving the loop cancels the rest of the answer.
			if (size > maxBytes) throw new Error(`it is larger than ${formatBytes(maxBytes)}, more than any file Halflife publishes`);
			chunks.push(chunk);
		}
	} catch (cause) {
		throw new HalflifeError('HistoryRestoreFailed', { params: { site: siteDir, url, detail: describe(cause) }, cause });
	}
	return Buffer.concat(chunks);
}

// versions.json as the schema reads it, with the ids and latest it lists consistent: they become folder names.
function parseIndex(bytes: Uint8Array, url: string, siteDir: string): VersionsIndex {
	const invalid = (detail: string, cause?: unknown) => new HalflifeError('HistoryRestoreInvalid', { params: { site: siteDir, url, detail }, cause });
	let json: unknown;
	try {
		json = JSON.parse(Buffer.from(bytes).toString('utf8'));
	} catch (cause) {
		throw invalid(`not JSON (${(cause as Error).message})`, cause);
	}
	const result = versionsIndexSchema.safeParse(json);
	if (!result.success) {
		const issue = result.error.issues[0]!;
		throw invalid(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
	}
	const ids = result.data.versions.map((v) => v.id);
	const twice = ids.find((id, i) => ids.indexOf(id) !== i);
	if (twice !== undefined) throw invalid(`build ${twice} is listed twice`);
	if (result.data.latest !== null && !ids.includes(result.data.latest)) throw invalid(`latest is ${result.data.latest}, which it does not list`);
	return result.data;
}

// A network error's own words: fetch says only "fetch failed", the reason is in its cause.
function describe(error: unknown): string {
	const { message, cause } = error as Error;
	return cause instanceof Error ? `${message}: ${cause.message}` : message;
}

import { readFile } from 'node:fs/promises';
import { HalflifeError, type Problem } from '../errors/halflife-error.ts';
import { sortProblems } from '../errors/sort-problems.ts';
import { compare } from '../lib/compare.ts';
import { expandPaths } from '../sources/expand-paths.ts';
import type { CatalogRecord, DocumentReading } from './catalog-record.ts';
import type { Catalog, CatalogEntity } from './catalog-types.ts';
import { detectCatalogFormat, type CatalogFormat } from './detect-catalog-format.ts';
import { readBackstageDocument } from './read-backstage.ts';
import { readDatadogV2Document } from './read-datadog-v2.ts';
import { readDatadogV3Document } from './read-datadog-v3.ts';
import { readYamlDocuments, type YamlDocument } from './read-yaml-documents.ts';
import { resolveApis } from './resolve-apis.ts';

type EntityRecord = Extract<CatalogRecord, { type: 'entity' }>;
type ApiRecord = Extract<CatalogRecord, { type: 'api' }>;

/**
 * Reads every Backstage descriptor and Datadog service definition the patterns match (relative
 * to the content folder, or absolute) into one normalized catalog. Every file and document is
 * read and every problem collected; output is sorted, whatever order the files were found in.
 */
export async function loadCatalogs(contentDir: string, patterns: readonly string[]): Promise<Catalog> {
	const problems: Problem[] = [];
	const records: CatalogRecord[] = [];
	const declared = new Map<string, { file: string; line: number }>();
	const files = await expandPaths(contentDir, patterns);
	for (const file of files) {
		let text: string;
		try {
			text = await readFile(file.absolute, 'utf8');
		} catch (cause) {
			problems.push({
				severity: 'error',
				error: new HalflifeError('CatalogUnreadable', { location: { file: file.display }, params: { file: file.display, detail: (cause as Error).message }, cause }),
			});
			continue;
		}
		const yaml = readYamlDocuments(file.display, text);
		problems.push(...yaml.problems);
		for (const doc of yaml.documents) {
			const format = detectCatalogFormat(doc.data);
			const reading = readDocument(doc, format);
			problems.push(...reading.problems);
			const record = reading.record;
			if (!record) continue;
			const { name, line } = identity(record);
			// Backstage kinds are case-insensitive; the same kind and name twice is one thing described twice.
			const key = `${record.kind.toLowerCase()}:${name}`;
			const other = declared.get(key);
			if (other) {
				problems.push({
					severity: 'error',
					error: new HalflifeError('CatalogDuplicate', {
						location: { file: doc.file, ...doc.locate(format === 'datadog-v2' ? ['dd-service'] : ['metadata', 'name']) },
						params: { kind: record.kind, name, other: `${other.file}:${other.line}` },
					}),
				});
				continue;
			}
			declared.set(key, { file: doc.file, line });
			records.push(record);
		}
	}
	const entityRecords = records.filter((r): r is EntityRecord => r.type === 'entity');
	const apiRecords = records.filter((r): r is ApiRecord => r.type === 'api');
	const apis = resolveApis(entityRecords, apiRecords);
	problems.push(...apis.problems);
	const byNameThenFile = (a: { name: string; file: string; line: number }, b: { name: string; file: string; line: number }) =>
		compare(a.name, b.name) || compare(a.file, b.file) || a.line - b.line;
	const entities: CatalogEntity[] = [...entityRecords.map((r) => r.entity), ...apis.externals].sort(byNameThenFile);
	return {
		entities,
		apis: apis.apis,
		teams: records.flatMap((r) => (r.type === 'team' ? [r.team] : [])).sort((a, b) => compare(a.id, b.id) || compare(a.file, b.file)),
		people: records.flatMap((r) => (r.type === 'person' ? [r.person] : [])).sort((a, b) => compare(a.id, b.id) || compare(a.file, b.file)),
		systems: records.flatMap((r) => (r.type === 'system' ? [r.system] : [])).sort(byNameThenFile),
		problems: sortProblems(problems),
		files: files.map((f) => f.display).sort(compare),
	};
}

function readDocument(doc: YamlDocument, format: CatalogFormat | null): DocumentReading {
	switch (format) {
		case 'backstage':
			return readBackstageDocument(doc);
		case 'datadog-v2':
			return readDatadogV2Document(doc);
		case 'datadog-v3':
			return readDatadogV3Document(doc);
		case null:
			return {
				record: null,
				problems: [{ severity: 'warning', error: new HalflifeError('CatalogUnknownFormat', { location: { file: doc.file, ...doc.locate([]) } }) }],
			};
	}
}

function identity(record: CatalogRecord): { name: string; line: number } {
	switch (record.type) {
		case 'entity':
		case 'api':
			return record.entity;
		case 'team':
			return { name: record.team.id, line: record.team.line };
		case 'person':
			return { name: record.person.id, line: record.person.line };
		case 'system':
			return record.system;
	}
}

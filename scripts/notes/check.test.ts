import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError } from '../errors/halflife-error.ts';
import { loadContent } from './load-content.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const now = new Date('2026-11-23T00:00:00Z');

// Each fixture folder holds `input/` (a content folder) and `expected.txt` (every problem,
// formatted as `halflife check` prints it). Regenerate with UPDATE_FIXTURES=1.
describe('loadContent problems', async () => {
	for (const name of await readdir(fixtures)) {
		it(name, async () => {
			const content = await loadContent(path.join(fixtures, name, 'input'), { now });
			const actual = content.problems.map((p) => formatError(p.error, p.severity)).join('\n\n') + '\n';
			const expectedFile = path.join(fixtures, name, 'expected.txt');
			if (process.env['UPDATE_FIXTURES']) await writeFile(expectedFile, actual);
			expect(actual).toBe(await readFile(expectedFile, 'utf8'));
		});
	}
});

describe('loadContent', () => {
	it('reads a valid note with defaults and keeps its body', async () => {
		const content = await loadContent(path.join(fixtures, 'valid', 'input'), { now });
		expect(content.problems).toEqual([]);
		expect(content.teams.map((t) => t.id)).toEqual(['payments']);
		expect(content.notes).toHaveLength(1);
		expect(content.notes[0]).toMatchObject({
			service: 'cart',
			owner: 'payments',
			reviewed: '2026-10-01',
			dependsOn: ['redis:cart', 'pricing'],
			format: 'md',
			file: 'notes/cart.md',
		});
		expect(content.notes[0]!.body).toContain('{ braces }');
	});
});

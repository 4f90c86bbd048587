import { describe, expect, it } from 'vitest';
import { formatError, HalflifeError } from './halflife-error.ts';

describe('HalflifeError', () => {
	it('fills the message and hint from the catalog and formats a location', () => {
		const error = new HalflifeError('DuplicateService', {
			params: { service: 'cart', other: 'notes/cart-2.md' },
			location: { file: 'notes/cart.md', line: 2, column: 10 },
		});
		expect(error.message).toBe('Service `cart` is also described in notes/cart-2.md.');
		expect(formatError(error)).toBe(
			[
				'error DuplicateService notes/cart.md:2:10: Two notes describe the same service',
				'  Service `cart` is also described in notes/cart-2.md.',
				'  hint: Merge the two notes into one, or rename the service in one of them.',
			].join('\n'),
		);
	});
});

describe('the error catalog', () => {
	it('gives every error a title, a message and a hint, and every one of them is raised somewhere', async () => {
		const { readFile, glob } = await import('node:fs/promises');
		const path = await import('node:path');
		const { errorCatalog } = await import('./catalog.ts');
		const scripts = path.resolve(import.meta.dirname, '..');
		let source = '';
		for await (const file of glob('**/*.ts', { cwd: scripts })) {
			if (!file.endsWith('.test.ts') && !file.endsWith('catalog.ts')) source += await readFile(path.join(scripts, file), 'utf8');
		}
		for (const [name, entry] of Object.entries(errorCatalog)) {
			expect(entry.title.length, name).toBeGreaterThan(5);
			expect(entry.message.length, name).toBeGreaterThan(0);
			expect(entry.hint.length, name).toBeGreaterThanOrEqual(5);
			// An entry nobody raises is a message no user will ever see, or one a rename left behind.
			expect(source, `${name} is never raised`).toMatch(new RegExp(`['"]${name}['"]`));
		}
	});
});

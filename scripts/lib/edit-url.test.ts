import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editLinkOptionsSchema } from '../config/edit-link-options.ts';
import { editUrl } from './edit-url.ts';

const base = 'https://github.com/org/kb/edit/main/content/';

describe('editUrl', () => {
	it('appends the file\'s path to the base, so "From notes/checkout.mdx" becomes a link that opens it', () => {
		expect(editUrl(base, 'notes/checkout.mdx')).toBe('https://github.com/org/kb/edit/main/content/notes/checkout.mdx');
		expect(editUrl(base, 'catalogs/commerce/catalog-info.yaml')).toBe('https://github.com/org/kb/edit/main/content/catalogs/commerce/catalog-info.yaml');
	});

	it('escapes each segment of the path, so no file name can change where the link leads', () => {
		expect(editUrl(base, 'notes/a b#c?d.md')).toBe(`${base}notes/a%20b%23c%3Fd.md`);
		expect(editUrl(base, 'notes/javascript:alert(1).md')).toBe(`${base}notes/javascript%3Aalert(1).md`);
		expect(editUrl(base, 'notes/%2e%2e.md')).toBe(`${base}notes/%252e%252e.md`);
	});

	it('gives no link without a base, or for a path that could leave the content folder', () => {
		expect(editUrl(null, 'notes/a.md')).toBeNull();
		for (const file of ['', '/etc/passwd', '../x.md', 'notes/../../x.md', 'notes/./a.md', 'notes\\..\\x.md']) expect(editUrl(base, file), file).toBeNull();
	});

	it('keeps every link under the base, whatever the file name', () => {
		fc.assert(
			fc.property(fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 4 }), (segments) => {
				const url = editUrl(base, segments.join('/'));
				if (url !== null) expect(url.startsWith(base)).toBe(true);
			}),
		);
	});
});

describe('the editLink option', () => {
	it('takes an http or https base and adds the final slash', () => {
		expect(editLinkOptionsSchema.parse({ baseUrl: 'https://gitlab.example.com/kb/-/edit/main/content' }).baseUrl).toBe('https://gitlab.example.com/kb/-/edit/main/content/');
		expect(editLinkOptionsSchema.parse({}).baseUrl).toBeNull();
	});

	it('refuses any other scheme with an error that says what it takes', () => {
		for (const baseUrl of ['javascript:alert(1)//', 'file:///home/kb/', 'ftp://example.com/', 'not a url']) {
			const result = editLinkOptionsSchema.safeParse({ baseUrl });
			expect(result.success, baseUrl).toBe(false);
			expect(result.error!.issues[0]!.message).toContain('must be an http or https address');
		}
	});
});

import { describe, expect, it } from 'vitest';
import { isSafeSiteHref, MAX_HREF_LENGTH } from './safe-site-href.ts';

describe('isSafeSiteHref', () => {
	it('accepts plain site paths', () => {
		for (const href of ['/', '/services/cart/', '/teams/payments', '/v/2026-01-02t00-00-00z/services/a_b.c/']) {
			expect(isSafeSiteHref(href), href).toBe(true);
		}
	});

	it('rejects anything that could leave the site, escape the string or climb folders', () => {
		for (const href of [
			'//evil.example/',
			'javascript:alert(1)',
			'https://evil.example/',
			'services/cart/',
			'/services/../admin/',
			'/services/./cart/',
			'/services//cart/',
			'/Services/',
			'/a?x=1',
			'/a#x',
			'/a"b',
			'/a b',
			'/a\n',
			'/.hidden/',
			`/${'a'.repeat(MAX_HREF_LENGTH)}`,
		]) {
			expect(isSafeSiteHref(href), href).toBe(false);
		}
	});
});

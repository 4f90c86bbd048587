import { describe, expect, test } from 'vitest';
import { parseLabelSelector } from './label-selector.ts';

describe('parseLabelSelector', () => {
	test('reads equality and regex matchers, with or without braces, into canonical form', () => {
		expect(parseLabelSelector('{cluster="prod", namespace =~ "shop-.*" ,}')).toEqual({ ok: true, matchers: ['cluster="prod"', 'namespace=~"shop-.*"'] });
		expect(parseLabelSelector(' env="a \\"quoted\\" \\\\ value"')).toEqual({ ok: true, matchers: ['env="a \\"quoted\\" \\\\ value"'] });
		expect(parseLabelSelector('{}')).toEqual({ ok: true, matchers: [] });
	});

	test('refuses anything that is not a plain matcher list', () => {
		for (const text of [
			'{a="b"}) or vector(1',
			'a="b"} or up{',
			'{a!="b"}',
			'{a="b" b="c"}',
			'{a=b}',
			"{a='b'}",
			'{a="b\\q"}',
			'{a="b}',
			'{1a="b"}',
			'up{a="b"}',
			'{a="b"',
		]) {
			expect(parseLabelSelector(text), text).toMatchObject({ ok: false });
		}
	});
});

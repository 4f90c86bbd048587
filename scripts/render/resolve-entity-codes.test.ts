import { describe, expect, it } from 'vitest';
import { resolveEntityCodes } from './resolve-entity-codes.ts';

describe('resolveEntityCodes', () => {
	it('turns literal entity codes into character references, once', () => {
		expect(resolveEntityCodes('<text>&amp;#60;img&amp;#62; &amp;#38;#60;</text>')).toBe('<text>&#60;img&#62; &#38;#60;</text>');
	});

	it('leaves codes for characters XML does not allow, and other text, alone', () => {
		expect(resolveEntityCodes('&amp;#0; &amp;#55357; &amp;#1114112; &amp;amp; &amp;#x3c; &lt;')).toBe(
			'&amp;#0; &amp;#55357; &amp;#1114112; &amp;amp; &amp;#x3c; &lt;',
		);
	});
});

import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './escape-markdown.ts';

describe('escapeMarkdown', () => {
	it('backslash-escapes every mark Markdown could read as syntax', () => {
		expect(escapeMarkdown('a|b*c_d[e](f)`g`')).toBe('a\\|b\\*c\\_d\\[e\\]\\(f\\)\\`g\\`');
		expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('\\<img src\\=x onerror\\=alert\\(1\\)\\>');
		expect(escapeMarkdown('# 1. - + ! ~ \\ & @team')).toBe('\\# 1\\. \\- \\+ \\! \\~ \\\\ \\& \\@team');
	});

	it('keeps a name on one line, so it cannot start a heading, a list or a table row', () => {
		expect(escapeMarkdown('cart\n# Owned\r\n| x |\u2028y\tz')).toBe('cart \\# Owned \\| x \\| y z');
	});

	it('leaves letters, digits, spaces and other scripts as they are', () => {
		expect(escapeMarkdown('Zahlung 2 ✓ 支付')).toBe('Zahlung 2 ✓ 支付');
	});
});

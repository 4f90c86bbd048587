import { describe, expect, it } from 'vitest';
import { isSafeLinkUrl, urlScheme } from './safe-url.ts';

describe('isSafeLinkUrl', () => {
	it('lets http, https and mailto addresses through', () => {
		for (const url of ['https://example.com/a?b=c#d', 'http://wiki.example.com', 'HTTPS://EXAMPLE.COM', 'mailto:team@example.com']) {
			expect(isSafeLinkUrl(url), url).toBe(true);
		}
	});

	it('stops scripts, data, relative paths and addresses a browser would read differently', () => {
		for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>', 'vbscript:x', '//evil.example.com', '/docs', 'docs/runbook.md', 'https://ex ample.com', 'https://example.com/\u0000', ' https://example.com', '']) {
			expect(isSafeLinkUrl(url), JSON.stringify(url)).toBe(false);
		}
	});
});

describe('urlScheme', () => {
	it('finds the scheme a browser would, ignoring white space inside it', () => {
		expect(urlScheme('java\nscript:alert(1)')).toBe('javascript');
		expect(urlScheme('HTTPS://example.com')).toBe('https');
		expect(urlScheme('team@example.com')).toBeNull();
		expect(urlScheme('#payments')).toBeNull();
	});
});

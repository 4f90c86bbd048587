import { unified } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { SECTION_FRESHNESS_HTML, sectionFreshnessHtml } from '../render/section-freshness-html.ts';
import { escapeHtmlPlugin, type EscapeHtmlOptions } from './escape-html-plugin.ts';

// The renderer Astro builds for `.md` pages and content entries with its remark and rehype processor.
async function render(markdown: string, options?: EscapeHtmlOptions): Promise<string> {
	const processor = unified({ remarkPlugins: options === undefined ? [] : [[escapeHtmlPlugin, options]] });
	// Highlighting is off: Shiki splits the same code into spans differently from one run to the next.
	const renderer = await processor.createRenderer({ syntaxHighlight: false });
	return (await renderer.render(markdown)).code;
}

const attack = [
	'Inline <img src=x onerror=alert(1)> and <script>alert(2)</script> in a sentence.',
	'',
	'<script>alert(1)</script>',
	'',
	'<img src=x onerror=alert(1)>',
	'',
	'> <iframe src="https://evil.example"></iframe>',
	'',
	'- item with <b onclick="alert(3)">bold</b>',
	'',
	'<!-- a comment -->',
	'',
].join('\n');

describe('escapeHtmlPlugin', () => {
	it('lets raw HTML through when it is not installed, so the next test means something', async () => {
		const html = await render(attack);
		expect(html).toContain('<script>alert(1)</script>');
		expect(html).toContain('<img src="x" onerror="alert(1)">');
	});

	it('shows raw HTML as text, inline and as blocks', async () => {
		const html = await render(attack, {});
		expect(html).not.toMatch(/<(script|img|iframe|b)\b/);
		expect(html).not.toContain('<!--');
		// rehype-stringify writes `<` in text as `&#x3C;`, and leaves `>` and `"` as they are there.
		expect(html).toContain('<p>Inline &#x3C;img src=x onerror=alert(1)> and &#x3C;script>alert(2)&#x3C;/script> in a sentence.</p>');
		expect(html).toContain('<p>&#x3C;script>alert(1)&#x3C;/script></p>');
		expect(html).toContain('<p>&#x3C;img src=x onerror=alert(1)></p>');
		expect(html).toMatch(/<blockquote>\s*<p>&#x3C;iframe src="https:\/\/evil.example">&#x3C;\/iframe><\/p>\s*<\/blockquote>/);
		expect(html).toContain('<li>item with &#x3C;b onclick="alert(3)">bold&#x3C;/b></li>');
		expect(html).toContain('<p>&#x3C;!-- a comment --></p>');
	});

	it('leaves ordinary Markdown as it renders without it', async () => {
		const markdown = [
			'# Cart',
			'',
			'Some **bold**, *emphasis*, `a < b` and [a link](https://example.com).',
			'',
			'```html',
			'<script>in code</script>',
			'```',
			'',
			'| a | b |',
			'|---|---|',
			'| 1 | 2 |',
			'',
		].join('\n');
		const html = await render(markdown, {});
		expect(html).toBe(await render(markdown));
		expect(html).toContain('<strong>bold</strong>');
		expect(html).toContain('<a href="https://example.com">a link</a>');
		expect(html).toContain('<code>a &#x3C; b</code>');
		expect(html).toContain('<table>');
	});

	it('keeps only HTML that matches the allowed pattern whole', async () => {
		const line = sectionFreshnessHtml({ heading: 'Runbook', reviewed: '2026-10-01', ageDays: 53, stale: false }, '2026-11-23T00:00:00Z');
		const markdown = `## Runbook\n\n${line}\n\n${line}<script>alert(1)</script>\n\n<p>${line}</p>\n`;
		const html = await render(markdown, { allow: SECTION_FRESHNESS_HTML });
		expect(html).toContain(`\n${line}\n`);
		expect(html).toContain('&#x3C;script>');
		expect(html.split('<p class="section-freshness">')).toHaveLength(2);
	});
});

import { describe, expect, it } from 'vitest';
import { escapeMermaidText, labelText, MAX_NODE_LABEL, mermaidLabel } from './mermaid-label.ts';

const graphemes = (text: string) => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].length;

describe('labelText', () => {
	it('keeps ordinary names as they are', () => {
		expect(labelText('checkout-service', 48)).toBe('checkout-service');
		expect(labelText('Zürich Gateway (EU)', 48)).toBe('Zürich Gateway (EU)');
	});

	it('puts everything on one line and drops invisible format characters', () => {
		expect(labelText(' two\nlines\r\n\tand  tab ', 48)).toBe('two lines and tab');
		expect(labelText('abc\u202Eevil\u200Bx\uFEFF', 48)).toBe('abcevilx');
		expect(labelText('a\uFFFEb\uD800c', 48)).toBe('ab\uFFFDc');
		expect(labelText('e\u0301', 48)).toBe('\u00E9');
	});

	it('cuts long labels at the grapheme limit, with an ellipsis', () => {
		const cut = labelText('n'.repeat(500), MAX_NODE_LABEL);
		expect(cut).toBe(`${'n'.repeat(MAX_NODE_LABEL - 1)}…`);
		expect(labelText('n'.repeat(MAX_NODE_LABEL), MAX_NODE_LABEL)).toBe('n'.repeat(MAX_NODE_LABEL));
	});

	it('never cuts inside an emoji sequence', () => {
		const family = '👩‍👩‍👧‍👦';
		const cut = labelText(family.repeat(10), 4);
		expect(cut).toBe(`${family.repeat(3)}…`);
		expect(graphemes(cut)).toBe(4);
	});

	it('caps stacked combining marks', () => {
		const zalgo = `a${'\u0301'.repeat(5000)}b`;
		expect(labelText(zalgo, 10).length).toBeLessThanOrEqual(10 * 16 + 1);
	});
});

describe('escapeMermaidText', () => {
	it('writes every character outside the safe set as a decimal entity code', () => {
		expect(escapeMermaidText('a"b')).toBe('a#34;b');
		expect(escapeMermaidText('#;%:`<>&\\$')).toBe('#35;#59;#37;#58;#96;#60;#62;#38;#92;#36;');
		expect(escapeMermaidText('v1.2_x-y/z, (eu)')).toBe('v1.2_x-y/z, (eu)');
	});

	it('leaves letters and emoji of any script raw, but not Mermaid placeholder characters', () => {
		expect(escapeMermaidText('日本語 🚀 naïve')).toBe('日本語 🚀 naïve');
		expect(escapeMermaidText('ﬂ°¶')).toBe('#64258;#176;#182;');
	});
});

describe('mermaidLabel', () => {
	it('quotes the escaped text and names empty labels', () => {
		expect(mermaidLabel('a "b"', 48)).toBe('"a #34;b#34;"');
		expect(mermaidLabel(' \n ', 48)).toBe('"(unnamed)"');
	});
});

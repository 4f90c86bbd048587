import { readFileSync } from 'node:fs';
import path from 'node:path';
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';
import type { DiagramResult } from '../render/render-diagrams.ts';
import { diagramMarker, inlineDiagrams } from './inline-diagrams.ts';
import { DIAGRAM_STYLESHEET, SHARED_DIAGRAM_CLASS, shareDiagramStyles } from './share-diagram-styles.ts';

// SVGs Halflife drew for the demo: a service page's diagram with an undocumented node, one without, and the map's overview.
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', 'diagrams', `${name}.svg`), 'utf8');
const diagrams = new Map<string, DiagramResult>([
	['service-address-validator', { svg: fixture('undocumented') }],
	['service-analytics-ingest', { svg: fixture('plain') }],
	['map-overview', { svg: fixture('map-overview') }],
	['note-cart-1a2b3c4d', { svg: fixture('plain').replace('hl-service-analytics-ingest-8c3eddf6', 'hl-note-cart') }],
	['service-broken', { fallback: 'flowchart LR\n  a --> b' }],
]);
const styleOf = (svg: string) => /<style>([\s\S]*?)<\/style>/.exec(svg)?.[1] ?? null;

describe('shareDiagramStyles', () => {
	const result = shareDiagramStyles(diagrams);

	it('takes the stylesheet out of every generated diagram and marks it with the shared class, keeping its ids', () => {
		expect([...result.shared].sort()).toEqual(['map-overview', 'service-address-validator', 'service-analytics-ingest']);
		for (const id of result.shared) {
			const before = (diagrams.get(id) as { svg: string }).svg;
			const after = (result.diagrams.get(id) as { svg: string }).svg;
			expect(styleOf(after)).toBeNull();
			expect(after).toMatch(new RegExp(`^<svg id="[^"]+" [^>]*class="${SHARED_DIAGRAM_CLASS} flowchart"`));
			// Only the stylesheet and the class changed.
			expect(after.replace(`${SHARED_DIAGRAM_CLASS} `, '')).toBe(before.replace(`<style>${styleOf(before)!}</style>`, ''));
			expect([...after.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1])).toEqual([...before.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]));
		}
	});

	it("leaves a note's diagram, which may be any kind of diagram, and a diagram left to the browser as they were", () => {
		expect(result.diagrams.get('note-cart-1a2b3c4d')).toBe(diagrams.get('note-cart-1a2b3c4d'));
		expect(result.diagrams.get('service-broken')).toBe(diagrams.get('service-broken'));
	});

	it('writes each rule of those diagrams once, scoped by the class instead of an id', () => {
		const css = result.css!;
		expect(css).not.toMatch(/#hl-/);
		const rules: string[] = [];
		postcss.parse(css).walkRules((rule) => void rules.push(rule.selector));
		const scoped = rules.filter((selector) => !/^(from|to|\d+%)$/.test(selector));
		expect(scoped.every((selector) => selector.split(',').every((part) => part.trim().startsWith(`.${SHARED_DIAGRAM_CLASS}`)))).toBe(true);
		expect(new Set(postcss.parse(css).nodes.map(String)).size).toBe(postcss.parse(css).nodes.length);
		// The union: the undocumented box's rules come from the one diagram that has them.
		expect(css).toContain(`.${SHARED_DIAGRAM_CLASS} .undocumented rect{`);
		expect(styleOf(fixture('plain'))).not.toContain('.undocumented');
		// One stylesheet is smaller than the three it replaces by about two of them.
		const separate = [...result.shared].reduce((sum, id) => sum + styleOf((diagrams.get(id) as { svg: string }).svg)!.length, 0);
		expect(css.length).toBeLessThan(separate / 2);
	});

	it('shares nothing when no diagram was drawn here', () => {
		expect(shareDiagramStyles(new Map([['service-broken', { fallback: 'x' }]]))).toMatchObject({ shared: new Set(), css: null });
	});

	it('links the stylesheet from a page only when the page holds a diagram it styles', () => {
		const page = (id: string) => `<!doctype html><html><head><title>t</title></head><body>${diagramMarker(id)}</body></html>`;
		const stylesheet = { ids: result.shared, url: `/base/${DIAGRAM_STYLESHEET}` };
		const link = `<link rel="stylesheet" href="/base/${DIAGRAM_STYLESHEET}">`;
		expect(inlineDiagrams(page('service-analytics-ingest'), result.diagrams, '/s.js', stylesheet)).toContain(`${link}</head>`);
		expect(inlineDiagrams(page('note-cart-1a2b3c4d'), result.diagrams, '/s.js', stylesheet)).not.toContain(link);
	});
});

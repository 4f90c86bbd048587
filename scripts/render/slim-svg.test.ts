import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { slimSvg } from './slim-svg.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', 'publish', 'fixtures', 'diagrams', `${name}.svg`), 'utf8');
const all = (svg: string, pattern: RegExp) => [...svg.matchAll(pattern)].map((m) => m[0]);

describe('slimSvg', () => {
	const original = fixture('plain');
	const slim = slimSvg(original);

	it('keeps every id, link, label and class the site and its tests select on', () => {
		// Every element's id, the root's, the lines' and the boxes'; only unused definitions go.
		const ids = (svg: string) => all(svg, /\sid="[^"]*"/g).filter((id) => !/flowchart-v2-|drop-shadow/.test(id));
		expect(ids(slim)).toEqual(ids(original));
		expect(ids(slim).length).toBeGreaterThan(7);
		expect(all(slim, /xlink:href="[^"]*"/g)).toEqual(all(original, /xlink:href="[^"]*"/g));
		expect(all(slim, /<tspan[^>]*>[^<]+/g).map((t) => t.replace(/^<[^>]*>/, ''))).toEqual(['analytics-ingest', 'api-gateway', 'clickhouse&#58;events', 'kafka&#58;clickstream']);
		expect(all(slim, /class="node [^"]*"/g)).toEqual(all(original, /class="node [^"]*"/g));
		expect(all(slim, /<path[^>]*flowchart-link/g)).toHaveLength(3);
		expect(slim).toContain('<style>');
	});

	it('drops Mermaid\'s bookkeeping, the arrowheads no line uses and the labels no edge has', () => {
		for (const name of ['data-points', 'data-et', 'data-edge', 'data-id', 'data-look="classic"']) expect(slim).not.toContain(name);
		const used = new Set(all(original, /url\(#([^)]+)\)/g));
		expect(all(slim, /<marker\b[^>]*\sid="([^"]+)"/g).every((m) => used.has(`url(#${/id="([^"]+)"/.exec(m)![1]})`))).toBe(true);
		expect(all(slim, /<marker\b/g).length).toBeLessThan(all(original, /<marker\b/g).length);
		expect(slim).not.toContain('class="edgeLabel"');
		expect(slim).not.toMatch(/<g[^>]*\/>|<g><\/g>|<rect\/>/);
		expect(slim.length).toBeLessThan(original.length - 7000);
	});

	it('shortens a number only to the 32-bit float a browser reads it as', () => {
		const svg = '<svg id="x"><g transform="translate(226.7998046875, 95.42240905761719)"><rect x="-63.2998046875" width="126.599609375" height="1.5"/></g></svg>';
		const out = slimSvg(svg);
		expect(out).toBe('<svg id="x"><g transform="translate(226.7998, 95.42241)"><rect x="-63.299805" width="126.59961" height="1.5"/></g></svg>');
		const numbers = (s: string) => all(s, /-?\d+\.\d+/g).map((n) => Math.fround(Number(n)));
		expect(numbers(out)).toEqual(numbers(svg));
	});

	it('keeps a data attribute that the diagram\'s own stylesheet selects on, and a definition it refers to', () => {
		const svg = '<svg id="x"><style>[data-look="neo"] path{fill:red}</style><defs><filter id="f"></filter><filter id="unused"></filter></defs><path data-look="neo" style="filter:url(#f)" d="M0,0"/><path data-look="classic" d="M1,1"/></svg>';
		expect(slimSvg(svg)).toBe('<svg id="x"><style>[data-look="neo"] path{fill:red}</style><defs><filter id="f"></filter></defs><path data-look="neo" style="filter:url(#f)" d="M0,0"/><path d="M1,1"/></svg>');
	});

	it('merges the style and classes Mermaid repeats on an edge', () => {
		const svg = '<svg id="x"><path class="a b a b c" style="stroke:#1a7f37;fill:none;;;stroke:#1a7f37;fill:none" d="M0,0"/></svg>';
		expect(slimSvg(svg)).toBe('<svg id="x"><path class="a b c" style="stroke:#1a7f37;fill:none" d="M0,0"/></svg>');
	});
});

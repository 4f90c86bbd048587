import { describe, expect, it } from 'vitest';
import { diagramSource, legendItems, type DiagramGraph } from './diagram-source.ts';
import { nodeStyles } from './edge-styles.ts';
import { BUILD_BASE } from '../publish/site-layout.ts';
import { hostileLabels } from './fixtures/hostile-labels.ts';
import { labelText, MAX_EDGE_LABEL, MAX_NODE_LABEL } from './mermaid-label.ts';

// What may stand between the quotes of a label: nothing that ends the string or that Mermaid's
// preprocessing reads (directives, comments, entities, style lines, icons, markdown, breaks).
const QUOTED = /^"(?:[^"#;%:`<>&\\$\n\r]|#\d+;)*"$/u;
const decode = (quoted: string) => quoted.slice(1, -1).replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));

const hostileGraph: DiagramGraph = {
	nodes: hostileLabels.map((label, i) => ({
		id: `id ${label}`,
		label,
		kind: (['service', 'database', 'queue', 'external'] as const)[i % 4]!,
		focus: i === 0,
		documented: i !== 1,
		href: i === 2 ? '/services/img/' : i === 3 ? 'javascript:alert(1)' : i === 4 ? '//evil.example/' : undefined,
	})),
	edges: [
		{ from: `id ${hostileLabels[0]}`, to: `id ${hostileLabels[1]}`, status: 'confirmed', label: '1.2k calls' },
		{ from: `id ${hostileLabels[0]}`, to: `id ${hostileLabels[2]}`, status: 'hidden', label: hostileLabels[2] },
		{ from: `id ${hostileLabels[3]}`, to: `id ${hostileLabels[0]}`, status: 'phantom' },
	],
};

describe('diagramSource', () => {
	it('keeps the structure of a diagram whatever its labels say', () => {
		const lines = diagramSource(hostileGraph).split('\n');
		const n = hostileLabels.length;
		expect(lines[0]).toBe('flowchart LR');
		const shapes = [/^\(|\)$/g, /^\[\(|\)\]$/g, /^>|\]$/g, /^\{\{|\}\}$/g];
		for (const [i, label] of hostileLabels.entries()) {
			const line = lines[1 + i]!;
			const match = /^\tn(\d+)(.*)$/s.exec(line);
			expect(match?.[1], line).toBe(String(i));
			const quoted = match![2]!.replace(shapes[i % 4]!, '');
			expect(quoted, line).toMatch(QUOTED);
			expect(decode(quoted)).toBe(labelText(label, MAX_NODE_LABEL) || '(unnamed)');
		}
		const rest = lines.slice(1 + n);
		const edgeLabel = rest[1]!.slice('\tn0 ==>|'.length, -'| n2'.length);
		expect(edgeLabel).toMatch(QUOTED);
		expect(decode(edgeLabel)).toBe(labelText(hostileLabels[2]!, MAX_EDGE_LABEL));
		expect(rest).toEqual([
			'\tn0 -->|"1.2k calls"| n1',
			`\tn0 ==>|${edgeLabel}| n2`,
			'\tn3 -.-> n0',
			'\tlinkStyle 0 stroke:#1a7f37,stroke-width:2px',
			'\tlinkStyle 1 stroke:#b35900,stroke-width:4px',
			'\tlinkStyle 2 stroke:#6e7781,stroke-width:2px,stroke-dasharray:5 5',
			'\tclassDef undocumented fill:#fff1e5,stroke:#b35900,stroke-width:3px',
			'\tclass n1 undocumented',
			'\tclassDef focus fill:#ddf4ff,stroke:#0550ae,stroke-width:3px,color:#0a3069,font-weight:bold',
			'\tclass n0 focus',
			`\tclick n2 href "${BUILD_BASE}services/img/"`,
			'',
		]);
	});

	it('gives the same text for the same graph', () => {
		expect(diagramSource(structuredClone(hostileGraph))).toBe(diagramSource(hostileGraph));
	});

	it('draws an empty graph and a single node', () => {
		expect(diagramSource({ nodes: [], edges: [] })).toBe('flowchart LR\n');
		expect(diagramSource({ nodes: [{ id: 'x', label: 'orders-db', kind: 'database' }], edges: [] })).toBe(
			'flowchart LR\n\tn0[("orders-db")]\n',
		);
	});

	it('refuses edges to unknown nodes and duplicate node ids', () => {
		const node = { id: 'a', label: 'a', kind: 'service' } as const;
		expect(() => diagramSource({ nodes: [node], edges: [{ from: 'a', to: 'b', status: 'hidden' }] })).toThrow(/unknown node "b"/);
		expect(() => diagramSource({ nodes: [node, node], edges: [] })).toThrow(/used twice/);
	});
});

describe('legendItems', () => {
	it('describes every edge status with the style its lines are drawn in', () => {
		expect(legendItems.map((item) => item.status)).toEqual(['confirmed', 'learned', 'hidden', 'dormant', 'phantom']);
		const source = diagramSource({
			nodes: [
				{ id: 'a', label: 'a', kind: 'service' },
				{ id: 'b', label: 'b', kind: 'service' },
			],
			edges: legendItems.map((item) => ({ from: 'a', to: 'b', status: item.status })),
		});
		for (const [i, item] of legendItems.entries()) {
			expect(item.description).not.toBe('');
			expect(source).toContain(`linkStyle ${i} stroke:${item.stroke},stroke-width:${item.width}px${item.dash ? `,stroke-dasharray:${item.dash}` : ''}`);
		}
	});

	it('keeps dashes for lines declared and not seen: no box is ever drawn dashed', () => {
		expect(legendItems.filter((item) => item.dash !== null).map((item) => item.status)).toEqual(['dormant', 'phantom']);
		const source = diagramSource({
			nodes: [
				{ id: 'a', label: 'a', kind: 'service', documented: false, focus: true },
				{ id: 'b', label: 'b', kind: 'database', documented: false },
				{ id: 'c', label: 'c', kind: 'external' },
			],
			edges: [],
		});
		expect(source).not.toMatch(/classDef[^\n]*dasharray/);
		expect(source).toContain(`classDef undocumented fill:${nodeStyles.undocumented.fill},stroke:${nodeStyles.undocumented.stroke}`);
	});
});

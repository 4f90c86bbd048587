import { classDef, edgeStyles, type EdgeStatus } from './edge-styles.ts';
import { escapeMermaidText, labelText, MAX_EDGE_LABEL, MAX_NODE_LABEL, mermaidLabel } from './mermaid-label.ts';
import { BUILD_BASE } from '../publish/site-layout.ts';
import { isSafeSiteHref } from './safe-site-href.ts';
import type { ModelService } from '../model/model-schema.ts';

export { legendItems, type EdgeStatus, type LegendItem } from './edge-styles.ts';

/** One box in a dependency diagram. */
export interface DiagramNode {
	/** Caller-chosen key that edges refer to; never written into the diagram. */
	id: string;
	/** Text in the box; untrusted, any string. */
	label: string;
	/** Decides the shape: what the model says the node is. */
	kind: ModelService['kind'];
	/** Highlights the node the page is about. */
	focus?: boolean | undefined;
	/** Site-relative link for the node, e.g. `/services/cart/`; dropped unless it is a plain path. */
	href?: string | undefined;
	/** False marks a running service nobody has written about (see nodeStyles.undocumented). */
	documented?: boolean | undefined;
}

/** One arrow in a dependency diagram. */
export interface DiagramEdge {
	/** `id` of the calling node. */
	from: string;
	/** `id` of the called node. */
	to: string;
	/** How the dependency is known; decides the line style. */
	status: EdgeStatus;
	/** Text on the arrow, e.g. `1.2k calls`; escaped like any label. */
	label?: string | undefined;
}

/** The nodes and edges of one dependency diagram. */
export interface DiagramGraph {
	nodes: DiagramNode[];
	edges: DiagramEdge[];
}

// Opening and closing brackets of each shape, around a quoted label.
const shapes: Record<DiagramNode['kind'], [string, string]> = {
	service: ['(', ')'],
	database: ['[(', ')]'],
	queue: ['>', ']'],
	external: ['{{', '}}'],
};


/**
 * Builds the Mermaid `flowchart LR` source of a dependency diagram. Node ids are generated
 * (`n0`, `n1`, ... in input order) and every label is escaped, so no input can change the
 * diagram's structure; the same graph always gives the same text.
 */
export function diagramSource(graph: DiagramGraph): string {
	const index = new Map<string, string>();
	for (const [i, node] of graph.nodes.entries()) {
		if (index.has(node.id)) throw new Error(`Diagram node id ${JSON.stringify(node.id)} is used twice.`);
		index.set(node.id, `n${i}`);
	}
	const ref = (id: string) => {
		const key = index.get(id);
		if (key === undefined) throw new Error(`Diagram edge refers to unknown node ${JSON.stringify(id)}.`);
		return key;
	};

	const lines = ['flowchart LR'];
	for (const [i, node] of graph.nodes.entries()) {
		const [open, close] = shapes[node.kind];
		lines.push(`\tn${i}${open}${mermaidLabel(node.label, MAX_NODE_LABEL)}${close}`);
	}
	for (const edge of graph.edges) {
		const { arrow } = edgeStyles[edge.status];
		const shown = edge.label === undefined ? '' : labelText(edge.label, MAX_EDGE_LABEL);
		const text = shown === '' ? '' : `|"${escapeMermaidText(shown)}"|`;
		lines.push(`\t${ref(edge.from)} ${arrow}${text} ${ref(edge.to)}`);
	}
	for (const [i, edge] of graph.edges.entries()) {
		const { stroke, width, dash } = edgeStyles[edge.status];
		const dashed = dash === null ? '' : `,stroke-dasharray:${dash}`;
		lines.push(`\tlinkStyle ${i} stroke:${stroke},stroke-width:${width}px${dashed}`);
	}

	const focused = graph.nodes.flatMap((node, i) => (node.focus ? [`n${i}`] : []));
	const undocumented = graph.nodes.flatMap((node, i) => (node.documented === false ? [`n${i}`] : []));
	if (undocumented.length > 0) lines.push(`\t${classDef('undocumented')}`, `\tclass ${undocumented.join(',')} undocumented`);
	// Last, so that its border wins over the undocumented one on the page's own node.
	if (focused.length > 0) lines.push(`\t${classDef('focus')}`, `\tclass ${focused.join(',')} focus`);

	// Under the build's base, like Astro's own links: a frozen copy's diagrams link inside that copy.
	for (const [i, node] of graph.nodes.entries()) {
		if (node.href !== undefined && isSafeSiteHref(node.href)) lines.push(`\tclick n${i} href "${BUILD_BASE}${node.href.slice(1)}"`);
	}
	return `${lines.join('\n')}\n`;
}

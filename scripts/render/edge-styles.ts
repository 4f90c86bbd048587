import type { EdgeStatus } from '../model/model-schema.ts';
import { mermaidConfig } from './mermaid-config.ts';

export type { EdgeStatus };

/** How a line of one status is drawn. */
export interface EdgeStyle {
	/** Line colour, a `#rrggbb` hex code. */
	stroke: string;
	/** Line width in pixels. */
	width: number;
	/** SVG `stroke-dasharray`, or null for a solid line. */
	dash: string | null;
	/** Mermaid link operator that draws the same kind of line without styles. */
	arrow: '-->' | '==>' | '-.->';
}

// Colours match the site's light palette (`--confirmed`, `--hidden`, `--phantom`) because the
// diagram sits on a white card in both colour schemes; the shape of the line carries the
// meaning on its own for readers who cannot tell the colours apart or print in grey.
/** The line style of each edge status, shared by the diagrams and their legend. */
export const edgeStyles: Readonly<Record<EdgeStatus, EdgeStyle>> = {
	confirmed: { stroke: '#1a7f37', width: 2, dash: null, arrow: '-->' },
	// Thicker than confirmed and purple: seen, but only an incident wrote it down; its label names the incident.
	learned: { stroke: '#8250df', width: 3, dash: null, arrow: '==>' },
	hidden: { stroke: '#b35900', width: 4, dash: null, arrow: '==>' },
	// Blue and finely dotted: declared and seen before, so not a gap, only quiet in this window.
	dormant: { stroke: '#0969da', width: 2, dash: '2 4', arrow: '-.->' },
	phantom: { stroke: '#6e7781', width: 2, dash: '5 5', arrow: '-.->' },
};

/** One entry of a diagram legend. */
export interface LegendItem extends EdgeStyle {
	status: EdgeStatus;
	/** Short name of the status. */
	label: string;
	/** What the line means, in one sentence. */
	description: string;
}

/** What each line in a diagram means, in the order a legend lists them. */
export const legendItems: readonly LegendItem[] = [
	{ status: 'confirmed', label: 'confirmed', description: 'Declared in a note or a catalog, and observed in telemetry.', ...edgeStyles.confirmed },
	{ status: 'learned', label: 'learned', description: 'Observed in telemetry, and declared only by a post-incident review, not by a note or catalog; its label names the incident.', ...edgeStyles.learned },
	{ status: 'hidden', label: 'hidden', description: 'Observed in telemetry, but no note, catalog or incident review declares it.', ...edgeStyles.hidden },
	{ status: 'dormant', label: 'dormant', description: 'Declared in a note or a catalog, not observed in this window, but observed by an earlier build.', ...edgeStyles.dormant },
	{ status: 'phantom', label: 'phantom', description: 'Declared in a note or a catalog, and not observed by any build.', ...edgeStyles.phantom },
];

/**
 * How one line standing for several dependencies is drawn, and the label that says what it holds:
 * hidden if any of them is (an undocumented call is the one worth a look), else phantom if any is
 * (a solid line must not hide a declared call nobody saw), else dormant if any is, else learned
 * if any is (only an incident wrote it down), and confirmed only if all are. The label
 * counts each kind, in the legend's order: "3 confirmed, 1 phantom".
 */
export function combineStatuses(statuses: readonly EdgeStatus[]): { status: EdgeStatus; label: string } {
	const count = (status: EdgeStatus) => statuses.filter((st) => st === status).length;
	const status = count('hidden') > 0 ? 'hidden' : count('phantom') > 0 ? 'phantom' : count('dormant') > 0 ? 'dormant' : count('learned') > 0 ? 'learned' : 'confirmed';
	const label = legendItems
		.map((item) => [count(item.status), item.label] as const)
		.filter(([n]) => n > 0)
		.map(([n, name]) => `${n} ${name}`)
		.join(', ');
	return { status, label };
}

/** The rule a line standing for several dependencies is drawn by, for the legends of pictures that have such lines. */
export const COMBINED_LINE_RULE =
	'a line standing for several dependencies is drawn hidden if any of them is, else phantom if any is, else dormant if any is, else learned if any is, and confirmed only if all are; its label counts each kind';

/** How a box is drawn: its fill, its border, and the border's width in pixels. Borders are always solid: only a line's dashes mean something. */
export interface NodeStyle {
	fill: string;
	stroke: string;
	width: number;
	/** Extra text styles, for the focus. */
	text?: string;
}

// The same language as the lines: orange is what runs and nobody wrote down, dashes are kept for
// "declared, not seen". A database, queue or external host is told by its shape, never by its border.
/** How boxes are drawn: plain, a running service nobody has written about, and the service a page is about. */
export const nodeStyles = {
	plain: { fill: mermaidConfig.themeVariables.primaryColor, stroke: mermaidConfig.themeVariables.primaryBorderColor, width: 1 },
	undocumented: { fill: '#fff1e5', stroke: edgeStyles.hidden.stroke, width: 3 },
	focus: { fill: '#ddf4ff', stroke: '#0550ae', width: 3, text: 'color:#0a3069,font-weight:bold' },
} as const satisfies Record<string, NodeStyle>;

/** The Mermaid `classDef` line that draws boxes of one style (commas only: Mermaid strips a trailing `;` from style lines holding `#`). */
export function classDef(name: keyof typeof nodeStyles): string {
	const style: NodeStyle = nodeStyles[name];
	return `classDef ${name} fill:${style.fill},stroke:${style.stroke},stroke-width:${style.width}px${style.text ? `,${style.text}` : ''}`;
}

/** What the boxes of a diagram mean, as a legend lists them after the lines. */
export const nodeLegendItems = [{ style: 'undocumented', description: 'A running service nobody has written about: seen in telemetry, described by no note or catalog.' }] as const;

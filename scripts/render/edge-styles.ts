/** How a dependency is known: declared and observed, observed only, or declared only. */
export type EdgeStatus = 'confirmed' | 'hidden' | 'phantom';

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
	hidden: { stroke: '#b35900', width: 4, dash: null, arrow: '==>' },
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
	{ status: 'confirmed', label: 'confirmed', description: 'Declared in a note and observed in telemetry.', ...edgeStyles.confirmed },
	{ status: 'hidden', label: 'hidden', description: 'Observed in telemetry, but no note declares it.', ...edgeStyles.hidden },
	{ status: 'phantom', label: 'phantom', description: 'Declared in a note, but not observed in the telemetry window.', ...edgeStyles.phantom },
];

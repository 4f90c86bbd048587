import { escapeHtml } from '../lib/escape-html.ts';
import { diagramDomId } from '../render/diagram-dom-id.ts';
import { fallbackScript } from '../render/fallback-script.ts';
import type { DiagramResult } from '../render/render-diagrams.ts';

/** Marker a page leaves where a diagram goes; the id is ours (`service-<slug>`, `map-overview`, `note-<slug>-<hash>`). */
export const diagramMarker = (id: string) => `<!--halflife:diagram:${id}-->`;

const MARKER = /<!--halflife:diagram:([a-z0-9-]+)-->/g;

/** Diagrams whose styles are in a shared stylesheet (see shareDiagramStyles), and where it is served for this copy of the site. */
export interface SharedStylesheet {
	ids: ReadonlySet<string>;
	url: string;
}

/**
 * Puts each build's diagrams into its pages. Pages are built while the diagrams are still
 * rendering and carry only a marker; publishing swaps in the SVG, or, for a diagram that could
 * not be rendered here, its escaped source plus the script that renders it in the browser.
 * `scriptUrl` is where that script is served for this copy of the site; a page with a diagram
 * styled by the shared stylesheet links to it.
 */
export function inlineDiagrams(html: string, diagrams: ReadonlyMap<string, DiagramResult>, scriptUrl: string, stylesheet?: SharedStylesheet): string {
	let needsScript = false;
	let needsStylesheet = false;
	let out = html.replace(MARKER, (_, id: string) => {
		const artifact = diagrams.get(id);
		if (!artifact) return '';
		if ('svg' in artifact) {
			needsStylesheet ||= stylesheet?.ids.has(id) ?? false;
			return artifact.svg;
		}
		needsScript = true;
		// The DOM id is the one the build would have given the SVG, so the page is the same either way.
		return `<pre class="mermaid" data-diagram-id="${diagramDomId(id)}">${escapeHtml(artifact.fallback)}</pre>`;
	});
	if (needsStylesheet) {
		const link = `<link rel="stylesheet" href="${escapeHtml(stylesheet!.url)}">`;
		out = out.includes('</head>') ? out.replace('</head>', `${link}</head>`) : link + out;
	}
	if (!needsScript) return out;
	const script = fallbackScript(scriptUrl);
	return out.includes('</body>') ? out.replace('</body>', `${script}</body>`) : out + script;
}

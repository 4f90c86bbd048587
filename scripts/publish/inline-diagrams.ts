import { escapeHtml } from '../lib/escape-html.ts';
import type { DiagramResult } from '../render/render-diagrams.ts';


/** Marker a page leaves where a diagram goes; the id is ours (`service-<slug>`, `map-overview`). */
export const diagramMarker = (id: string) => `<!--halflife:diagram:${id}-->`;

const MARKER = /<!--halflife:diagram:([a-z0-9-]+)-->/g;

/**
 * Puts each build's diagrams into its pages. Pages are built while the diagrams are still
 * rendering and carry only a marker; publishing swaps in the SVG, or, for a diagram that could
 * not be rendered here, its escaped source plus the script that renders it in the browser.
 * `scriptUrl` is where that script is served for this copy of the site.
 */
export function inlineDiagrams(html: string, diagrams: ReadonlyMap<string, DiagramResult>, scriptUrl: string): string {
	let needsScript = false;
	const out = html.replace(MARKER, (_, id: string) => {
		const artifact = diagrams.get(id);
		if (!artifact) return '';
		if ('svg' in artifact) return artifact.svg;
		needsScript = true;
		return `<pre class="mermaid">${escapeHtml(artifact.fallback)}</pre>`;
	});
	if (!needsScript) return out;
	const script =
		`<script src="${scriptUrl}"></script>` +
		`<script>if (window.mermaid) { mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }); mermaid.run({ querySelector: 'pre.mermaid' }); }</script>`;
	return out.includes('</body>') ? out.replace('</body>', `${script}</body>`) : out + script;
}

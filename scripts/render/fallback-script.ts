import { mermaidConfig } from './mermaid-config.ts';
import { isXmlChar } from './resolve-entity-codes.ts';

/** What the page's script uses of Mermaid's browser bundle. */
interface MermaidInBrowser {
	initialize(config: object): void;
	render(id: string, source: string): Promise<{ svg: string }>;
}

/**
 * The scripts a page needs to draw, in the reader's browser, the diagrams the build could not:
 * Mermaid's bundle from `scriptUrl`, then each `<pre class="mermaid" data-diagram-id>` rendered
 * the way the build renders (the shared `mermaidConfig`, the diagram's own DOM id, entity codes in
 * labels resolved to text). The config is JSON with `<` escaped, so it cannot end the script.
 */
export function fallbackScript(scriptUrl: string): string {
	const config = JSON.stringify(mermaidConfig).replaceAll('<', '\\u003c');
	return `<script src="${scriptUrl}"></script><script>(${renderInBrowser})(window.mermaid, ${config}, ${isXmlChar});</script>`;
}

// Runs in the reader's browser, sent as its source: it names nothing outside its arguments.
async function renderInBrowser(mermaid: MermaidInBrowser | undefined, config: object, isXml: (code: number) => boolean): Promise<void> {
	if (typeof mermaid?.render !== 'function') return;
	mermaid.initialize(config);
	for (const pre of Array.from(document.querySelectorAll<HTMLElement>('pre.mermaid[data-diagram-id]'))) {
		try {
			const { svg } = await mermaid.render(pre.dataset['diagramId']!, pre.textContent ?? '');
			const template = document.createElement('template');
			// Mermaid's strict security level has passed the SVG through DOMPurify already.
			template.innerHTML = svg;
			// Labels are written as entity codes, which Mermaid leaves as text in SVG labels (mermaid-js/mermaid#7015).
			const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_TEXT);
			for (let text = walker.nextNode(); text; text = walker.nextNode()) {
				text.nodeValue = text.nodeValue!.replace(/&#(\d{1,7});/g, (whole, digits: string) =>
					isXml(Number(digits)) ? String.fromCodePoint(Number(digits)) : whole,
				);
			}
			pre.replaceWith(template.content);
		} catch {
			// The source stays on the page, readable as text.
		}
	}
}

import postcss from 'postcss';
import type { DiagramResult } from '../render/render-diagrams.ts';
import { diagramDomId } from '../render/diagram-dom-id.ts';

/** Class a generated diagram's SVG carries once its own stylesheet has moved into the shared one. */
export const SHARED_DIAGRAM_CLASS = 'hl-diagram';

/** Where the shared stylesheet is, under a version's base. */
export const DIAGRAM_STYLESHEET = '_halflife/diagrams.css';

/** A build's diagrams with the styles of the generated ones moved into one stylesheet. */
export interface SharedDiagramStyles {
	/** Every diagram, the generated ones' SVGs without their `<style>` and with SHARED_DIAGRAM_CLASS. */
	diagrams: Map<string, DiagramResult>;
	/** Ids of the diagrams whose pages need the stylesheet. */
	shared: Set<string>;
	/** The stylesheet: every rule of those diagrams once, scoped to the class; null when none was shared. */
	css: string | null;
}

// Mermaid writes the same stylesheet, some 8 kB, into every SVG, scoped by the SVG's id; only the
// classDefs a diagram uses vary. Generated diagrams are all flowcharts drawn with one config, so one
// stylesheet scoped by a class serves them all: a quarter off every service page, and off every
// frozen copy. A note's diagram may be any kind of Mermaid diagram, whose rules could clash: it keeps its own.
const isGenerated = (id: string) => !id.startsWith('note-');

/**
 * Moves the `<style>` of every generated diagram's SVG into one stylesheet, each rule once, with
 * `#<svg id>` replaced by `.hl-diagram` (every rule loses the same specificity, so their order
 * still decides between them). Ids stay, for the markers that lines refer to; a declaration that
 * refers to one diagram's own element is dropped.
 */
export function shareDiagramStyles(diagrams: ReadonlyMap<string, DiagramResult>): SharedDiagramStyles {
	const out = new Map(diagrams);
	const shared = new Set<string>();
	const rules = new Set<string>();
	for (const [id, artifact] of diagrams) {
		if (!('svg' in artifact) || !isGenerated(id)) continue;
		const root = diagramDomId(id);
		const match = /<style>([\s\S]*?)<\/style>/.exec(artifact.svg);
		if (!match || !artifact.svg.startsWith(`<svg id="${root}"`)) continue;
		const scope = new RegExp(`#${root}(?![\\w-])`, 'g');
		const sheet = postcss.parse(match[1]!);
		sheet.walkRules((rule) => {
			rule.selector = rule.selector.replace(scope, `.${SHARED_DIAGRAM_CLASS}`);
		});
		// A value naming one diagram's element (the gradient of Mermaid's unused `neo` look) is wrong for any other.
		sheet.walkDecls((decl) => {
			if (decl.value.includes(`url(#${root}`)) decl.remove();
		});
		for (const node of sheet.nodes) rules.add(node.toString());
		const svg = artifact.svg.slice(0, match.index) + artifact.svg.slice(match.index + match[0].length);
		out.set(id, { svg: withClass(svg, SHARED_DIAGRAM_CLASS) });
		shared.add(id);
	}
	return { diagrams: out, shared, css: shared.size === 0 ? null : `${[...rules].join('\n')}\n` };
}

// Adds a class to an SVG's root element, beside the ones Mermaid gave it (`flowchart`).
function withClass(svg: string, name: string): string {
	const open = /^<svg\b[^>]*>/.exec(svg)![0];
	const tag = / class="([^"]*)"/.test(open) ? open.replace(/ class="([^"]*)"/, ` class="${name} $1"`) : open.replace(/^<svg/, `<svg class="${name}"`);
	return tag + svg.slice(open.length);
}

/**
 * Drops from a Mermaid SVG the markup that draws nothing and that nothing reads, and shortens its
 * numbers to the precision a browser keeps, so an inlined diagram weighs less on every page. Ids,
 * classes, links, text and styles that apply stay, so the picture, its links and the selectors
 * the site and its tests use are unchanged. Works on Mermaid's serialized output (every attribute
 * double-quoted, text escaped), with no parser: it runs once per rendered diagram.
 */
export function slimSvg(svg: string): string {
	// Mermaid's stylesheet selects `[data-look="neo"]`; an attribute a selector names stays.
	const selected = new Set([...svg.matchAll(ATTRIBUTE_SELECTOR)].map((m) => m[0]));
	const read = (name: string, value: string) => selected.has(`[${name}]`) || selected.has(`[${name}="${value}"]`);
	let out = svg.replace(START_TAG, (_, name: string, attrs: string, close: string) => `<${name}${slimAttributes(attrs, read)}${close}>`);
	out = dropUnreferenced(out);
	out = out.replace(EMPTY_EDGE_LABEL, '').replace(SIZELESS_RECT, '');
	// Removing one empty group can empty its parent.
	for (let before = ''; before !== out; ) {
		before = out;
		out = out.replace(EMPTY_GROUP, '');
	}
	return out;
}

// Mermaid's bookkeeping for its own scripts (edge points as base64 JSON, edge ids, the look): read by no CSS of ours.
const UNREAD_DATA = ['data-points', 'data-et', 'data-edge', 'data-id', 'data-look'];
// Attributes holding only numbers, lengths and path or transform syntax: safe to round.
const NUMERIC = new Set(['d', 'points', 'transform', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'viewBox']);

const ATTRIBUTE_SELECTOR = /\[data-[\w-]+(?:="[^"]*")?\]/g;
const START_TAG = /<([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g;
const ATTRIBUTE = /\s+([\w:-]+)="([^"]*)"/g;
const LONG_DECIMAL = /-?\d*\.\d{4,}(?:e-?\d+)?/g;
// An edge with no label still gets a label group holding an empty line of text, and a background box with no size.
const EMPTY_EDGE_LABEL = /<g class="edgeLabel"><g class="label"[^>]*><text[^>]*>(?:<tspan[^>]*\/>)?<\/text><\/g><\/g>/g;
// A rect with neither width nor height draws nothing (no stylesheet of Mermaid's sizes one).
const SIZELESS_RECT = /<rect(?![^>]*\s(?:width|height|id)=)[^>]*\/>/g;
const EMPTY_GROUP = /<g(?![^>]*\sid=)(?:\s+[\w:-]+="[^"]*")*\s*(?:\/>|><\/g>)/g;

function slimAttributes(attrs: string, read: (name: string, value: string) => boolean): string {
	let out = '';
	for (const [, name, value] of attrs.matchAll(ATTRIBUTE)) {
		if (UNREAD_DATA.includes(name!) && !read(name!, value!)) continue;
		if (name === 'style') {
			const style = slimStyle(value!);
			if (style !== '') out += ` style="${style}"`;
			continue;
		}
		if (name === 'class') {
			out += ` class="${[...new Set(value!.split(/\s+/).filter(Boolean))].join(' ')}"`;
			continue;
		}
		out += ` ${name}="${NUMERIC.has(name!) ? roundNumbers(value!) : value}"`;
	}
	return out;
}

// Mermaid repeats an edge's style (`a;b;;;a;b`): an exact repeat changes nothing, so the last copy is kept.
function slimStyle(style: string): string {
	const declarations = style.split(';').map((d) => d.trim()).filter(Boolean);
	const kept = declarations.filter((d, i) => declarations.indexOf(d, i + 1) === -1);
	return roundNumbers(kept.join(';'));
}

// Browsers parse SVG numbers into 32-bit floats, so the shortest decimal that gives the same float
// draws the same pixels; any coarser rounding moves anti-aliased edges.
function roundNumbers(value: string): string {
	return value.replace(LONG_DECIMAL, (n) => {
		const target = Math.fround(Number(n));
		for (let digits = 4; digits < 10; digits++) {
			const short = String(Number(target.toPrecision(digits)));
			if (Math.fround(Number(short)) === target) return short.length < n.length ? short : n;
		}
		return n;
	});
}

// Mermaid defines a dozen arrowheads per diagram (and one per edge colour), of which a flowchart
// uses one or two, and the shadows and gradients of a look we do not use.
function dropUnreferenced(svg: string): string {
	const referenced = new Set([...svg.matchAll(REFERENCE)].map((m) => m[1] ?? m[2]));
	return svg.replace(DEFINITION, (element, _tag: string, id: string) => (referenced.has(id) ? element : ''));
}

// `url(#id)` in an attribute or a stylesheet, or `href="#id"`.
const REFERENCE = /url\(["']?#([^)"']+)["']?\)|href="#([^"]+)"/g;

const DEFINITION = /<(marker|filter|linearGradient|radialGradient)\b[^>]*?\sid="([^"]+)"[^>]*>[\s\S]*?<\/\1>/g;

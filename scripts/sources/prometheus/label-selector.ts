/** A parsed selector: canonical PromQL label matchers, or why the text is not one. */
export type LabelSelectorResult = { ok: true; matchers: string[] } | { ok: false; reason: string };

// Only `name="value"` and `name=~"value"` with a plain label name and a double-quoted string:
// anything else (another metric, a function, `or`, a closing brace) cannot get past this, so
// the selector can narrow the queries but never change what they compute.
const MATCHER = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|=)\s*("(?:[^"\\\n]|\\["\\nt])*")\s*/y;

/**
 * Parses extra label matchers such as `{cluster="prod", namespace=~"shop-.*"}` (braces optional)
 * into canonical matchers (`cluster="prod"`) that are safe to put inside a PromQL selector.
 */
export function parseLabelSelector(text: string): LabelSelectorResult {
	let body = text.trim();
	if (body.startsWith('{') !== body.endsWith('}')) return { ok: false, reason: 'unbalanced braces' };
	if (body.startsWith('{')) body = body.slice(1, -1);
	const matchers: string[] = [];
	let at = 0;
	while (body.slice(at).trim() !== '') {
		MATCHER.lastIndex = at;
		const match = MATCHER.exec(body);
		if (!match) {
			return {
				ok: false,
				reason: `expected \`label="value"\` or \`label=~"regex"\` at character ${at + 1} (only \\" \\\\ \\n \\t escapes in values)`,
			};
		}
		const [whole, name, operator, value] = match as unknown as [string, string, string, string];
		matchers.push(`${name}${operator}${value}`);
		at += whole.length;
		if (at < body.length) {
			if (body[at] !== ',') return { ok: false, reason: `expected \`,\` between matchers at character ${at + 1}` };
			at++;
		}
	}
	return { ok: true, matchers };
}

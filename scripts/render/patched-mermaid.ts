import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../lib/logger.ts';

/** One exact-text edit: the text of the stock bundle and what takes its place. */
export interface BundleEdit {
	original: string;
	replacement: string;
}

/** One speed-up of Mermaid's browser bundle: its edits (which only work together) and why it draws the same SVG. */
export interface BundlePatch {
	name: string;
	why: string;
	edits: readonly BundleEdit[];
}

/** The speed-ups made to the bundle, all together or none (see patchMermaidBundle); found by profiling a build's diagrams. */
export const MERMAID_PATCHES: readonly BundlePatch[] = [
	{
		name: 'getConfig memoised',
		why: `Mermaid's getConfig deep-copies the whole configuration on every call, and it is called for
every label: a third of the CPU of a build's diagrams. The copy is kept until currentConfig
changes, which happens only by reassignment (updateCurrentConfig), never in place.`,
		edits: [
			{
				original: `getConfig = /* @__PURE__ */ __name(() => {
        return assignWithDepth_default({}, currentConfig);
      }, "getConfig");`,
				replacement: `getConfig = /* @__PURE__ */ __name((() => {
        let copied, copy;
        return () => {
          if (copied !== currentConfig) {
            copy = assignWithDepth_default({}, currentConfig);
            copied = currentConfig;
          }
          return copy;
        };
      })(), "getConfig");`,
			},
		],
	},
	{
		name: 'DOMPurify keeps the parse of frozen options',
		why: `DOMPurify rebuilds its allow and forbid sets from the options object on every sanitize call
(3% of a build's diagrams: a call per label and one per whole SVG). It already skips that when
handed its own parsed copy; now also when handed again the frozen object it parsed last, whose
contents therefore cannot have changed, while that parse is still the one in force (CONFIG is
cleared by clearConfig and replaced by any other parse). An unfrozen object is never remembered.
Without uponSanitize hooks (Mermaid adds none) a sanitize call leaves the parsed sets as they
were; with them it clones the sets and may change the clones, so then every call parses again.`,
		edits: [
			{
				original: `    const _parseConfig = /* @__PURE__ */ __name(function _parseConfig2() {
      let cfg = arguments.length > 0 && arguments[0] !== void 0 ? arguments[0] : {};
      if (CONFIG && CONFIG === cfg) {
        return;
      }`,
				replacement: `    let parsedFrom = null;
    let parsedConfig = null;
    const _parseConfig = /* @__PURE__ */ __name(function _parseConfig2() {
      let cfg = arguments.length > 0 && arguments[0] !== void 0 ? arguments[0] : {};
      if (CONFIG && CONFIG === cfg) {
        return;
      }
      if (CONFIG && CONFIG === parsedConfig && cfg === parsedFrom && hooks.uponSanitizeElement.length === 0 && hooks.uponSanitizeAttribute.length === 0) {
        return;
      }
      const givenCfg = cfg;`,
			},
			{
				original: `      if (freeze) {
        freeze(cfg);
      }
      CONFIG = cfg;
    }, "_parseConfig");`,
				replacement: `      if (freeze) {
        freeze(cfg);
      }
      CONFIG = cfg;
      parsedConfig = cfg;
      parsedFrom = givenCfg && typeof givenCfg === "object" && Object.isFrozen(givenCfg) ? givenCfg : null;
    }, "_parseConfig");`,
			},
		],
	},
	{
		name: 'sanitizer options made once, frozen',
		why: `Mermaid handed DOMPurify a new options literal for every label (sanitizeText) and every SVG
(render), so DOMPurify parsed them every time. The same options, made once and frozen with their
arrays (which nothing else uses or changes), let the patch above keep the parse; alone, this
changes nothing but where the options are built.`,
		edits: [
			{
				original: `          text4 = purify.sanitize(sanitizeMore(text4, config3), {
            FORBID_TAGS: ["style"]
          }).toString();`,
				replacement: `          text4 = purify.sanitize(sanitizeMore(text4, config3), sanitizeText.forbidStyle ??= Object.freeze({
            FORBID_TAGS: Object.freeze(["style"])
          })).toString();`,
			},
			{
				original: `  var DOMPURIFY_TAGS = ["foreignobject"];
  var DOMPURIFY_ATTR = ["dominant-baseline"];`,
				replacement: `  var DOMPURIFY_TAGS = Object.freeze(["foreignobject"]);
  var DOMPURIFY_ATTR = Object.freeze(["dominant-baseline"]);
  var DOMPURIFY_SVG_OPTIONS = Object.freeze({
    ADD_TAGS: DOMPURIFY_TAGS,
    ADD_ATTR: DOMPURIFY_ATTR,
    HTML_INTEGRATION_POINTS: Object.freeze({ foreignobject: true })
  });`,
			},
			{
				original: `        code = purify.sanitize(code, {
          ADD_TAGS: DOMPURIFY_TAGS,
          ADD_ATTR: DOMPURIFY_ATTR,
          HTML_INTEGRATION_POINTS: { foreignobject: true }
        });`,
				replacement: `        code = purify.sanitize(code, DOMPURIFY_SVG_OPTIONS);`,
			},
		],
	},
];

const require = createRequire(import.meta.url);

/** The file URL of the Mermaid bundle mermaid-isomorphic loads into its page, resolved as it resolves it. */
export const MERMAID_BUNDLE_URL = pathToFileURL(
	createRequire(require.resolve('mermaid-isomorphic')).resolve('mermaid/dist/mermaid.js'),
).href;

/**
 * The bundle with every edit of `patches` applied, or null when any original is missing, there more
 * than once, or overlapping another (another Mermaid): half a set of patches could be worse than none.
 */
export function patchMermaidBundle(bundle: string, patches: readonly BundlePatch[] = MERMAID_PATCHES): string | null {
	const found: { at: number; edit: BundleEdit }[] = [];
	for (const edit of patches.flatMap((patch) => patch.edits)) {
		const at = bundle.indexOf(edit.original);
		if (at === -1 || bundle.indexOf(edit.original, at + 1) !== -1) return null;
		found.push({ at, edit });
	}
	found.sort((a, b) => a.at - b.at);
	let patched = '';
	let from = 0;
	for (const { at, edit } of found) {
		if (at < from) return null;
		patched += bundle.slice(from, at) + edit.replacement;
		from = at + edit.original.length;
	}
	return patched + bundle.slice(from);
}

let cached: { script: string | null } | undefined;

/**
 * The patched bundle text, read and patched once per process; null, said once in the log, when
 * the installed Mermaid does not have the expected text, so diagrams render unpatched (slower).
 */
export function patchedMermaidScript(logger: Logger): string | null {
	if (cached === undefined) {
		const script = patchMermaidBundle(readFileSync(new URL(MERMAID_BUNDLE_URL), 'utf8'));
		if (script === null) {
			logger.info(`diagrams: Mermaid in ${MERMAID_BUNDLE_URL} is not the text its speed-ups expect; rendering with the unpatched bundle`);
		}
		cached = { script };
	}
	return cached.script;
}

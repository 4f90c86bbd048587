import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../lib/logger.ts';

// Mermaid's getConfig deep-copies the whole configuration on every call, and it is called for
// every label: a third of the CPU of a build's diagrams. The copy is kept until `currentConfig`
// changes, which happens only by reassignment (updateCurrentConfig), never in place.
const ORIGINAL = `getConfig = /* @__PURE__ */ __name(() => {
        return assignWithDepth_default({}, currentConfig);
      }, "getConfig");`;
const MEMOISED = `getConfig = /* @__PURE__ */ __name((() => {
        let copied, copy;
        return () => {
          if (copied !== currentConfig) {
            copy = assignWithDepth_default({}, currentConfig);
            copied = currentConfig;
          }
          return copy;
        };
      })(), "getConfig");`;

const require = createRequire(import.meta.url);

/** The file URL of the Mermaid bundle mermaid-isomorphic loads into its page, resolved as it resolves it. */
export const MERMAID_BUNDLE_URL = pathToFileURL(
	createRequire(require.resolve('mermaid-isomorphic')).resolve('mermaid/dist/mermaid.js'),
).href;

/** The bundle with getConfig memoised, or null when its text is not exactly the expected one (another Mermaid). */
export function patchMermaidBundle(bundle: string): string | null {
	const at = bundle.indexOf(ORIGINAL);
	if (at === -1 || bundle.indexOf(ORIGINAL, at + 1) !== -1) return null;
	return bundle.slice(0, at) + MEMOISED + bundle.slice(at + ORIGINAL.length);
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
			logger.info(`diagrams: Mermaid's getConfig in ${MERMAID_BUNDLE_URL} is not the expected text; rendering with the unpatched bundle`);
		}
		cached = { script };
	}
	return cached.script;
}

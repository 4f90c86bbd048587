import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../lib/logger.ts';
import { MERMAID_BUNDLE_URL, patchedMermaidScript, patchMermaidBundle } from './patched-mermaid.ts';

const bundle = readFileSync(new URL(MERMAID_BUNDLE_URL), 'utf8');
const ORIGINAL_GET_CONFIG = /getConfig = \/\* @__PURE__ \*\/ __name\(\(\) => \{\s*return assignWithDepth_default\(\{\}, currentConfig\);\s*\}, "getConfig"\);/;
const PATCHED_GET_CONFIG = /getConfig = \/\* @__PURE__ \*\/ __name\(\(\(\) => \{[\s\S]*?\}\)\(\), "getConfig"\);/;

describe('patchMermaidBundle', () => {
	// Fails on a Mermaid upgrade that changes getConfig: look at the new bundle and redo the patch.
	it('finds getConfig in the installed Mermaid bundle and changes nothing else', () => {
		const patched = patchMermaidBundle(bundle);
		expect(patched).not.toBeNull();
		expect(patched).not.toMatch(ORIGINAL_GET_CONFIG);
		const [definition] = PATCHED_GET_CONFIG.exec(patched!)!;
		expect(patched!.replace(definition, '')).toBe(bundle.replace(ORIGINAL_GET_CONFIG, ''));
	});

	it('returns one copy while currentConfig is the same object, a new one once it is reassigned', () => {
		const [definition] = PATCHED_GET_CONFIG.exec(patchMermaidBundle(bundle)!)!;
		const scope = {
			currentConfig: { flowchart: { curve: 'basis' } } as object,
			copies: 0,
			getConfig: undefined as unknown as () => { flowchart: { curve: string } },
		};
		runInNewContext(
			`var __name = (f) => f;
			var assignWithDepth_default = (target, source) => (copies++, Object.assign(target, JSON.parse(JSON.stringify(source))));
			${definition}`,
			scope,
		);
		const first = scope.getConfig();
		expect(first).toEqual({ flowchart: { curve: 'basis' } });
		expect(first).not.toBe(scope.currentConfig);
		expect(scope.getConfig()).toBe(first);
		expect(scope.copies).toBe(1);
		scope.currentConfig = { flowchart: { curve: 'linear' } };
		expect(scope.getConfig()).toEqual({ flowchart: { curve: 'linear' } });
		expect(scope.copies).toBe(2);
	});

	it('refuses a bundle whose getConfig is not the expected text, or is there twice', () => {
		expect(patchMermaidBundle(bundle.replace(ORIGINAL_GET_CONFIG, 'getConfig = () => structuredClone(currentConfig);'))).toBeNull();
		const [original] = ORIGINAL_GET_CONFIG.exec(bundle)!;
		expect(patchMermaidBundle(`${original}\n${original}`)).toBeNull();
	});
});

describe('patchedMermaidScript', () => {
	it('patches the installed bundle without a word in the log', () => {
		const logger = memoryLogger();
		expect(patchedMermaidScript(logger)).toBe(patchMermaidBundle(bundle));
		expect(logger.lines).toEqual([]);
	});
});

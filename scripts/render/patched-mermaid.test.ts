import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../lib/logger.ts';
import { MERMAID_BUNDLE_URL, MERMAID_PATCHES, patchedMermaidScript, patchMermaidBundle } from './patched-mermaid.ts';

const bundle = readFileSync(new URL(MERMAID_BUNDLE_URL), 'utf8');
const count = (text: string, part: string) => text.split(part).length - 1;
const edits = MERMAID_PATCHES.flatMap((patch) => patch.edits.map((edit, index) => [patch.name, index + 1, edit] as const));

describe('patchMermaidBundle', () => {
	// Fails on a Mermaid upgrade that changes a patched place: look at the new bundle and redo that patch.
	it.each(edits)('finds the text of "%s" (edit %i) exactly once and replaces it', (_, __, edit) => {
		expect(count(bundle, edit.original)).toBe(1);
		expect(count(bundle, edit.replacement)).toBe(0);
		const patched = patchMermaidBundle(bundle)!;
		// A replacement may keep its original inside (it adds a check before it); nowhere else is it left.
		expect(count(patched, edit.original)).toBe(count(edit.replacement, edit.original));
		expect(count(patched, edit.replacement)).toBe(1);
	});

	it.each(MERMAID_PATCHES.map((patch) => [patch.name, patch] as const))('applies "%s" alone', (_, patch) => {
		expect(patchMermaidBundle(bundle, [patch])).not.toBeNull();
		expect(patch.why.length).toBeGreaterThan(40);
	});

	it('changes nothing but the patched places', () => {
		let restored = patchMermaidBundle(bundle)!;
		for (const [, , { original, replacement }] of edits) restored = restored.replace(replacement, () => original);
		expect(restored).toBe(bundle);
		expect(patchMermaidBundle(bundle)).not.toBe(bundle);
	});

	it('returns one getConfig copy while currentConfig is the same object, a new one once it is reassigned', () => {
		const scope = {
			currentConfig: { flowchart: { curve: 'basis' } } as object,
			copies: 0,
			getConfig: undefined as unknown as () => { flowchart: { curve: string } },
		};
		runInNewContext(
			`var __name = (f) => f;
			var assignWithDepth_default = (target, source) => (copies++, Object.assign(target, JSON.parse(JSON.stringify(source))));
			${MERMAID_PATCHES[0]!.edits[0]!.replacement}`,
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

	it.each(edits)('refuses the whole set when the text of "%s" (edit %i) is missing or there twice', (_, __, edit) => {
		expect(patchMermaidBundle(bundle.replace(edit.original, () => 'changed by another Mermaid'))).toBeNull();
		expect(patchMermaidBundle(bundle.replace(edit.original, () => `${edit.original}\n${edit.original}`))).toBeNull();
	});

	it('refuses edits that overlap', () => {
		const [edit] = MERMAID_PATCHES[0]!.edits;
		const overlapping = { name: 'overlap', why: 'test', edits: [edit!, { ...edit!, original: edit!.original.slice(10) }] };
		expect(patchMermaidBundle(bundle, [overlapping])).toBeNull();
	});
});

describe('patchedMermaidScript', () => {
	it('patches the installed bundle without a word in the log', () => {
		const logger = memoryLogger();
		expect(patchedMermaidScript(logger)).toBe(patchMermaidBundle(bundle));
		expect(logger.lines).toEqual([]);
	});
});

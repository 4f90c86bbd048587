import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const ours = createRequire(path.join(root, 'package.json'));
const manifest = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { version: string; dependencies: Record<string, string> };

describe('mermaid as a dependency', () => {
	// Halflife keys its diagram cache by Mermaid's version and publishes Mermaid's browser bundle for
	// the reader's fallback: that must be the very Mermaid mermaid-isomorphic renders with at build time.
	it('is pinned exactly in package.json, and is the copy mermaid-isomorphic renders with', () => {
		const pinned = manifest(path.join(root, 'package.json')).dependencies['mermaid'];
		expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
		const direct = ours.resolve('mermaid/package.json');
		expect(manifest(direct).version).toBe(pinned);
		const isomorphic = createRequire(ours.resolve('mermaid-isomorphic'));
		expect(isomorphic.resolve('mermaid/package.json')).toBe(direct);
	});
});

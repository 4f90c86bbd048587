import path from 'node:path';
import { expect, it } from 'vitest';
import { astroWorkFolder } from './build-astro.ts';

it('gives each site its own folder to build from, even when two projects name their site folders alike', () => {
	const root = '/opt/halflife';
	const a = astroWorkFolder(root, '/tmp/project-a/.halflife/sites/site-1234abcd/dist');
	const b = astroWorkFolder(root, '/tmp/project-b/.halflife/sites/site-1234abcd/dist');
	expect(a).not.toBe(b);
	for (const folder of [a, b]) expect(path.dirname(folder)).toBe(path.join(root, '.astro', 'halflife'));
	expect(path.basename(a)).toMatch(/^site-1234abcd-[0-9a-f]{8}$/);
	expect(astroWorkFolder(root, '/tmp/project-a/.halflife/sites/site-1234abcd/dist')).toBe(a);
});

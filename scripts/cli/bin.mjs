#!/usr/bin/env node
// Plain JavaScript on purpose: this file must run on any Node to say clearly when Node is too old.
import { readFileSync } from 'node:fs';

// The one Node requirement is package.json's `engines.node` (">=X.Y.Z"); the README says the same, and a test checks both.
const { engines } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const required = engines.node.replace(/^>=/, '');
const older = (a, b) => {
	const [x, y] = [a, b].map((version) => version.split('.').map(Number));
	const index = x.findIndex((part, i) => part !== y[i]);
	return index !== -1 && x[index] < y[index];
};
// Node does not strip TypeScript types under node_modules: installed as a dependency, Halflife runs
// its compiled copy (`lib/`, made by `prepare`); in its own repository, it runs its sources.
const installed = new URL(import.meta.url).pathname.split('/').includes('node_modules');
const problem = older(process.versions.node, required)
	? `Node.js ${process.versions.node} is too old: Halflife needs Node.js ${required} or newer.`
	: !installed && !process.features.typescript
		? `Node.js ${process.versions.node} runs with TypeScript type stripping turned off (--no-experimental-strip-types); Halflife needs it on.`
		: null;
if (problem) {
	process.stderr.write(
		`halflife: ${problem}\n` +
			'  Install a newer Node.js (https://nodejs.org), or add the npm package `node` to the project\n' +
			'  (`npm install --save-dev node@24`): `npx halflife` and npm scripts then run on it.\n',
	);
	process.exit(1);
}
const { main } = await import(installed ? '../../lib/cli/main.js' : './main.ts');
process.exitCode = await main(process.argv.slice(2));

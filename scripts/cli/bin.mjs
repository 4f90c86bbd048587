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
if (older(process.versions.node, required) || !process.features.typescript) {
	process.stderr.write(
		(older(process.versions.node, required)
			? `halflife: Node.js ${process.versions.node} is too old: Halflife needs Node.js ${required} or newer.\n`
			: `halflife: Node.js ${process.versions.node} runs with TypeScript type stripping turned off (--no-experimental-strip-types); Halflife needs it on.\n`) +
			'  Install a newer Node.js (https://nodejs.org), or add the npm package `node` to the project\n' +
			'  (`npm install --save-dev node@24`): `npx halflife` and npm scripts then run on it.\n',
	);
	process.exit(1);
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));

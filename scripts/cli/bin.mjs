#!/usr/bin/env node
// Plain JavaScript on purpose: this file must run on any Node to say clearly when Node is too old.
const [major, minor] = process.versions.node.split('.').map(Number);
// Halflife is TypeScript that Node runs by stripping the types, on by default from Node 22.18 and 23.6.
// Without it (an older 22, or --no-experimental-strip-types) importing main.ts fails with a stack trace.
const stripsByDefault = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
if (!stripsByDefault || !process.features.typescript) {
	process.stderr.write(
		(stripsByDefault
			? `halflife: Node.js ${process.versions.node} runs with TypeScript type stripping turned off (--no-experimental-strip-types); Halflife needs it on.\n`
			: `halflife: Node.js ${process.versions.node} is too old: Halflife needs 22.18 or newer (Astro 7, vitest 5 and Mermaid need 22.12; Node runs Halflife's TypeScript itself from 22.18).\n`) +
			'  Run it through npm (`npx halflife ...` or `npm run build`): the project pins Node 24 as the devDependency `node`.\n' +
			'  If that still runs an old Node, the pinned Node was not installed: `npm ci --ignore-scripts` skips its install step. Run `npm ci`.\n',
	);
	process.exit(1);
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));

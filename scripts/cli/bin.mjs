#!/usr/bin/env node
// Plain JavaScript on purpose: this file must run on any Node to say clearly when Node is too old.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
	process.stderr.write(
		`halflife: Node.js ${process.versions.node} is too old: Halflife needs 22.12 or newer (Astro 7, vitest 5 and Mermaid do).\n` +
			'  Run it through npm (`npx halflife ...` or `npm run build`): the project pins Node 24 as the devDependency `node`.\n' +
			'  If that still runs an old Node, the pinned Node was not installed: `npm ci --ignore-scripts` skips its install step. Run `npm ci`.\n',
	);
	process.exit(1);
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));

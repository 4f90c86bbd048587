import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The first Node on PATH (outside node_modules/.bin) or in the usual places that is older than 22:
 * the system Node of a machine Halflife must still behave well on. Undefined when there is none.
 */
export function findOldNode(): string | undefined {
	const dirs = (process.env['PATH'] ?? '').split(path.delimiter).filter((dir) => dir && !dir.includes(`node_modules${path.sep}.bin`));
	const candidates = [...new Set([...dirs.map((dir) => path.join(dir, 'node')), '/usr/local/bin/node', '/usr/bin/node'])];
	for (const candidate of candidates) {
		if (!existsSync(candidate)) continue;
		const probe = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' });
		const major = Number(probe.stdout?.split('.')[0]);
		if (probe.status === 0 && major > 0 && major < 22) return candidate;
	}
	return undefined;
}

/** npm's own `npx` script beside an old Node (Debian's and nodejs.org's layouts), to run npx on that Node. */
export function npxCliOf(node: string): string | undefined {
	const prefix = path.dirname(path.dirname(node));
	return [path.join(prefix, 'lib/node_modules/npm/bin/npx-cli.js'), '/usr/lib/node_modules/npm/bin/npx-cli.js'].find((file) => existsSync(file));
}

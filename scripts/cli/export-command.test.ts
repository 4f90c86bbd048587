import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { halflifeOptionsSchema } from '../config/options-schema.ts';
import { memoryLogger } from '../lib/logger.ts';
import { COMMANDS } from './commands.ts';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'halflife-export-command-'));
	await mkdir(path.join(dir, 'site'));
	// 1,000 bytes of site.
	await writeFile(path.join(dir, 'site', 'index.html'), 'x'.repeat(1000));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

// `halflife export` as the CLI runs it, with `retention.maxSiteBytes` set; what it prints on stdout and stderr.
async function exportWithLimit(out: string, maxSiteBytes: number | null): Promise<{ code: number; stdout: string; stderr: string }> {
	const options = halflifeOptionsSchema.parse({ site: 'site', retention: { maxSiteBytes } });
	const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
	const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
	try {
		const code = await COMMANDS.export!({ root: dir, options, values: { out: path.join(dir, out) }, args: [], logger: memoryLogger() });
		return { code, stdout: stdout.mock.calls.map(([text]) => String(text)).join(''), stderr: stderr.mock.calls.map(([text]) => String(text)).join('') };
	} finally {
		stdout.mockRestore();
		stderr.mockRestore();
	}
}

describe('halflife export', () => {
	it('says how much it wrote against the limit, and warns past 80% of it', async () => {
		const roomy = await exportWithLimit('roomy', 10_000);
		expect(roomy.code).toBe(0);
		expect(roomy.stdout).toContain(': 1 file, 1000 bytes of the 9.8 KiB limit');
		expect(roomy.stderr).toBe('');

		const tight = await exportWithLimit('tight', 1100);
		expect(tight.code).toBe(0);
		expect(tight.stderr).toContain('warning SiteNearSizeLimit');
		expect(tight.stderr).toContain('91% of `retention.maxSiteBytes`');

		const unlimited = await exportWithLimit('unlimited', null);
		expect(unlimited.stdout).toMatch(/: 1 file, 1000 bytes\n$/);
	});
});

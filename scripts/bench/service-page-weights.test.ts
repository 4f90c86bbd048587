import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { servicePageWeights } from './service-page-weights.ts';

let tmp: string;
beforeEach(async () => {
	tmp = await mkdtemp(path.join(tmpdir(), 'halflife-page-weights-'));
});
afterEach(async () => {
	await rm(tmp, { recursive: true, force: true });
});

async function page(dir: string, bytes: number): Promise<void> {
	await mkdir(dir, { recursive: true });
	await writeFile(path.join(dir, 'index.html'), 'x'.repeat(bytes));
}

describe('servicePageWeights', () => {
	it('weighs the service pages of the latest build only, through the root symlink', async () => {
		const version = path.join(tmp, 'v', '20261123T000000Z', 'services');
		await page(path.join(version, 'cart'), 10_000);
		await page(path.join(version, 'auth'), 30_000);
		await page(path.join(version, 'search'), 20_000);
		await page(path.join(version, 'ledger'), 26_000);
		// Not service pages: the index's second page and a service's list of callers.
		await page(path.join(version, 'index', '2'), 90_000);
		await page(path.join(version, 'auth', 'callers'), 90_000);
		await symlink(path.join('v', '20261123T000000Z', 'services'), path.join(tmp, 'services'));
		// A frozen copy of an older build is not weighed.
		await page(path.join(tmp, 'v', '20261122T000000Z', 'services', 'huge'), 500_000);

		expect(await servicePageWeights(tmp)).toEqual({ pages: 4, median: 23_000, max: 30_000, maxPath: '/services/auth/' });
	});

	it('fails when the site has no service page', async () => {
		await mkdir(path.join(tmp, 'services'));
		await expect(servicePageWeights(tmp)).rejects.toThrow(/no service page/);
	});
});

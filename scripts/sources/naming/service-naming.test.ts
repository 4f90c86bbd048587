import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNamer, namingOptionsSchema, normalizeServiceName } from './service-naming.ts';
import { REAL_DATA } from '../../../fixtures/real-data.ts';

const realdata = REAL_DATA;

/** The service names in the Online Boutique README's service table (`| [name](/src/name) |`). */
async function boutiqueServices(): Promise<Set<string>> {
	const readme = await readFile(path.join(realdata, 'online-boutique/README.md'), 'utf8');
	return new Set([...readme.matchAll(/^\| \[([a-z-]+)\]\(\/src\/\1\)/gm)].map((m) => m[1] as string));
}

describe('kubernetes-pod rule on real pod names', () => {
	it('folds every PodName of the Nezha Online Boutique capture to a service of the README', async () => {
		const services = await boutiqueServices();
		expect(services.size).toBeGreaterThanOrEqual(10);
		const csv = gunzipSync(await readFile(path.join(realdata, 'traces/csv/nezha_onlineboutique_2022-08-23_1700_trace.csv.gz'))).toString('utf8');
		const [header, ...rows] = csv.trim().split('\n');
		const column = (header as string).split(',').indexOf('PodName');
		expect(column).toBeGreaterThanOrEqual(0);
		const pods = new Set(rows.map((row) => row.split(',')[column] as string));
		expect(pods.size).toBeGreaterThanOrEqual(10);
		const folded = new Map<string, string>();
		for (const pod of pods) {
			expect(services.has(pod), `${pod} is already a service name`).toBe(false);
			folded.set(pod, normalizeServiceName(pod));
		}
		for (const [pod, name] of folded) expect(services.has(name), `${pod} → ${name}`).toBe(true);
		// Ten different deployments, ten different names: nothing merged that should not be.
		expect(new Set(folded.values()).size).toBe(pods.size);
	});

	it('folds the pods of the README kubectl listing, and leaves service names alone', async () => {
		const services = await boutiqueServices();
		const readme = await readFile(path.join(realdata, 'online-boutique/README.md'), 'utf8');
		const pods = [...readme.matchAll(/^ +([a-z-]+-[a-z0-9]+-[a-z0-9]{5}) +1\/1 +Running/gm)].map((m) => m[1] as string);
		expect(pods.length).toBeGreaterThanOrEqual(11);
		for (const pod of pods) {
			const name = normalizeServiceName(pod);
			expect(name === 'redis-cart' || services.has(name), `${pod} → ${name}`).toBe(true);
		}
		for (const service of services) expect(normalizeServiceName(service)).toBe(service);
	});
});

describe('createNamer', () => {
	it('does not fold names that only look a little like pods', () => {
		for (const name of ['checkout-service', 'api-v2', 'payments-api-eu-west', 'user-profile-store', 'redis-0', 'web-abcde']) {
			expect(normalizeServiceName(name)).toBe(name);
		}
	});

	it('folds StatefulSet and DaemonSet pods only when those rules are on', () => {
		const namer = createNamer({ builtins: ['kubernetes-pod', 'kubernetes-statefulset', 'kubernetes-daemonset'] });
		expect(namer.normalize('redis-0')).toBe('redis');
		expect(namer.normalize('kafka-12')).toBe('kafka');
		expect(namer.normalize('fluentd-x7k2q')).toBe('fluentd');
		expect(namer.normalize('api-v2')).toBe('api-v2');
		expect(createNamer({ builtins: [] }).normalize('frontend-579b9bff58-t2dbm')).toBe('frontend-579b9bff58-t2dbm');
	});

	it('applies user rules in order after the built-ins, with capture groups', () => {
		const namer = createNamer({
			rules: [
				{ pattern: '^(\\w+)service$', replacement: '$1' },
				{ pattern: '^productcatalog$', replacement: 'catalog' },
			],
		});
		expect(namer.normalize('productcatalogservice-668d5f85fb-jhwx9')).toBe('catalog');
		expect(namer.normalize('adservice')).toBe('ad');
		expect(namer.normalize('frontend')).toBe('frontend');
	});

	it('never empties a name', () => {
		expect(createNamer({ rules: [{ pattern: '.*', replacement: '' }] }).normalize('web')).toBe('web');
	});

	it('rejects a pattern that is not a regular expression, and unknown built-ins', () => {
		expect(namingOptionsSchema.safeParse({ rules: [{ pattern: '(', replacement: '' }] }).success).toBe(false);
		expect(namingOptionsSchema.safeParse({ builtins: ['kubernetes-node'] }).success).toBe(false);
	});
});

import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeInputs } from '../build.ts';
import { loadConfig } from '../cli/load-config.ts';
import { buildIdOf } from '../lib/build-clock.ts';
import { memoryLogger } from '../lib/logger.ts';
import { diffModels } from '../model/diff-models.ts';
import type { Model } from '../model/model-schema.ts';
import { prepareDemoContent } from './build-demo.ts';
import { DEMO_BUILDS, demoOrg } from './demo-org.ts';
import { demoWindows } from './generate-demo-telemetry.ts';
import { edgesOf, readOtlpFile, type RawSpan } from './test-helpers/read-otlp.ts';

const contentDir = fileURLToPath(new URL('../../content/', import.meta.url));
const FIRST_BUILD = '2026-10-19';
const LAST_BUILD = '2026-11-23';

interface Note {
	file: string;
	data: Record<string, unknown>;
	body: string;
	service: string;
	owner: string;
	reviewed: string;
	dependsOn: string[];
}

const teamIds = readdirSync(path.join(contentDir, 'teams'))
	.filter((f) => f.endsWith('.md'))
	.map((f) => f.replace(/\.md$/, ''));
const notes: Note[] = readdirSync(path.join(contentDir, 'notes'))
	.filter((f) => /\.mdx?$/.test(f))
	.map((file) => {
		const parsed = matter(readFileSync(path.join(contentDir, 'notes', file), 'utf8'));
		const data = parsed.data as Record<string, unknown>;
		// js-yaml turns a bare YYYY-MM-DD into a Date at midnight UTC.
		const reviewed = data.reviewed instanceof Date ? data.reviewed.toISOString().slice(0, 10) : String(data.reviewed);
		return { file, data, body: parsed.content, service: String(data.service), owner: String(data.owner), reviewed, dependsOn: ((data.dependsOn ?? []) as Array<string | { name: string }>).map((d) => (typeof d === 'string' ? d : d.name)) };
	});
const noteOf = (service: string): Note => {
	const n = notes.find((x) => x.service === service);
	if (!n) throw new Error(`no note for ${service}`);
	return n;
};

// Read back from the raw OTLP lines, independently of the generator's model.
const windows = demoWindows();
const spansByWindow = new Map<number, RawSpan[]>();
const edgesByWindow = new Map<number, Map<string, { calls: number; errors: number }>>();
beforeAll(() => {
	for (const w of windows) {
		const spans = readOtlpFile(path.join(contentDir, 'telemetry', w.file)).spans;
		spansByWindow.set(w.window, spans);
		edgesByWindow.set(w.window, edgesOf(spans));
	}
});
const edgeIn = (window: number, edge: string): { calls: number; errors: number } => edgesByWindow.get(window)?.get(edge) ?? { calls: 0, errors: 0 };
const servicesIn = (window: number): Set<string> => new Set(spansByWindow.get(window)?.map((s) => s.service));
const allWindows = [1, 2, 3, 4, 5, 6];

describe('demo teams', () => {
	it('has 5-7 teams, each with a name, a one-line description, a contact and a paragraph', () => {
		expect(teamIds.length).toBeGreaterThanOrEqual(5);
		expect(teamIds.length).toBeLessThanOrEqual(7);
		for (const id of teamIds) {
			expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
			const parsed = matter(readFileSync(path.join(contentDir, 'teams', `${id}.md`), 'utf8'));
			expect(Object.keys(parsed.data).sort()).toEqual(['contact', 'description', 'name']);
			expect(typeof parsed.data.name).toBe('string');
			expect(String(parsed.data.description)).not.toContain('\n');
			expect(String(parsed.data.contact)).toMatch(/^#[a-z-]+$/);
			expect(parsed.content.trim().length).toBeGreaterThan(80);
		}
	});
});

describe('demo notes', () => {
	it('have the five core frontmatter fields, with the right types; payments shows the rest of the schema', () => {
		expect(notes.length).toBeGreaterThanOrEqual(25);
		const extra = ['links', 'lifecycle', 'oncall', 'repo', 'reviewEvery', 'runbook', 'tier'];
		for (const n of notes) {
			const core = ['dependsOn', 'description', 'owner', 'reviewed', 'service'];
			expect(Object.keys(n.data).sort(), n.file).toEqual((n.service === 'payments' ? [...core, ...extra] : core).sort());
			expect(n.file.replace(/\.mdx?$/, ''), 'file named after its service').toBe(n.service);
			expect(n.reviewed, n.file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(Array.isArray(n.data.dependsOn), n.file).toBe(true);
			for (const d of n.dependsOn) expect(typeof d).toBe('string');
			// An object names a reason, and may say how often the call is expected (invoicing's monthly VAT return).
			for (const d of n.data.dependsOn as unknown[]) if (typeof d !== 'string') expect(['name', 'why'].every((key) => key in (d as object)), n.file).toBe(true);
			expect(typeof n.data.description).toBe('string');
			expect(String(n.data.description), n.file).toMatch(/^[A-Z][^\n]*\.$/);
		}
	});

	it('name a team file as owner', () => {
		for (const n of notes) expect(teamIds, n.file).toContain(n.owner);
	});

	it('have 80-300 words of prose and, in MDX, no JSX outside code', () => {
		for (const n of notes) {
			const words = n.body.split(/\s+/).filter(Boolean).length;
			expect(words, n.file).toBeGreaterThanOrEqual(80);
			expect(words, n.file).toBeLessThanOrEqual(300);
			// Braces and angle brackets would be parsed as JSX by MDX; keep them inside code.
			const prose = n.body
				.replace(/```[\s\S]*?```/g, '')
				.replace(/`[^`]*`/g, '')
				// Section review markers are stripped before the page is compiled.
				.replace(/ \{reviewed=\d{4}-\d{2}-\d{2}\}$/gm, '');
			expect(prose, n.file).not.toMatch(/[{}<>]/);
		}
		const mdx = notes.filter((n) => n.file.endsWith('.mdx'));
		expect(mdx.length).toBeGreaterThanOrEqual(2);
		expect(mdx.length).toBeLessThanOrEqual(3);
		expect(mdx.some((n) => n.body.includes('```'))).toBe(true);
		expect(mdx.some((n) => /^\|.*\|$/m.test(n.body))).toBe(true);
	});

	it('spread review dates: several older than a year, a few recent, none after the first build', () => {
		const ageDays = (n: Note): number => (Date.parse(LAST_BUILD) - Date.parse(n.reviewed)) / 86_400_000;
		for (const n of notes) expect(n.reviewed <= FIRST_BUILD, `${n.file} reviewed after the first build`).toBe(true);
		expect(notes.filter((n) => ageDays(n) > 365).length).toBeGreaterThanOrEqual(5);
		expect(notes.filter((n) => ageDays(n) <= 50).length).toBeGreaterThanOrEqual(3);
		expect(notes.filter((n) => ageDays(n) > 50 && ageDays(n) <= 365).length).toBeGreaterThanOrEqual(10);
	});

	it('agree with the generator on who owns what', () => {
		for (const s of demoOrg.services) {
			const n = notes.find((x) => x.service === s.name);
			if (s.owner === undefined) expect(n, `${s.name} should have no note`).toBeUndefined();
			else expect(n?.owner, s.name).toBe(s.owner);
		}
	});
});

describe('planted facts, read from the raw telemetry', () => {
	it('address-validator runs in every window but has no note', () => {
		for (const w of allWindows) expect(servicesIn(w).has('address-validator')).toBe(true);
		expect(notes.some((n) => n.service === 'address-validator')).toBe(false);
	});

	it('recipes has a note but no span in any window, and nobody calls it', () => {
		expect(noteOf('recipes').owner).toBe('discovery');
		for (const w of allWindows) {
			expect(servicesIn(w).has('recipes')).toBe(false);
			expect([...(edgesByWindow.get(w)?.keys() ?? [])].some((e) => e.includes('recipes'))).toBe(false);
		}
	});

	it('delivery-eta appears from window 4 on, and delivery-slots -> delivery-eta with it', () => {
		for (const w of [1, 2, 3]) {
			expect(servicesIn(w).has('delivery-eta')).toBe(false);
			expect(edgeIn(w, 'delivery-slots -> delivery-eta').calls).toBe(0);
		}
		for (const w of [4, 5, 6]) {
			expect(servicesIn(w).has('delivery-eta')).toBe(true);
			expect(edgeIn(w, 'delivery-slots -> delivery-eta').calls).toBeGreaterThan(0);
		}
		expect(noteOf('delivery-slots').dependsOn).toContain('delivery-eta');
	});

	it('checkout -> loyalty is declared and never observed', () => {
		expect(noteOf('checkout').dependsOn).toContain('loyalty');
		for (const w of allWindows) {
			expect(edgeIn(w, 'checkout -> loyalty').calls).toBe(0);
			expect(servicesIn(w).has('loyalty')).toBe(true);
		}
	});

	it('invoicing files the VAT return through tax-calculator on the 1st, so only window 3 sees it, and its note expects it monthly', () => {
		allWindows.forEach((w, i) => expect(edgeIn(w, 'invoicing -> tax-calculator').calls, `window ${i + 1}`).toBe(i === 2 ? 1 : 0));
		expect(noteOf('invoicing').dependsOn).toContain('tax-calculator');
		expect((noteOf('invoicing').data.dependsOn as unknown[]).find((d) => typeof d === 'object' && (d as { name: string }).name === 'tax-calculator')).toMatchObject({ expectedEvery: '31d' });
	});

	it('pricing reads the catalog database that only catalog declares, across teams', () => {
		for (const w of allWindows) {
			expect(edgeIn(w, 'pricing -> postgresql:catalog').calls).toBeGreaterThan(0);
			expect(edgeIn(w, 'catalog -> postgresql:catalog').calls).toBeGreaterThan(0);
		}
		expect(noteOf('catalog').dependsOn).toContain('postgresql:catalog');
		expect(noteOf('pricing').dependsOn).not.toContain('postgresql:catalog');
		expect(noteOf('pricing').owner).not.toBe(noteOf('catalog').owner);
	});

	it('fraud-check calls orders, across teams, and nobody wrote it down', () => {
		for (const w of allWindows) expect(edgeIn(w, 'fraud-check -> orders').calls).toBeGreaterThan(0);
		expect(noteOf('fraud-check').dependsOn).not.toContain('orders');
		expect(noteOf('fraud-check').owner).not.toBe(noteOf('orders').owner);
	});

	it('payments falls back to Adyen only when Stripe fails, which it does in window 3 only', () => {
		for (const w of allWindows) {
			const spans = spansByWindow.get(w) ?? [];
			const fallback = edgeIn(w, 'payments -> pal-live.adyen.com');
			const stripe = edgeIn(w, 'payments -> api.stripe.com');
			if (w !== 3) {
				expect(fallback.calls, `window ${w}`).toBe(0);
				continue;
			}
			expect(stripe.errors / stripe.calls).toBeGreaterThan(0.15);
			expect(fallback.calls).toBe(stripe.errors);
			// Every trace with a fallback call holds a failed Stripe call: the path exists only in failure.
			const failedTraces = new Set(spans.filter((s) => s.error).map((s) => s.traceId));
			const fallbackTraces = spans.filter((s) => s.service === 'payments' && s.attrs['server.address'] === 'pal-live.adyen.com').map((s) => s.traceId);
			expect(fallbackTraces.length).toBeGreaterThan(0);
			for (const trace of fallbackTraces) expect(failedTraces.has(trace)).toBe(true);
		}
		expect(noteOf('payments').dependsOn).not.toContain('pal-live.adyen.com');
	});

	it('search is scaled out for window 5 and back, and every other service runs two pods a version', () => {
		const podsOf = (w: number, service: string, version?: string) =>
			new Set((spansByWindow.get(w) ?? []).filter((s) => s.service === service && (version === undefined || s.version === version)).map((s) => s.instance));
		expect(allWindows.map((w) => podsOf(w, 'search').size)).toEqual([3, 3, 3, 3, 12, 4]);
		for (const w of allWindows) {
			for (const service of servicesIn(w)) {
				if (service === 'search') continue;
				// A deploy rolls a new replica set: its pods have new names.
				const versions = new Set((spansByWindow.get(w) ?? []).filter((s) => s.service === service).map((s) => s.version));
				for (const version of versions) expect(podsOf(w, service, version).size, `${service} ${version} in window ${w}`).toBeLessThanOrEqual(2);
				for (const pod of podsOf(w, service)) expect(pod).toMatch(new RegExp(`^${service}-[0-9a-z]{9}-[0-9a-z]{5}$`));
			}
		}
	});

	it('notifications retries a failing push-sender in window 6 only', () => {
		for (const w of allWindows) {
			const edge = edgeIn(w, 'notifications -> push-sender');
			const spans = spansByWindow.get(w) ?? [];
			const pushServers = new Set(spans.filter((s) => s.service === 'push-sender' && s.kind === 2).map((s) => `${s.traceId}:${s.parentSpanId}`));
			const clientsPerParent = new Map<string, number>();
			for (const s of spans) {
				if (s.service === 'notifications' && s.kind === 3 && pushServers.has(`${s.traceId}:${s.spanId}`)) {
					clientsPerParent.set(`${s.traceId}:${s.parentSpanId}`, (clientsPerParent.get(`${s.traceId}:${s.parentSpanId}`) ?? 0) + 1);
				}
			}
			const repeats = Math.max(...clientsPerParent.values());
			if (w === 6) {
				expect(edge.calls, `window ${w}`).toBeGreaterThanOrEqual(30);
				expect(edge.errors / edge.calls, `window ${w}`).toBeGreaterThan(0.5);
				expect(edge.calls / clientsPerParent.size, `window ${w}`).toBeGreaterThan(2);
				expect(repeats).toBeGreaterThanOrEqual(4);
			} else {
				expect(edge.errors / edge.calls, `window ${w}`).toBeLessThan(0.1);
				expect(edge.calls / clientsPerParent.size, `window ${w}`).toBeLessThan(1.2);
			}
		}
	});

	it('commerce owns about ten services while every other team owns 3-5', () => {
		const owned = new Map<string, number>();
		for (const n of notes) owned.set(n.owner, (owned.get(n.owner) ?? 0) + 1);
		expect(owned.get('commerce')).toBeGreaterThanOrEqual(9);
		for (const [team, count] of owned) {
			if (team === 'commerce') continue;
			expect(count, team).toBeGreaterThanOrEqual(3);
			expect(count, team).toBeLessThanOrEqual(5);
		}
	});

	it('orders -> grocer-legacy is seen in windows 1-3 and gone from window 4, still declared', () => {
		for (const w of [1, 2, 3]) expect(edgeIn(w, 'orders -> grocer-legacy').calls).toBeGreaterThan(0);
		for (const w of [4, 5, 6]) expect(edgeIn(w, 'orders -> grocer-legacy').calls).toBe(0);
		expect(noteOf('orders').dependsOn).toContain('grocer-legacy');
	});

	it('only checkout changes service.version, and it does across windows', () => {
		const versions = new Map<string, Set<string>>();
		for (const w of allWindows) {
			for (const s of spansByWindow.get(w) ?? []) versions.set(s.service, (versions.get(s.service) ?? new Set()).add(s.version));
		}
		for (const [service, set] of versions) expect(set.size, service).toBe(service === 'checkout' ? 4 : 1);
		const perWindow = allWindows.map((w) => [...new Set((spansByWindow.get(w) ?? []).filter((s) => s.service === 'checkout').map((s) => s.version))].sort().join(','));
		expect(perWindow[0]).toBe('3.14.2');
		expect(perWindow[5]).toBe('3.16.0');
	});

	it('refunds writes the orders database and warehouse-loader reads it, in every window', () => {
		const ops = (w: number, from: string) =>
			new Set((spansByWindow.get(w) ?? []).filter((s) => s.service === from && s.attrs['db.namespace'] === 'orders').map((s) => s.attrs['db.operation.name']));
		for (const w of allWindows) {
			expect([...ops(w, 'refunds')], `window ${w}`).toEqual(['UPDATE']);
			expect([...ops(w, 'warehouse-loader')], `window ${w}`).toEqual(['SELECT']);
			expect(ops(w, 'orders').has('INSERT'), `window ${w}`).toBe(true);
		}
	});

	it("email-sender calls SendGrid's global host until window 4 and its EU host from window 5", () => {
		for (const w of allWindows) {
			const [before, after] = [edgeIn(w, 'email-sender -> api.sendgrid.com').calls, edgeIn(w, 'email-sender -> eu.api.sendgrid.com').calls];
			if (w <= 4) expect([before > 0, after], `window ${w}`).toEqual([true, 0]);
			else expect([before, after > 0], `window ${w}`).toEqual([0, true]);
		}
	});

	it('differ from the notes exactly by the planted hidden and phantom edges', () => {
		const observed = new Map<string, Set<string>>();
		for (const w of allWindows) {
			for (const edge of edgesByWindow.get(w)?.keys() ?? []) {
				const [from, to] = edge.split(' -> ') as [string, string];
				observed.set(from, (observed.get(from) ?? new Set()).add(to));
			}
		}
		const hidden: string[] = [];
		const phantom: string[] = [];
		for (const n of notes) {
			const seen = observed.get(n.service) ?? new Set<string>();
			for (const to of seen) if (!n.dependsOn.includes(to)) hidden.push(`${n.service} -> ${to}`);
			for (const to of n.dependsOn) if (!seen.has(to)) phantom.push(`${n.service} -> ${to}`);
		}
		expect(hidden.sort()).toEqual([
			'checkout -> address-validator',
			'email-sender -> eu.api.sendgrid.com',
			'fraud-check -> orders',
			'payments -> pal-live.adyen.com',
			'pricing -> postgresql:catalog',
			'recommendations -> kafka:order-events',
			'refunds -> postgresql:orders',
		]);
		expect(phantom.sort()).toEqual([
			'checkout -> loyalty',
			'grocer-legacy -> api.worldpay.com',
			'grocer-legacy -> inventory',
			'recipes -> catalog',
			'recipes -> postgresql:recipes',
		]);
	});
});

// Each week's build as the demo makes it (that week's telemetry, the teams' edits so far), merged
// by the build's own stages: what a model says about who shares what, not what the generator meant.
describe("planted facts, in each build's model", () => {
	const models: Model[] = [];
	let workDir = '';
	beforeAll(async () => {
		workDir = await mkdtemp(path.join(tmpdir(), 'halflife-demo-models-'));
		const base = await loadConfig(path.resolve(contentDir, '..'));
		for (const [index, build] of DEMO_BUILDS.entries()) {
			const content = path.join(workDir, 'content');
			await prepareDemoContent(contentDir, content, index, base.windowDays);
			const options = { ...base, content, site: path.join(workDir, 'site'), cacheDir: path.join(workDir, `cache-${index}`) };
			const now = new Date(build);
			const { model } = await mergeInputs({ contentDir: content, cacheDir: options.cacheDir, options, now, id: buildIdOf(now), logger: memoryLogger() });
			models.push(model);
		}
	}, 120_000);
	afterAll(async () => rm(workDir, { recursive: true, force: true }));
	const modelIn = (window: number): Model => models[window - 1]!;
	const edgeOf = (window: number, from: string, to: string) => modelIn(window).edges.find((e) => e.from === from && e.to === to);
	const couplingOf = (window: number, resource: string) => modelIn(window).couplings.find((c) => c.resource === resource);

	it('the orders database is written by commerce and payments, read by data, and only its owner and its reader declare it', () => {
		expect(noteOf('orders').dependsOn).toContain('postgresql:orders');
		expect(noteOf('refunds').dependsOn).not.toContain('postgresql:orders');
		for (const w of allWindows) {
			const coupling = couplingOf(w, 'postgresql:orders');
			expect(coupling, `window ${w}`).toMatchObject({ kind: 'database', writers: 2, teams: 3, documented: false });
			expect(coupling!.users).toEqual([
				{ service: 'orders', owner: 'commerce', uses: ['reads', 'writes'], status: 'confirmed' },
				{ service: 'refunds', owner: 'payments', uses: ['writes'], status: 'hidden' },
				{ service: 'warehouse-loader', owner: 'data', uses: ['reads'], status: 'confirmed' },
			]);
			// refunds calls orders, so only warehouse-loader's pairs are unseen in the call graph.
			expect(edgeOf(w, 'refunds', 'orders')?.observed).toBe(true);
			expect(coupling!.indirectPairs).toBe(2);
		}
	});

	it("recommendations consumes order-events, which no note or catalog declares, so the topic's sharing is undocumented", () => {
		expect(noteOf('recommendations').dependsOn).not.toContain('kafka:order-events');
		for (const w of allWindows) {
			expect(edgeOf(w, 'recommendations', 'kafka:order-events'), `window ${w}`).toMatchObject({ status: 'hidden', declaredBy: [], uses: ['consumes'] });
			const coupling = couplingOf(w, 'kafka:order-events')!;
			expect(coupling.documented, `window ${w}`).toBe(false);
			expect(coupling.users.map((u) => [u.service, u.uses.join(','), u.status])).toEqual([
				['invoicing', 'consumes', 'confirmed'],
				['loyalty', 'consumes', 'confirmed'],
				['notifications', 'consumes', 'confirmed'],
				['orders', 'publishes', 'confirmed'],
				['picking', 'consumes', 'confirmed'],
				['recommendations', 'consumes', 'hidden'],
			]);
			// Its other topic, clickstream, is declared by both its users: documented.
			expect(couplingOf(w, 'kafka:clickstream'), `window ${w}`).toMatchObject({ documented: true, writers: 1 });
		}
	});

	it("email-sender moves to SendGrid's EU host between builds 4 and 5, and its note still names the old one", () => {
		expect(noteOf('email-sender').dependsOn).toEqual(['api.sendgrid.com']);
		for (const w of allWindows) {
			const hosts = new Map(modelIn(w).egress.map((e) => [e.host, e]));
			const [old, eu] = [hosts.get('api.sendgrid.com'), hosts.get('eu.api.sendgrid.com')];
			expect(old, `window ${w}`).toMatchObject({ callers: ['email-sender'], observed: w <= 4 });
			if (w <= 4) expect(eu, `window ${w}`).toBeUndefined();
			else expect(eu, `window ${w}`).toMatchObject({ callers: ['email-sender'], observed: true });
			expect(edgeOf(w, 'email-sender', 'api.sendgrid.com')?.status).toBe(w <= 4 ? 'confirmed' : 'phantom');
		}
		const changes = diffModels(modelIn(4), modelIn(5));
		expect(changes.externalHostsAdded).toEqual([{ host: 'eu.api.sendgrid.com', callers: ['email-sender'] }]);
		expect(changes.externalHostsRemoved).toEqual([{ host: 'api.sendgrid.com', callers: ['email-sender'] }]);
		expect(changes.edgesAdded).toContainEqual({ from: 'email-sender', to: 'eu.api.sendgrid.com', status: 'hidden' });
		expect(changes.edgesChanged).toContainEqual({ from: 'email-sender', to: 'api.sendgrid.com', before: 'confirmed', after: 'phantom' });
		// The builds either side of the move see the same hosts.
		for (const [a, b] of [[4, 3], [6, 5]] as const) {
			const around = diffModels(modelIn(b), modelIn(a));
			expect([...around.externalHostsAdded, ...around.externalHostsRemoved].filter((h) => h.host.includes('sendgrid'))).toEqual([]);
		}
	});
});

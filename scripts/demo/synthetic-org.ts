import type { NoteFile, TeamFile } from './format-content.ts';
import { calleeName, type Call, type Entry, type Job, type Operation, type OrgModel, type Runtime, type ServiceSpec, type Topic } from './org-model.ts';
import { paretoInt, weightedPicker, type WeightedPicker } from './heavy-tail.ts';
import { createRng, type Rng } from './prng.ts';
import { DOMAINS, EXTERNAL_HOSTS, serviceName, teamNames } from './synthetic-names.ts';
import { describeService, noteBody } from './synthetic-prose.ts';
import { DAY_MS } from '../lib/days.ts';

/** What to build. */
export interface SyntheticOrgOptions {
	/** Services that run (emit spans); retired services with notes come on top. */
	services: number;
	/** Number of teams. */
	teams: number;
	/** Seed: the same options and seed always give the same organisation. */
	seed: number;
	/** The build clock: review dates fall before it, deploys inside the week before it. */
	now: Date;
}

/** Gaps between notes and reality planted in a synthetic organisation, for tests and benchmarks to check against. */
export interface SyntheticPlanted {
	/** Services that run but have no note. */
	undocumented: string[];
	/** Notes for services that do not run. */
	retired: string[];
	/** Real calls left out of the caller's `dependsOn`, as `[from, to]`. */
	hidden: [string, string][];
	/** Declared dependencies that are never called, as `[from, to]`. */
	phantom: [string, string][];
}

/** A synthetic organisation: its runtime behaviour, its teams, and what its teams wrote down. */
export interface SyntheticOrg {
	/** Runtime behaviour, for the trace simulator. */
	model: OrgModel;
	/** Team files. */
	teams: TeamFile[];
	/** Note files. */
	notes: NoteFile[];
	/** Where notes and reality disagree on purpose. */
	planted: SyntheticPlanted;
}

// Share of services per layer: edge, front ends, domain logic, core data, workers.
const LAYER_SHARE = [0.02, 0.08, 0.35, 0.33, 0.22];
const RUNTIMES: readonly Runtime[] = ['go', 'go', 'java', 'java', 'node', 'node', 'python', 'php'];

interface Draft {
	spec: ServiceSpec;
	ops: Record<string, { kind: Operation['kind']; work: number; calls: Call[] }>;
	domain: string;
	layer: number;
	role: 'server' | 'consumer' | 'job';
	owner: string;
	callers: Set<string>;
}

/**
 * Builds a deterministic synthetic organisation: layered services with heavy-tailed fan-in and fan-out
 * (a few services called by thousands, most calling one to three), teams of varied size, shared
 * databases, topics, and planted gaps.
 */
export function buildSyntheticOrg(options: SyntheticOrgOptions): SyntheticOrg {
	const rng = createRng(options.seed);
	const total = Math.max(5, Math.floor(options.services));
	const teams = teamNames(Math.max(1, Math.floor(options.teams)), rng);

	const domainCount = Math.min(DOMAINS.length, Math.max(3, Math.round(total / 12)));
	const domains = rng.shuffle(DOMAINS).slice(0, domainCount);
	const ownerOf = teamOwnership(rng, teams, domains);

	const counts = LAYER_SHARE.map((share) => Math.max(1, Math.round(share * total)));
	counts[2] = (counts[2] ?? 0) + total - counts.reduce((a, b) => a + b, 0);
	const taken = new Set<string>();
	const layers: Draft[][] = counts.map(() => []);
	const byName = new Map<string, Draft>();
	counts.forEach((count, layer) => {
		for (let i = 0; i < count; i++) {
			const domain = rng.pick(domains);
			const name = serviceName(domain, layer, rng, taken);
			const role = layer < 4 ? 'server' : rng.weighted(['server', 'consumer', 'job'] as const, (r) => (r === 'server' ? 5 : r === 'consumer' ? 4 : 1));
			const owner = ownerOf(domain);
			const spec: ServiceSpec = { name, owner, runtime: rng.pick(RUNTIMES), version: `${rng.int(0, 12)}.${rng.int(0, 30)}.${rng.int(0, 9)}`, ops: {} };
			const draft: Draft = { spec, ops: {}, domain, layer, role, owner, callers: new Set() };
			layers[layer]?.push(draft);
			byName.set(name, draft);
		}
	});
	const all = layers.flat();

	// Operations: HTTP routes for servers, one consumer op or one scheduled job for workers.
	for (const d of all) {
		if (d.role === 'server') {
			const routes = rng.shuffle(routeTemplates(d.domain)).slice(0, d.layer === 0 ? rng.int(3, 6) : d.layer === 4 ? rng.int(1, 2) : rng.int(1, 4));
			for (const route of routes) d.ops[route] = { kind: 'server', work: round(rng.logNormal([1, 8, 5, 3, 2][d.layer] ?? 3, 0.6)), calls: [] };
		} else if (d.role === 'job') {
			d.ops[`${d.domain}-nightly-sync`] = { kind: 'internal', work: round(rng.logNormal(400, 0.8)), calls: [] };
		}
	}

	// Infrastructure: databases and caches are per domain, so services of one domain share them.
	const topics = new Map<string, { name: string; producers: number; consumers: { service: string; op: string; group: string }[] }>();
	for (const d of all) {
		const ops = Object.values(d.ops);
		if (ops.length === 0) continue;
		const at = (): { calls: Call[] } => rng.pick(ops);
		if (d.layer >= 2 && rng.chance(d.layer === 2 ? 0.45 : 0.7)) {
			at().calls.push({ type: 'db', system: 'postgresql', namespace: d.domain, operation: rng.pick(['SELECT', 'SELECT', 'INSERT', 'UPDATE']), target: `${d.domain.replace(/-/g, '_')}s`, ms: round(rng.logNormal(4, 0.6)), p: rng.chance(0.7) ? 1 : 0.6 });
		}
		if (d.layer >= 1 && d.layer <= 3 && rng.chance(0.25)) at().calls.push({ type: 'db', system: 'redis', namespace: `${d.domain}-cache`, operation: 'GET', ms: round(rng.logNormal(0.6, 0.4)) });
		if (d.layer >= 2 && rng.chance(0.07)) at().calls.push({ type: 'external', host: rng.pick(EXTERNAL_HOSTS), via: rng.chance(0.8) ? 'server.address' : 'peer.service', method: rng.pick(['GET', 'POST']), ms: round(rng.logNormal(150, 0.5)), errorRate: rng.chance(0.3) ? 0.01 : 0 });
		if (d.layer === 3 && rng.chance(0.2)) {
			const topic = `${d.domain}-events`;
			const entry = topics.get(topic) ?? { name: topic, producers: 0, consumers: [] };
			entry.producers++;
			topics.set(topic, entry);
			at().calls.push({ type: 'produce', topic, p: rng.chance(0.5) ? 1 : 0.5 });
		}
	}

	// Workers that consume: each takes one topic (a new op named after it).
	const topicList = [...topics.values()];
	for (const d of all.filter((x) => x.role === 'consumer')) {
		if (topicList.length === 0) {
			d.role = 'job';
			d.ops[`${d.domain}-nightly-sync`] = { kind: 'internal', work: round(rng.logNormal(400, 0.8)), calls: [] };
			continue;
		}
		const topic = rng.pick(topicList);
		d.ops[topic.name] = { kind: 'consumer', work: round(rng.logNormal(3, 0.6)), calls: [] };
		topic.consumers.push({ service: d.spec.name, op: topic.name, group: d.spec.name });
		if (rng.chance(0.6)) d.ops[topic.name]?.calls.push({ type: 'db', system: 'postgresql', namespace: d.domain, operation: 'INSERT', target: `${d.domain.replace(/-/g, '_')}s`, ms: round(rng.logNormal(4, 0.6)) });
	}

	addServiceCalls(rng, all, byName);
	ensureEveryOpCalled(rng, layers, all, byName);

	// A few services deploy during the week, so their service.version changes mid-window.
	for (const d of all) {
		if (!rng.chance(0.05)) continue;
		const at = new Date(options.now.getTime() - rng.int(1, 6) * DAY_MS - rng.int(0, 23) * 3_600_000);
		d.spec.deploys = [{ at: at.toISOString(), version: bump(d.spec.version, rng) }];
	}

	const services: ServiceSpec[] = all.map((d) => ({ ...d.spec, ops: Object.fromEntries(Object.entries(d.ops).map(([k, v]) => [k, { ...v, calls: v.calls } as Operation])) }));
	const topicSpecs: Topic[] = topicList.map((t) => ({ name: t.name, consumers: t.consumers }));
	const entries: Entry[] = (layers[0] ?? []).flatMap((d) => Object.keys(d.ops).map((op) => ({ service: d.spec.name, op, weight: rng.int(1, 20) })));
	const jobs: Job[] = all.filter((d) => d.role === 'job').map((d) => ({ service: d.spec.name, op: Object.keys(d.ops)[0] as string, hours: [rng.int(0, 23)] }));
	const model: OrgModel = { services, topics: topicSpecs, entries, jobs };

	return { model, ...writeDownBeliefs(rng, all, teams, options.now, topicSpecs) };
}

/** What the teams wrote: notes that mostly match reality, with planted hidden and phantom edges, missing and retired notes. */
function writeDownBeliefs(rng: Rng, all: Draft[], teams: { id: string; name: string }[], now: Date, topics: Topic[]): Omit<SyntheticOrg, 'model'> {
	const planted: SyntheticPlanted = { undocumented: [], retired: [], hidden: [], phantom: [] };
	const teamName = new Map(teams.map((t) => [t.id, t.name]));
	const consumed = new Map<string, string[]>();
	for (const t of topics) for (const c of t.consumers) consumed.set(c.service, [...(consumed.get(c.service) ?? []), `kafka:${t.name}`]);
	const everyName = [...all.map((d) => d.spec.name), ...new Set(all.flatMap((d) => Object.values(d.ops).flatMap((o) => o.calls.map(calleeName))))];
	const notes: NoteFile[] = [];

	for (const d of all) {
		// Edge services are always documented; about 5% of the rest never were.
		if (d.layer > 0 && rng.chance(0.05)) {
			planted.undocumented.push(d.spec.name);
			continue;
		}
		const real = [...new Set([...Object.values(d.ops).flatMap((o) => o.calls.map(calleeName)), ...(consumed.get(d.spec.name) ?? [])])];
		const declared: string[] = [];
		for (const dep of real) {
			if (rng.chance(0.05)) planted.hidden.push([d.spec.name, dep]);
			else declared.push(dep);
		}
		if (rng.chance(0.05)) {
			// Drawing until a name fits beats filtering 20,000 names for each phantom.
			const ghost = pickOther(rng, everyName, new Set([d.spec.name, ...real]));
			if (ghost !== undefined) {
				declared.push(ghost);
				planted.phantom.push([d.spec.name, ghost]);
			}
		}
		notes.push(note(rng, d.spec.name, d.owner, d.domain, d.layer, declared, teamName.get(d.owner) ?? d.owner, now));
	}

	// Retired services: still documented, no longer running; their old callees are of course never seen from them.
	const retiredCount = Math.max(1, Math.round(all.length * 0.015));
	const taken = new Set(all.map((d) => d.spec.name));
	for (let i = 0; i < retiredCount; i++) {
		const domain = rng.pick(DOMAINS);
		const name = serviceName(domain, rng.int(2, 4), rng, taken);
		const deps: string[] = [];
		for (let want = rng.int(1, 3); deps.length < want; ) deps.push(pickOther(rng, all, new Set(deps), (d) => d.spec.name) as string);
		const owner = rng.pick(teams).id;
		planted.retired.push(name);
		notes.push(note(rng, name, owner, domain, 3, deps, teamName.get(owner) ?? owner, now));
	}

	const owned = new Map<string, number>();
	for (const d of all) owned.set(d.owner, (owned.get(d.owner) ?? 0) + 1);
	const teamFiles: TeamFile[] = teams.map((t) => ({
		id: t.id,
		name: t.name,
		description: `Owns ${owned.get(t.id) ?? 0} services.`,
		contact: `#${t.id}`,
		body: `${t.name} is one of ${teams.length} product engineering teams. Reach them in the channel; the on-call engineer watches it during working hours.`,
	}));
	return { teams: teamFiles, notes: notes.sort((a, b) => (a.service < b.service ? -1 : 1)), planted };
}

/**
 * Who owns a new service of a domain. Teams differ in size: each has a log-normal weight, and when
 * there are more teams than domains each team has a home domain; otherwise domains go to teams with
 * Zipf-like weights, so one team owns far more than the others. 85% of services go to their domain's teams.
 */
function teamOwnership(rng: Rng, teams: readonly { id: string }[], domains: readonly string[]): (domain: string) => string {
	const weight = new Map(teams.map((t) => [t.id, rng.logNormal(1, 0.9)]));
	const byWeight = (id: string): number => weight.get(id) ?? 1;
	const zipf = weightedPicker(teams.map((t, i) => ({ id: t.id, weight: 1 / (i + 1) ** 0.8 })), (t) => t.weight);
	const perDomain = new Map<string, WeightedPicker<string>>();
	domains.forEach((domain, j) => {
		const home = teams.filter((_, i) => i % domains.length === j).map((t) => t.id);
		perDomain.set(domain, weightedPicker(home.length > 0 ? home : [zipf.pick(rng).id], byWeight));
	});
	const anyTeam = weightedPicker(teams.map((t) => t.id), byWeight);
	return (domain) => (rng.chance(0.85) ? (perDomain.get(domain) ?? anyTeam) : anyTeam).pick(rng);
}

/**
 * Service calls: every service above the workers calls a heavy-tailed number of callees in lower
 * layers (most one to three, gateways more), and callees are drawn by a Zipf popularity over a random
 * ranking, so a few services end up called by thousands at 20,000 services, as in Alibaba's traces.
 */
function addServiceCalls(rng: Rng, all: Draft[], byName: Map<string, Draft>): void {
	const popularity = new Map(rng.shuffle(all).map((d, i) => [d, 1 / (i + 1) ** 1.25]));
	const pickers = new Map<string, WeightedPicker<Draft>>();
	// Callees of a layer are servers below it; workers (layer 4) call worker servers only, so no call cycles exist.
	const pickerFor = (minLayer: number, domain?: string): WeightedPicker<Draft> => {
		const key = `${minLayer}\u0000${domain ?? ''}`;
		let picker = pickers.get(key);
		if (!picker) {
			const pool = all.filter((x) => x.layer >= minLayer && x.role === 'server' && (domain === undefined || x.domain === domain));
			picker = weightedPicker(pool, (x) => popularity.get(x) ?? 0);
			pickers.set(key, picker);
		}
		return picker;
	};
	for (const d of all) {
		const ops = Object.keys(d.ops);
		if (ops.length === 0 || (d.layer === 4 && d.role === 'server')) continue;
		const minLayer = d.layer < 4 ? d.layer + 1 : 4;
		const fanOut = d.layer === 0 ? paretoInt(rng, 3, 1.2, 60) : d.layer < 4 ? paretoInt(rng, 1, 1.6, 40) : rng.int(0, 2);
		const pool = pickerFor(minLayer);
		const sameDomain = pickerFor(minLayer, d.domain);
		const chosen = new Set<Draft>();
		for (let tries = 0; chosen.size < Math.min(fanOut, pool.size) && tries < fanOut * 10; tries++) {
			const pick = (sameDomain.size > 0 && rng.chance(0.3) ? sameDomain : pool).pick(rng);
			if (pick !== d) chosen.add(pick);
		}
		for (const callee of chosen) addServiceCall(rng, d, rng.pick(ops), callee, byName);
	}
}

/** Every server below the edge needs a caller, and every one of its operations must be called by someone. */
function ensureEveryOpCalled(rng: Rng, layers: Draft[][], all: Draft[], byName: Map<string, Draft>): void {
	for (let layer = 1; layer < layers.length; layer++) {
		const above = all.filter((x) => x.layer < layer && x.layer < 4 && Object.keys(x.ops).length > 0);
		for (const d of layers[layer] ?? []) {
			if (d.role !== 'server') continue;
			if (d.callers.size === 0) {
				const caller = rng.pick(above);
				addServiceCall(rng, caller, rng.pick(Object.keys(caller.ops)), d, byName);
			}
			// Only services in `callers` ever call it, so their operations are all there is to search.
			const called = new Set<string>();
			for (const name of d.callers) {
				for (const op of Object.values(byName.get(name)?.ops ?? {})) for (const call of op.calls) if (call.type === 'http' && call.to === d.spec.name) called.add(call.op);
			}
			for (const opName of Object.keys(d.ops)) {
				if (called.has(opName)) continue;
				const caller = byName.get(rng.pick([...d.callers].sort())) as Draft;
				caller.ops[rng.pick(Object.keys(caller.ops))]?.calls.push(httpCall(rng, d.spec.name, opName));
			}
		}
	}
}

/** A random item whose key is not in `not`, or undefined after a hundred misses (every item taken). */
function pickOther<T>(rng: Rng, items: readonly T[], not: ReadonlySet<string>, key: (item: T) => string = String): string | undefined {
	for (let tries = 0; tries < 100; tries++) {
		const name = key(rng.pick(items));
		if (!not.has(name)) return name;
	}
	return undefined;
}

function note(rng: Rng, service: string, owner: string, domain: string, layer: number, dependsOn: string[], teamName: string, now: Date): NoteFile {
	// Skewed towards recent reviews, with a long tail of notes nobody has looked at for years.
	const daysAgo = 1 + Math.floor(1100 * rng.next() ** 1.6);
	const reviewed = new Date(now.getTime() - daysAgo * DAY_MS).toISOString().slice(0, 10);
	return {
		service,
		owner,
		reviewed,
		dependsOn,
		description: describeService(domain, layer, rng),
		body: noteBody({ name: service, domain, layer, teamName, dependsOn }, rng),
		format: rng.chance(0.05) ? 'mdx' : 'md',
	};
}

function addServiceCall(rng: Rng, caller: Draft, opName: string, callee: Draft, byName: Map<string, Draft>): void {
	const calleeOps = Object.keys(callee.ops);
	if (calleeOps.length === 0 || !byName.has(callee.spec.name)) return;
	caller.ops[opName]?.calls.push(httpCall(rng, callee.spec.name, rng.pick(calleeOps)));
	callee.callers.add(caller.spec.name);
}

function httpCall(rng: Rng, to: string, op: string): Call {
	// Optional calls keep traces at a realistic size; the simulator still makes each one at least once.
	const p = rng.chance(0.2) ? 1 : round(rng.next() * 0.35 + 0.1);
	return { type: 'http', to, op, p, errorRate: rng.chance(0.15) ? round(rng.next() * 0.03) : 0 };
}

function routeTemplates(domain: string): string[] {
	const plural = `/${domain}s`;
	return [`GET ${plural}/{id}`, `GET ${plural}`, `POST ${plural}`, `PUT ${plural}/{id}`, `DELETE ${plural}/{id}`, `POST ${plural}/{id}/validate`, `GET ${plural}/search`];
}

function bump(version: string, rng: Rng): string {
	const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
	return rng.chance(0.7) ? `${major}.${minor}.${patch + 1}` : `${major}.${minor + 1}.0`;
}

function round(n: number): number {
	return Math.round(n * 100) / 100;
}

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrg, type GeneratedOrg } from './generate-org.ts';
import { edgesOf, readOtlpFile, type RawFile } from './test-helpers/read-otlp.ts';

const NOW = '2026-11-23T00:00:00Z';
let tmp: string;
beforeAll(async () => {
	tmp = await mkdtemp(path.join(tmpdir(), 'halflife-generate-org-'));
});
afterAll(async () => {
	await rm(tmp, { recursive: true, force: true });
});

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
	const out = new Map<string, Buffer>();
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const full = path.join(entry.parentPath, entry.name);
		out.set(path.relative(dir, full), await readFile(full));
	}
	return out;
}

describe('generateOrg', () => {
	it('writes the same bytes for the same seed, and different ones for another seed', async () => {
		const a = path.join(tmp, 'a');
		const b = path.join(tmp, 'b');
		const c = path.join(tmp, 'c');
		await generateOrg({ services: 60, teams: 5, seed: 7, now: NOW, dir: a });
		await generateOrg({ services: 60, teams: 5, seed: 7, now: new Date(NOW), dir: b });
		await generateOrg({ services: 60, teams: 5, seed: 8, now: NOW, dir: c });
		const filesA = await filesOf(a);
		const filesB = await filesOf(b);
		expect([...filesA.keys()].sort()).toEqual([...filesB.keys()].sort());
		for (const [name, bytes] of filesA) expect(bytes.equals(filesB.get(name) as Buffer), name).toBe(true);
		const filesC = await filesOf(c);
		expect(filesC.get('telemetry/2026-11-16.otlp.jsonl')?.equals(filesA.get('telemetry/2026-11-16.otlp.jsonl') as Buffer)).toBe(false);
	});

	describe('a 150-service organisation', () => {
		const dir = (): string => path.join(tmp, 'org150');
		let result: GeneratedOrg;
		let telemetry: RawFile;
		let notes: Map<string, { data: Record<string, unknown>; body: string }>;
		let teams: string[];
		beforeAll(async () => {
			result = await generateOrg({ services: 150, teams: 8, seed: 3, now: NOW, dir: dir() });
			telemetry = readOtlpFile(result.telemetryFile);
			teams = (await readdir(path.join(dir(), 'teams'))).map((f) => f.replace(/\.md$/, ''));
			notes = new Map();
			for (const f of await readdir(path.join(dir(), 'notes'))) {
				const parsed = matter(await readFile(path.join(dir(), 'notes', f), 'utf8'));
				notes.set(String(parsed.data.service), { data: parsed.data as Record<string, unknown>, body: parsed.content });
			}
		});

		it('writes teams, notes and one telemetry window ending at now', () => {
			expect(teams).toHaveLength(8);
			expect(result.teams).toEqual([...teams].sort());
			expect(path.basename(result.telemetryFile)).toBe('2026-11-16.otlp.jsonl');
			expect(notes.size).toBe(result.notes);
			const end = BigInt(Date.parse(NOW)) * 1_000_000n;
			const start = end - 7n * 86_400_000_000_000n;
			for (const s of telemetry.spans) expect(s.start >= start && s.end < end).toBe(true);
			expect(new Set(telemetry.spans.map((s) => s.service)).size).toBe(150);
		});

		it('writes notes with exactly the five fields, owned by existing teams', () => {
			for (const [service, n] of notes) {
				expect(Object.keys(n.data).sort(), service).toEqual(['dependsOn', 'description', 'owner', 'reviewed', 'service']);
				expect(teams).toContain(n.data.owner);
				expect(n.data.reviewed instanceof Date).toBe(true);
				expect((n.data.reviewed as Date).getTime()).toBeLessThan(Date.parse(NOW));
				expect(Array.isArray(n.data.dependsOn)).toBe(true);
				expect(n.body.trim().split(/\s+/).length).toBeGreaterThan(20);
			}
		});

		it('plants undocumented and retired services', () => {
			const running = new Set(telemetry.spans.map((s) => s.service));
			expect(result.planted.undocumented.length).toBeGreaterThan(0);
			for (const s of result.planted.undocumented) {
				expect(running.has(s)).toBe(true);
				expect(notes.has(s)).toBe(false);
			}
			expect(result.planted.retired.length).toBeGreaterThan(0);
			for (const s of result.planted.retired) {
				expect(running.has(s)).toBe(false);
				expect(notes.has(s)).toBe(true);
			}
			// Everything else that runs is documented.
			for (const s of running) expect(notes.has(s) || result.planted.undocumented.includes(s), s).toBe(true);
		});

		it('plants hidden and phantom edges that the telemetry confirms', () => {
			const edges = edgesOf(telemetry.spans);
			expect(result.planted.hidden.length).toBeGreaterThan(0);
			expect(result.planted.phantom.length).toBeGreaterThan(0);
			for (const [from, to] of result.planted.hidden) {
				expect(edges.has(`${from} -> ${to}`), `${from} -> ${to}`).toBe(true);
				expect(notes.get(from)?.data.dependsOn).not.toContain(to);
			}
			for (const [from, to] of result.planted.phantom) {
				expect(edges.has(`${from} -> ${to}`), `${from} -> ${to}`).toBe(false);
				expect(notes.get(from)?.data.dependsOn).toContain(to);
			}
			// Apart from the planted gaps, every declared dependency of a running service is observed.
			const phantom = new Set(result.planted.phantom.map(([f, t]) => `${f} -> ${t}`));
			for (const [service, n] of notes) {
				if (result.planted.retired.includes(service)) continue;
				for (const to of n.data.dependsOn as string[]) {
					if (!phantom.has(`${service} -> ${to}`)) expect(edges.has(`${service} -> ${to}`), `${service} -> ${to}`).toBe(true);
				}
			}
		});

		it('builds a layered graph with a realistic fan-out and shared infrastructure', () => {
			const edges = [...edgesOf(telemetry.spans).keys()].map((e) => e.split(' -> ') as [string, string]);
			const running = new Set(telemetry.spans.map((s) => s.service));
			const fanOut = new Map<string, number>();
			for (const [from, to] of edges) if (running.has(to)) fanOut.set(from, (fanOut.get(from) ?? 0) + 1);
			const callers = [...fanOut.values()].filter((n) => n >= 3);
			expect(callers.length).toBeGreaterThan(30);
			const mean = callers.reduce((a, b) => a + b, 0) / callers.length;
			expect(mean).toBeGreaterThanOrEqual(3);
			expect(mean).toBeLessThanOrEqual(8);
			const dbUsers = new Map<string, Set<string>>();
			for (const [from, to] of edges) if (to.startsWith('postgresql:')) dbUsers.set(to, (dbUsers.get(to) ?? new Set()).add(from));
			expect([...dbUsers.values()].some((users) => users.size > 1)).toBe(true);
			expect(edges.some(([, to]) => to.startsWith('kafka:'))).toBe(true);
			expect(telemetry.spans.some((s) => s.kind === 5)).toBe(true);
		});
	});

	// How fast is the bench's to show (`npm run bench` prints it); a timed assertion fails on a busy machine.
	it('generates 1,000 services, a note for most of them', async () => {
		const result = await generateOrg({ services: 1000, seed: 1, now: NOW, dir: path.join(tmp, 'org1000') });
		expect(result.services).toHaveLength(1000);
		expect(result.notes).toBeGreaterThan(900);
		expect(result.notes).toBeLessThan(1000);
	});
});

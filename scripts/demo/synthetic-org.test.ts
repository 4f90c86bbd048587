import { describe, expect, it } from 'vitest';
import { buildSyntheticOrg, type SyntheticOrg } from './synthetic-org.ts';

const NOW = new Date('2026-11-23T00:00:00Z');
const build = (services: number, seed = 1): SyntheticOrg => buildSyntheticOrg({ services, teams: Math.max(3, Math.round(services / 15)), seed, now: NOW });

// Distinct callers and callees of each service, from the HTTP calls of the runtime model.
function degrees(org: SyntheticOrg): { fanIn: number[]; fanOut: number[] } {
	const callers = new Map<string, Set<string>>();
	const callees = new Map<string, Set<string>>();
	for (const s of org.model.services) {
		for (const op of Object.values(s.ops)) {
			for (const call of op.calls) {
				if (call.type !== 'http') continue;
				callers.set(call.to, (callers.get(call.to) ?? new Set()).add(s.name));
				callees.set(s.name, (callees.get(s.name) ?? new Set()).add(call.to));
			}
		}
	}
	const sizes = (m: Map<string, Set<string>>): number[] => [...m.values()].map((x) => x.size).sort((a, b) => a - b);
	return { fanIn: sizes(callers), fanOut: sizes(callees) };
}
const median = (sorted: number[]): number => sorted[Math.floor(sorted.length / 2)] as number;

describe('buildSyntheticOrg', () => {
	it('gives the same organisation for the same seed and another for another seed', () => {
		expect(build(400, 3)).toEqual(build(400, 3));
		expect(build(400, 4).model.services.map((s) => s.name)).not.toEqual(build(400, 3).model.services.map((s) => s.name));
	});

	describe('at 20,000 services', () => {
		const org = build(20_000);
		const { fanIn, fanOut } = degrees(org);

		it('has a heavy-tailed fan-in: a few services called by thousands, most by one or two', () => {
			expect(median(fanIn)).toBeLessThanOrEqual(2);
			expect(fanIn.filter((n) => n >= 1000).length).toBeGreaterThanOrEqual(3);
			expect(fanIn.filter((n) => n >= 100).length / fanIn.length).toBeLessThan(0.01);
		});

		it('has most callers calling one to three services, and a few calling dozens', () => {
			expect(fanOut.filter((n) => n <= 3).length / fanOut.length).toBeGreaterThan(0.6);
			expect(fanOut.at(-1)).toBeGreaterThanOrEqual(30);
		});

		it('has teams of varied size', () => {
			const sizes = org.teams.map((t) => Number(/^Owns (\d+) services/.exec(t.description)?.[1])).sort((a, b) => a - b);
			expect(sizes.reduce((a, b) => a + b, 0)).toBe(20_000);
			expect(sizes.at(-1)).toBeGreaterThan(5 * median(sizes));
			expect(sizes.filter((n) => n <= median(sizes) / 2).length).toBeGreaterThan(sizes.length / 10);
		});

		it('leaves a share of running services undocumented and declares dependencies never seen', () => {
			const share = org.planted.undocumented.length / 20_000;
			expect(share).toBeGreaterThan(0.03);
			expect(share).toBeLessThan(0.08);
			const running = new Set(org.model.services.map((s) => s.name));
			const documented = new Set(org.notes.map((n) => n.service));
			for (const s of org.planted.undocumented) expect(running.has(s) && !documented.has(s), s).toBe(true);
			expect(org.planted.phantom.length).toBeGreaterThan(500);
		});
	});
});

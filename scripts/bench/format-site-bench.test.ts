import { describe, expect, it } from 'vitest';
import type { DiskUsage } from '../lib/disk-usage.ts';
import { formatSiteBench, type BuildFigures, type SiteBenchFigures } from './format-site-bench.ts';
import type { Run } from './run-measured.ts';
import { siteGoalsAt } from './site-goals.ts';

const run = (seconds: number, peakRssMb = 900): Run => ({ seconds, peakRssMb, stdout: '', stderr: '' });
const build = (seconds: number, stages: BuildFigures['stages'] = null): BuildFigures => ({ label: 'x', run: run(seconds), stages });
const du = (mb: number): DiskUsage => ({ disk: mb * 1e6, apparent: mb * 0.9e6, entries: 100 });

function figures(services: number, over: Partial<SiteBenchFigures> = {}): SiteBenchFigures {
	return {
		services,
		spans: 25_000,
		pages: 1230,
		teams: 67,
		plainCold: run(11),
		plainWarm: run(10),
		cold: build(24, { notes: 1500, pull: 1100, generate: 3900, diagrams: 12_000, astro: 9000, publish: 3000 }),
		warm: [{ ...build(11.5), added: du(60), pruned: 0 }, { ...build(12.5), added: du(5.5), pruned: 1 }, { ...build(12.0), added: du(6.5), pruned: 1 }],
		jaeger: build(30),
		siteAfterCold: du(140),
		siteAfterAll: du(152),
		exported: du(150),
		servicePages: { pages: 1000, median: 19_500, max: 60_000, maxPath: '/services/auth/' },
		goals: siteGoalsAt(services),
		...over,
	};
}

describe('formatSiteBench', () => {
	it('judges each figure against the goals for 1,000 services', () => {
		const text = formatSiteBench(figures(1000));
		expect(text).toContain('< 25 s: met');
		expect(text).toContain('<= 1.2x plain warm: 1.15x met');
		// Judged from the first build that removed old pages on: before it, each build adds a whole copy.
		expect(text).toMatch(/warm build 1 added\s+60\.0 MB .*\(retention keeps every copy so far: a whole copy\)/);
		expect(text).toMatch(/warm build 2 added\s+5\.5 MB .*<= 6 MB a build: met, removed the pages of 1 old build/);
		expect(text).toMatch(/warm build 3 added\s+6\.5 MB .*<= 6 MB a build: MISSED/);
		expect(text).toContain('A year of daily builds, at 6.5 MB a build once retention removes old pages: about 2524.5 MB (an upper bound');
		expect(text).toContain('median 19.5 kB, max 60.0 kB /services/auth/   median <= 20 kB: met');
		expect(text).toMatch(/Halflife cold\s+1\.5 s\s+1\.1 s\s+3\.9 s\s+12\.0 s\s+9\.0 s\s+3\.0 s/);
		expect(text).not.toContain('45 s');
	});

	it('holds 20,000 services to their time and memory goals', () => {
		const slow = figures(20_000, { cold: { ...build(700), run: run(700, 4500) } });
		const text = formatSiteBench(slow);
		expect(text).toContain('< 600 s: MISSED');
		expect(text).toContain('< 180 s: met');
		expect(text).toContain('Peak RSS of the Halflife builds: 4500 MB; goal < 4096 MB: MISSED');
		expect(text).not.toContain('a build: ');
	});

	it('prints the figures without verdicts at a size with no goals', () => {
		const text = formatSiteBench(figures(300));
		expect(text).toContain('No goals are set at 300 services (only at 1,000, 5,000, 20,000).');
		expect(text).not.toMatch(/\b(met|MISSED)\b/);
	});
});

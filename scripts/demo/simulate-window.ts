import { inWindow, type Call, type Job } from './org-model.ts';
import type { Rng } from './prng.ts';
import { simulateTrace, type OrgIndex, type SpanRecord, type TraceRoot } from './simulate-trace.ts';

/** What to simulate: one observation window of an organisation. */
export interface WindowPlan {
	/** The indexed organisation. */
	index: OrgIndex;
	/** Window number (1-based). */
	window: number;
	/** Window start, inclusive. */
	start: Date;
	/** Window end, exclusive. */
	end: Date;
	/** User-request traces to sample from the entry mix (scheduled jobs come on top). */
	traces: number;
	/** Whether to add one trace for every entry the sample missed, so each entry's subtree shows up. */
	coverEntries?: boolean;
}

// Relative traffic per UTC hour for a UK grocer: quiet nights, a lunch bump, an evening peak.
const HOURLY_TRAFFIC = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.5, 3.5, 3.5, 3.2, 3.2, 3.8, 3.5, 3, 3, 3.3, 4, 5, 5.5, 5, 4, 3, 1.8];
const HOUR_US = 3_600_000_000;
// Latest a root may start, so that consumers and retries still finish inside the window.
const TAIL_US = 30 * 60_000_000;

/** Simulates every trace of a window and returns them sorted by root start. */
export function simulateWindow(plan: WindowPlan, rng: Rng): SpanRecord[][] {
	const { index, window } = plan;
	const startUs = plan.start.getTime() * 1000;
	const endUs = plan.end.getTime() * 1000;
	const days = Math.max(1, Math.round((endUs - startUs) / (24 * HOUR_US)));
	const live = (service: string): boolean => inWindow(index.services.get(service)?.windows, window);
	const roots: TraceRoot[] = [];

	const entries = index.org.entries.filter((e) => live(e.service));
	const hours = HOURLY_TRAFFIC.map((weight, hour) => ({ weight, hour }));
	const sampleStart = (): number => {
		const day = rng.int(0, days - 1);
		const hour = rng.weighted(hours, (h) => h.weight).hour;
		const at = startUs + day * 24 * HOUR_US + hour * HOUR_US + Math.floor(rng.next() * HOUR_US);
		return Math.min(at, endUs - TAIL_US);
	};
	// Quota sampling (largest remainder): each entry gets its exact share, so weeks differ in timing, not in mix.
	const total = entries.reduce((sum, e) => sum + e.weight, 0);
	const quotas = entries.map((e, i) => ({ entry: e, i, exact: (e.weight / total) * plan.traces }));
	const counts = quotas.map((q) => Math.floor(q.exact));
	let left = plan.traces - counts.reduce((a, b) => a + b, 0);
	for (const q of quotas.slice().sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.i - b.i)) {
		if (left-- <= 0) break;
		counts[q.i] = (counts[q.i] ?? 0) + 1;
	}
	entries.forEach((entry, i) => {
		for (let n = 0; n < (counts[i] ?? 0); n++) roots.push({ service: entry.service, op: entry.op, startUs: sampleStart() });
	});
	if (plan.coverEntries) {
		// Rare requests may miss the sample; one of each keeps every entry's subtree in the window.
		for (const entry of entries) {
			if (!roots.some((r) => r.service === entry.service && r.op === entry.op)) roots.push({ service: entry.service, op: entry.op, startUs: sampleStart() });
		}
	}
	const monthly: TraceRoot[] = [];
	for (const job of index.org.jobs) {
		if (!live(job.service)) continue;
		if (job.monthDays) {
			monthly.push(...monthlyRoots(job, startUs, endUs));
			continue;
		}
		for (let day = 0; day < days; day++) {
			for (const hour of job.hours) {
				// Schedulers fire a few seconds late, never early.
				const at = startUs + day * 24 * HOUR_US + hour * HOUR_US + rng.int(200_000, 9_000_000);
				if (at < endUs - TAIL_US) roots.push({ service: job.service, op: job.op, startUs: at });
			}
		}
	}

	roots.sort((a, b) => a.startUs - b.startUs);
	const fired = new Set<Call>();
	const turns = new Map<string, number>();
	const context = { index, window, rng, fired, turns };
	// Monthly jobs come last and draw their start from no generator, so a month-end run in one
	// week leaves every other trace of that week exactly as it was.
	return [...roots.map((root) => simulateTrace(context, root)), ...monthly.map((root) => simulateTrace(context, root))];
}

// A monthly job's runs in the window: each of its days of the month, at each of its hours, 7 s late.
function monthlyRoots(job: Job, startUs: number, endUs: number): TraceRoot[] {
	const roots: TraceRoot[] = [];
	for (let day = Math.floor(startUs / (24 * HOUR_US)); day * 24 * HOUR_US < endUs; day++) {
		if (!job.monthDays!.includes(new Date(day * 24 * 3_600_000).getUTCDate())) continue;
		for (const hour of job.hours) {
			const at = day * 24 * HOUR_US + hour * HOUR_US + 7_000_000;
			if (at >= startUs && at < endUs - TAIL_US) roots.push({ service: job.service, op: job.op, startUs: at });
		}
	}
	return roots;
}

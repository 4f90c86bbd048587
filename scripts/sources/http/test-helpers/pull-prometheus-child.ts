// Pulls the prometheus source at argv[2] with default options except retries, in a process of its own, and prints
// what happened and the process's peak RSS as one JSON line: how a test shows memory stays bounded.
import { prometheusSource } from '../../prometheus/prometheus-source.ts';

const url = process.argv[2] as string;
const end = new Date('2026-01-02T00:00:00Z');
const window = { start: new Date('2026-01-01T00:00:00Z'), end };
let outcome: Record<string, unknown>;
try {
	const snapshot = await prometheusSource({ url, retries: 0 }).load({ contentDir: '.', now: end, window, logger: { info() {}, warn() {} } });
	outcome = { edges: snapshot.edges.length };
} catch (error) {
	outcome = { name: (error as Error).name, message: (error as Error).message };
}
// resourceUsage gives kilobytes.
process.stdout.write(`${JSON.stringify({ ...outcome, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);

import { compare } from '../lib/compare.ts';
import { stronglyConnected } from '../lib/strongly-connected.ts';
import type { Flow } from './observed-flows.ts';

/** The most cycles a model lists; the page of a system with more has other problems to show first. */
export const MAX_CYCLES = 100;

/**
 * The call cycles in observed flows: each strongly connected component of more than one node
 * (every member reaches every other, through queues too), as its member names sorted, the list
 * sorted by its first name; at most `limit`.
 */
export function findCycles(flows: readonly Flow[], limit = MAX_CYCLES): string[][] {
	const next = new Map<string, string[]>();
	for (const flow of flows) {
		if (!next.has(flow.to)) next.set(flow.to, []);
		const out = next.get(flow.from);
		if (out) out.push(flow.to);
		else next.set(flow.from, [flow.to]);
	}
	const components = stronglyConnected(next)
		.filter((component) => component.length > 1)
		.map((component) => component.sort(compare));
	return components.sort((a, b) => compare(a[0]!, b[0]!)).slice(0, limit);
}

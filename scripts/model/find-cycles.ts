import { compare } from '../lib/compare.ts';
import type { Flow } from './observed-flows.ts';

/** The most cycles a model lists; the page of a system with more has other problems to show first. */
export const MAX_CYCLES = 100;

/**
 * The call cycles in observed flows: each strongly connected component of more than one node
 * (every member reaches every other, through queues too), as its member names sorted, the list
 * sorted by its first name; at most `limit`. Tarjan's algorithm, iterative, so a long chain
 * cannot overflow the stack.
 */
export function findCycles(flows: readonly Flow[], limit = MAX_CYCLES): string[][] {
	const next = new Map<string, string[]>();
	for (const flow of flows) {
		if (!next.has(flow.to)) next.set(flow.to, []);
		const out = next.get(flow.from);
		if (out) out.push(flow.to);
		else next.set(flow.from, [flow.to]);
	}
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const onStack = new Set<string>();
	const stack: string[] = [];
	const components: string[][] = [];
	for (const root of [...next.keys()].sort(compare)) {
		if (index.has(root)) continue;
		const work: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
		index.set(root, index.size);
		low.set(root, index.get(root)!);
		stack.push(root);
		onStack.add(root);
		while (work.length > 0) {
			const frame = work.at(-1)!;
			const targets = next.get(frame.node)!;
			if (frame.edge < targets.length) {
				const target = targets[frame.edge++]!;
				if (!index.has(target)) {
					index.set(target, index.size);
					low.set(target, index.get(target)!);
					stack.push(target);
					onStack.add(target);
					work.push({ node: target, edge: 0 });
				} else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
				continue;
			}
			work.pop();
			const parent = work.at(-1);
			if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
			if (low.get(frame.node) !== index.get(frame.node)) continue;
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== frame.node);
			if (component.length > 1) components.push(component.sort(compare));
		}
	}
	return components.sort((a, b) => compare(a[0]!, b[0]!)).slice(0, limit);
}

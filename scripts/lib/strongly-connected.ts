import { compare } from './compare.ts';

/**
 * The strongly connected components of a directed graph given as each node's targets (targets that
 * are not keys are ignored), singletons included, each in the order Tarjan's algorithm closes it.
 * Iterative, so a long chain cannot overflow the stack; roots are visited in name order, so the
 * result is stable.
 */
export function stronglyConnected(next: ReadonlyMap<string, readonly string[]>): string[][] {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const onStack = new Set<string>();
	const stack: string[] = [];
	const components: string[][] = [];
	const enter = (node: string) => {
		index.set(node, index.size);
		low.set(node, index.get(node)!);
		stack.push(node);
		onStack.add(node);
	};
	for (const root of [...next.keys()].sort(compare)) {
		if (index.has(root)) continue;
		enter(root);
		const work = [{ node: root, edge: 0 }];
		while (work.length > 0) {
			const frame = work.at(-1)!;
			const targets = next.get(frame.node)!;
			if (frame.edge < targets.length) {
				const target = targets[frame.edge++]!;
				if (!next.has(target)) continue;
				if (!index.has(target)) {
					enter(target);
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
			components.push(component);
		}
	}
	return components;
}

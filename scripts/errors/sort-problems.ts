import { compare } from '../lib/compare.ts';
import type { Problem } from './halflife-error.ts';

/** Orders problems by file, line and column (those without a place last), so one file's problems read together. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
	return problems
		.map((problem, order) => ({ problem, order, at: problem.error.location }))
		.sort((a, b) => {
			if (!a.at || !b.at) return (a.at ? -1 : b.at ? 1 : 0) || a.order - b.order;
			return compare(a.at.file, b.at.file) || (a.at.line ?? 0) - (b.at.line ?? 0) || (a.at.column ?? 0) - (b.at.column ?? 0) || a.order - b.order;
		})
		.map(({ problem }) => problem);
}

import type { BuildResult } from '../build.ts';
import { formatError, formatLocation, type HalflifeError, type Problem } from '../errors/halflife-error.ts';
import { countChanges } from '../model/diff-models.ts';

/** Exit code of a build that published with a failed telemetry source: not a failure, not all well. */
export const EXIT_DEGRADED = 3;

/** Prints a user error on stderr; returns its exit code, 1. */
export function report(error: HalflifeError): number {
	process.stderr.write(`${formatError(error)}\n`);
	return 1;
}

/** Prints each problem on stderr, with its severity, place, message and hint. */
export function printProblems(problems: readonly Problem[]): void {
	for (const problem of problems) process.stderr.write(`${formatError(problem.error, problem.severity)}\n`);
}

/** What a bot needs to know about a build (`build --json`), without the whole model. */
export function buildSummary(result: BuildResult) {
	return {
		id: result.id,
		siteDir: result.siteDir,
		summary: result.model.summary,
		changes: { count: countChanges(result.changes), ...result.changes },
		degraded: result.degraded,
		// What telemetry the build saw: its window, how much fell in it, what was skipped.
		telemetry: result.model.telemetry,
		warnings: result.warnings.map((p) => ({ severity: p.severity, name: p.error.name, where: formatLocation(p.error.location), message: p.error.message })),
		timingsMs: result.timings,
	};
}

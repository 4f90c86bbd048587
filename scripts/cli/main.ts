import path from 'node:path';
import { parseArgs } from 'node:util';
import { HalflifeError, ProblemsError } from '../errors/halflife-error.ts';
import { isLiveTerminal } from '../lib/is-live-terminal.ts';
import { liveLogger } from '../lib/live-logger.ts';
import { consoleLogger } from '../lib/logger.ts';
import { COMMANDS, init } from './commands.ts';
import { FLAGS, withFlags, type FlagValues } from './flags.ts';
import { COMMAND_HELP, HELP } from './help.ts';
import { loadConfig } from './load-config.ts';
import { printProblems, report } from './output.ts';

/** Exit code of a build that published with a failed telemetry source: not a failure, not all well. */
export { EXIT_DEGRADED } from './output.ts';

/**
 * Runs the `halflife` command with its arguments; returns the exit code: 0 done, 1 a problem in the
 * inputs or the command line (said where and how to fix it), 2 a bug (the stack, and a request for a
 * report), 3 published on stale telemetry.
 */
export async function main(argv: string[]): Promise<number> {
	let values: FlagValues;
	let positionals: string[];
	try {
		({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: FLAGS }));
	} catch (error) {
		return report(new HalflifeError('UsageError', { params: { detail: (error as Error).message } }));
	}
	const [command, ...args] = positionals;
	if (values.help || !command) {
		process.stdout.write((command && COMMAND_HELP[command]) || HELP);
		return command || values.help ? 0 : 1;
	}
	// A status line redrawn in place is for a person at a terminal; CI logs, pipes, --quiet and --json get plain lines.
	const live = !values.quiet && !values.json && isLiveTerminal(process.stderr, process.env) ? liveLogger(process.stderr) : undefined;
	const logger = live ?? consoleLogger({ quiet: values.quiet ?? false });
	try {
		if (command === 'init') return await init(args, values, logger);
		const run = COMMANDS[command];
		if (!run) return report(new HalflifeError('UsageError', { params: { detail: `Unknown command \`${command}\`.` } }));
		const root = path.resolve(values.root ?? '.');
		const options = withFlags(await loadConfig(root), values);
		return await run({ root, options, values, args, logger });
	} catch (error) {
		// A failed stage can leave another running (Astro beside the diagrams): its line must not sit under the error.
		live?.close();
		if (error instanceof ProblemsError) {
			printProblems(error.problems);
			process.stderr.write('The build stopped before publishing: the site was left as it was. Fix the errors above and run again.\n');
			return 1;
		}
		if (error instanceof HalflifeError) return report(error);
		process.stderr.write(`halflife: internal error. This is a bug in Halflife; please report it with the output below.\n${(error as Error).stack ?? String(error)}\n`);
		return 2;
	}
}

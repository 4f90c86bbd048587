/** Where Halflife reports progress and warnings. */
export interface Logger {
	info(message: string): void;
	warn(message: string): void;
}

/** A logger that writes line-oriented messages to stderr, so stdout stays free for data (`--json`). */
export function consoleLogger(options: { quiet?: boolean } = {}): Logger {
	return {
		info: (message) => {
			if (!options.quiet) process.stderr.write(`halflife: ${message}\n`);
		},
		warn: (message) => process.stderr.write(`halflife: warning: ${message}\n`),
	};
}

/** A logger that keeps messages in memory, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
	const lines: string[] = [];
	return { lines, info: (m) => lines.push(`info: ${m}`), warn: (m) => lines.push(`warn: ${m}`) };
}

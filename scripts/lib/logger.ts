/** Where Halflife reports progress and warnings. */
export interface Logger {
	info(message: string): void;
	warn(message: string): void;
	/** Starts showing a long stage (under `label`) on a live display; line-oriented loggers leave it out. */
	stage?(label: string): StageProgress;
}

/** One long stage as a live display shows it, from its start until `end`. */
export interface StageProgress {
	/** How far the stage has got: `done` items of `total`, when the total is known. */
	update(done: number, total?: number): void;
	/** The stage is over: the display stops showing it. */
	end(): void;
}

/** A logger that writes line-oriented messages to stderr, so stdout stays free for data (`--json`). */
export function consoleLogger(options: { quiet?: boolean; stream?: { write(chunk: string): unknown } } = {}): Logger {
	const stream = options.stream ?? process.stderr;
	return {
		info: (message) => {
			if (!options.quiet) stream.write(`halflife: ${message}\n`);
		},
		warn: (message) => stream.write(`halflife: warning: ${message}\n`),
	};
}

/** A logger that keeps messages in memory, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
	const lines: string[] = [];
	return { lines, info: (m) => lines.push(`info: ${m}`), warn: (m) => lines.push(`warn: ${m}`) };
}

import type { Logger, StageProgress } from './logger.ts';

/** What a live logger draws on: an interactive terminal stream such as `process.stderr`. */
export interface LiveStream {
	write(chunk: string): unknown;
	/** Width in characters, when known. */
	columns?: number | undefined;
}

/** A logger with a status line; `close` clears it for good, for when a command ends or fails. */
export type LiveLogger = Required<Logger> & { close(): void };

// Back to the start of the line, and erase it.
const CLEAR = '\r\x1b[2K';
// Ten redraws a second look live; more only keep the terminal busy.
const REDRAW_MS = 100;
// The elapsed seconds keep counting while no stage reports anything.
const TICK_MS = 1000;

interface Running {
	label: string;
	started: number;
	done: number | undefined;
	total: number | undefined;
}

/**
 * A logger for an interactive terminal: messages are lines, as with `consoleLogger`, and under
 * them one status line shows the running stages (`diagrams 312/1000 · astro building… · 41 s`),
 * redrawn in place at most ten times a second. A message clears the line, prints, and puts the
 * line back; the line goes away when the last stage ends.
 */
export function liveLogger(stream: LiveStream): LiveLogger {
	const running: Running[] = [];
	// What the status line on screen says; '' when there is none.
	let shown = '';
	let lastDraw = Number.NEGATIVE_INFINITY;
	let pending: ReturnType<typeof setTimeout> | undefined;
	let ticker: ReturnType<typeof setInterval> | undefined;
	let closed = false;

	const draw = (): void => {
		clearTimeout(pending);
		pending = undefined;
		lastDraw = Date.now();
		const line = closed ? '' : statusLine(running, lastDraw, stream.columns);
		if (line === shown) return;
		stream.write(`${CLEAR}${line}`);
		shown = line;
	};
	const schedule = (): void => {
		if (closed || pending) return;
		const wait = lastDraw + REDRAW_MS - Date.now();
		if (wait <= 0) draw();
		// Timers are unref'd: a display must never keep the process alive.
		else pending = setTimeout(draw, wait).unref();
	};
	const print = (text: string): void => {
		// The status line makes way for the message and comes back under it.
		stream.write(shown ? `${CLEAR}${text}\n${shown}` : `${text}\n`);
	};
	const stopTimers = (): void => {
		clearInterval(ticker);
		ticker = undefined;
	};

	return {
		info: (message) => print(`halflife: ${message}`),
		warn: (message) => print(`halflife: warning: ${message}`),
		stage(label): StageProgress {
			if (closed) return { update: () => {}, end: () => {} };
			const entry: Running = { label, started: Date.now(), done: undefined, total: undefined };
			running.push(entry);
			ticker ??= setInterval(schedule, TICK_MS).unref();
			schedule();
			return {
				update(done, total) {
					entry.done = done;
					entry.total = total;
					schedule();
				},
				end() {
					const index = running.indexOf(entry);
					if (index === -1) return;
					running.splice(index, 1);
					if (running.length > 0) {
						schedule();
						return;
					}
					// Cleared at once, not throttled: whatever is printed next must not land on a stale line.
					stopTimers();
					draw();
				},
			};
		},
		close() {
			closed = true;
			running.length = 0;
			stopTimers();
			draw();
		},
	};
}

// `halflife: diagrams 312/1000 · astro building… · 41 s`, seconds since the oldest running stage began.
function statusLine(running: readonly Running[], now: number, columns: number | undefined): string {
	if (running.length === 0) return '';
	const stages = running.map(({ label, done, total }) =>
		done === undefined ? `${label}…` : total === undefined ? `${label} ${done}` : `${label} ${done}/${total}`,
	);
	const seconds = Math.floor((now - Math.min(...running.map((r) => r.started))) / 1000);
	const line = `halflife: ${[...stages, `${seconds} s`].join(' · ')}`;
	// A line that wraps cannot be redrawn in place: `\r` only goes back to the start of the last row.
	return columns !== undefined && columns > 1 && line.length >= columns ? `${line.slice(0, columns - 2)}…` : line;
}

/** Milliseconds a build spent in each stage, in the order the build reported them. */
export type StageTimings = Record<string, number>;

/** The stages a Halflife build times, in the order they run. */
export const BUILD_STAGES = ['notes', 'pull', 'generate', 'diagrams', 'astro', 'publish'] as const;

// The build's last info line: `halflife: timings: notes 12 ms, pull 340 ms, ...`.
const TIMINGS_LINE = /^halflife: timings: (.*)$/m;
const STAGE = /^(\S+) (\d+) ms$/;

/** The stage timings a build printed on stderr, or null when it printed none (a `--quiet` build). */
export function parseStageTimings(stderr: string): StageTimings | null {
	const line = TIMINGS_LINE.exec(stderr)?.[1];
	if (line === undefined) return null;
	const timings: StageTimings = {};
	for (const part of line.split(', ')) {
		const match = STAGE.exec(part.trim());
		if (!match) throw new Error(`bench: cannot read the stage timing "${part}" in "${line}"`);
		timings[match[1]!] = Number(match[2]);
	}
	return timings;
}

/**
 * Whether a stream is a terminal a person watches, where a status line redrawn in place is
 * welcome: a TTY, outside CI (`CI` unset, empty, `false` or `0`), and not a `dumb` terminal.
 */
export function isLiveTerminal(stream: { isTTY?: boolean | undefined }, env: Record<string, string | undefined>): boolean {
	// CI runners that allocate a pseudo-terminal still keep a log: `CI=true` forces plain lines.
	const ci = env['CI'] !== undefined && !['', 'false', '0'].includes(env['CI'].trim().toLowerCase());
	return stream.isTTY === true && !ci && env['TERM'] !== 'dumb';
}

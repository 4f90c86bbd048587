import { describe, expect, it } from 'vitest';
import { isLiveTerminal } from './is-live-terminal.ts';

describe('isLiveTerminal', () => {
	const tty = { isTTY: true };

	it('is live on a terminal outside CI', () => {
		expect(isLiveTerminal(tty, { TERM: 'xterm-256color' })).toBe(true);
		expect(isLiveTerminal(tty, {})).toBe(true);
		for (const CI of ['', 'false', '0', 'FALSE']) expect(isLiveTerminal(tty, { CI })).toBe(true);
	});

	it('is plain in CI, on a dumb terminal, or when the stream is piped', () => {
		for (const CI of ['true', '1', 'yes', 'woodpecker']) expect(isLiveTerminal(tty, { CI })).toBe(false);
		expect(isLiveTerminal(tty, { TERM: 'dumb' })).toBe(false);
		expect(isLiveTerminal({ isTTY: false }, {})).toBe(false);
		expect(isLiveTerminal({}, {})).toBe(false);
	});
});

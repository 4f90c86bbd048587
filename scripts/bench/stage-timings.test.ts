import { describe, expect, it } from 'vitest';
import { consoleLogger } from '../lib/logger.ts';
import { parseStageTimings } from './stage-timings.ts';

describe('parseStageTimings', () => {
	it('reads the line the build logs among its other lines', () => {
		let stderr = '';
		const logger = consoleLogger({ stream: { write: (chunk: string) => (stderr += chunk) } });
		logger.info('model: 1000 services, 40 hidden and 38 phantom dependencies');
		logger.warn('notes/x.md: reviewed in the future');
		logger.info('timings: notes 120 ms, pull 3400 ms, generate 800 ms, diagrams 9100 ms, astro 12000 ms, publish 650 ms');
		stderr += 'peak-rss-kb=812344\n';
		expect(parseStageTimings(stderr)).toEqual({ notes: 120, pull: 3400, generate: 800, diagrams: 9100, astro: 12000, publish: 650 });
	});

	it('gives null when the build printed no timings, and fails on a line it cannot read', () => {
		expect(parseStageTimings('halflife: published build x\n')).toBeNull();
		expect(() => parseStageTimings('halflife: timings: notes twelve ms\n')).toThrow(/notes twelve ms/);
	});
});

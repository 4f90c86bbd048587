import { describe, expect, it } from 'vitest';
import { consoleLogger } from './logger.ts';

describe('consoleLogger', () => {
	it('writes plain lines, with no control characters and no stage display', () => {
		const chunks: string[] = [];
		const logger = consoleLogger({ stream: { write: (chunk: string) => chunks.push(chunk) } });
		// What a build does with a logger: stages only show where the logger can show them.
		const stage = logger.stage?.('diagrams');
		stage?.update(1, 2);
		logger.info('diagrams: 2 rendered');
		logger.warn('no browser');
		stage?.end();
		expect(stage).toBeUndefined();
		expect(chunks).toEqual(['halflife: diagrams: 2 rendered\n', 'halflife: warning: no browser\n']);
		expect(chunks.join('')).not.toMatch(/[\r\x1b]/);
	});

	it('keeps only warnings when quiet', () => {
		const chunks: string[] = [];
		const logger = consoleLogger({ quiet: true, stream: { write: (chunk: string) => chunks.push(chunk) } });
		logger.info('pull: 3 spans');
		logger.warn('stale');
		expect(chunks).toEqual(['halflife: warning: stale\n']);
	});
});

import { describe, expect, it } from 'vitest';
import { plural } from './plural.ts';

describe('plural', () => {
	it('says one thing in the singular and any other count in the plural', () => {
		expect(plural(1, 'deploy')).toBe('1 deploy');
		expect(plural(0, 'deploy')).toBe('0 deploys');
		expect(plural(3, 'dependency', 'dependencies')).toBe('3 dependencies');
		expect(plural(1, 'dependency', 'dependencies')).toBe('1 dependency');
	});

	it('formats the count when given a format', () => {
		expect(plural(1200, 'span', 'spans', (n) => n.toLocaleString('en-US'))).toBe('1,200 spans');
	});
});

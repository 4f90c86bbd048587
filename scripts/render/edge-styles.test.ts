import { describe, expect, it } from 'vitest';
import { combineStatuses } from './edge-styles.ts';

describe('combineStatuses', () => {
	it('draws a line hidden when any dependency behind it is hidden', () => {
		expect(combineStatuses(['confirmed', 'phantom', 'hidden', 'confirmed'])).toEqual({ status: 'hidden', label: '2 confirmed, 1 hidden, 1 phantom' });
	});

	it('draws a line phantom when any is phantom and none hidden, so a solid line never hides a declared call nobody saw', () => {
		expect(combineStatuses(['confirmed', 'confirmed', 'confirmed', 'phantom'])).toEqual({ status: 'phantom', label: '3 confirmed, 1 phantom' });
	});

	it('draws a line learned when any is learned and none hidden or phantom: only an incident wrote it down', () => {
		expect(combineStatuses(['confirmed', 'learned', 'confirmed'])).toEqual({ status: 'learned', label: '2 confirmed, 1 learned' });
		expect(combineStatuses(['learned', 'phantom'])).toEqual({ status: 'phantom', label: '1 learned, 1 phantom' });
	});

	it('draws a line confirmed only when all are', () => {
		expect(combineStatuses(['confirmed', 'confirmed'])).toEqual({ status: 'confirmed', label: '2 confirmed' });
		expect(combineStatuses(['phantom'])).toEqual({ status: 'phantom', label: '1 phantom' });
	});
});

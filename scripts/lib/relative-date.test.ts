import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relativeDate } from './relative-date.ts';

const build = '2026-11-23T00:00:00.000Z';

describe('relativeDate', () => {
	it('calls only the build\'s own calendar day "today": 13 hours before a midnight build is yesterday', () => {
		expect(relativeDate('2026-11-22T11:00:00Z', build).text).toBe('yesterday');
		expect(relativeDate('2026-11-23', build).text).toBe('today');
		expect(relativeDate('2026-11-23T08:00:00Z', '2026-11-23T17:00:00Z').text).toBe('today');
	});

	it('says when something is after the build\'s clock instead of calling it today', () => {
		expect(relativeDate('2026-11-26', build)).toEqual({ text: '3 days after this build', future: true, days: -3 });
		expect(relativeDate('2026-11-24', build).text).toBe('1 day after this build');
		expect(relativeDate('2026-11-23T18:00:00Z', '2026-11-23T09:00:00Z')).toMatchObject({ text: 'later on the day of this build', future: true });
	});

	it('counts days, weeks, months and years as a reader scans them', () => {
		expect(relativeDate('2026-11-20', build).text).toBe('3 days ago');
		expect(relativeDate('2026-10-14', build).text).toBe('6 weeks ago');
		expect(relativeDate('2026-05-01', build).text).toBe('7 months ago');
		expect(relativeDate('2023-01-30', build).text).toBe('3.8 years ago');
	});

	it('never says "today" for another day, nor dates anything after the clock as past, at any hour', () => {
		const day = 86_400_000;
		const clock = Date.parse(build);
		fc.assert(
			fc.property(fc.integer({ min: -3 * 365 * day, max: 3 * 365 * day }), fc.integer({ min: 0, max: day - 1 }), (offset, hour) => {
				const now = new Date(clock + hour).toISOString();
				const at = new Date(clock + hour + offset).toISOString();
				const said = relativeDate(at, now);
				expect(said.future).toBe(offset > 0);
				if (said.text === 'today') expect(at.slice(0, 10)).toBe(now.slice(0, 10));
				if (said.text === 'yesterday') expect(Date.parse(now.slice(0, 10)) - Date.parse(at.slice(0, 10))).toBe(day);
			}),
		);
	});

	it('refuses what is not a date rather than printing NaN', () => {
		expect(() => relativeDate('soon', build)).toThrow(/not a date: soon/);
	});
});

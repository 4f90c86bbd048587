import { afterEach, describe, expect, it, vi } from 'vitest';
import { HalflifeError } from '../errors/halflife-error.ts';
import { buildIdOf, fixedNow, machineNowAfter, resolveNow } from './build-clock.ts';

const invalidNow = (flag: string | undefined, env: NodeJS.ProcessEnv = {}): HalflifeError => {
	try {
		resolveNow(flag, env);
	} catch (error) {
		expect(error).toBeInstanceOf(HalflifeError);
		return error as HalflifeError;
	}
	throw new Error(`resolveNow accepted ${flag ?? env['SOURCE_DATE_EPOCH']}`);
};

describe('resolveNow', () => {
	it('reads --now as an ISO-8601 date-time with a zone, or a date', () => {
		expect(resolveNow('2026-11-23T00:00:00Z', {}).toISOString()).toBe('2026-11-23T00:00:00.000Z');
		expect(resolveNow('2026-11-23T09:30:15.250+02:00', {}).toISOString()).toBe('2026-11-23T07:30:15.250Z');
		expect(resolveNow('2026-11-23T09:30:15-0500', {}).toISOString()).toBe('2026-11-23T14:30:15.000Z');
		expect(resolveNow('2026-11-23', {}).toISOString()).toBe('2026-11-23T00:00:00.000Z');
		expect(resolveNow('2024-02-29T12:00:00Z', {}).toISOString()).toBe('2024-02-29T12:00:00.000Z');
	});

	it('reads digits as seconds since 1970, from the flag or SOURCE_DATE_EPOCH', () => {
		expect(resolveNow('1795392000', {}).toISOString()).toBe('2026-11-23T00:00:00.000Z');
		expect(resolveNow(undefined, { SOURCE_DATE_EPOCH: '1795392000' }).toISOString()).toBe('2026-11-23T00:00:00.000Z');
		expect(resolveNow(undefined, { SOURCE_DATE_EPOCH: '0' }).toISOString()).toBe('1970-01-01T00:00:00.000Z');
	});

	it('prefers the flag over SOURCE_DATE_EPOCH', () => {
		expect(resolveNow('2026-01-01T00:00:00Z', { SOURCE_DATE_EPOCH: '1795392000' }).toISOString()).toBe('2026-01-01T00:00:00.000Z');
	});

	it('falls back to the machine clock, in whole seconds, when neither is set', () => {
		const before = Date.now();
		for (const env of [{}, { SOURCE_DATE_EPOCH: '' }]) {
			const now = resolveNow(undefined, env);
			expect(now.getUTCMilliseconds()).toBe(0);
			expect(now.getTime()).toBeGreaterThan(before - 1000);
			expect(now.getTime()).toBeLessThanOrEqual(Date.now());
		}
	});

	it('refuses what is not an unambiguous instant with InvalidNow', () => {
		for (const value of [
			'garbage',
			'2026-11-23T00:00:00', // no zone: differs between machines
			'2026-11-23 00:00:00Z',
			'23/11/2026',
			'Mon, 23 Nov 2026 00:00:00 GMT',
			'2026-13-01',
			'2026-11-23T25:00:00Z',
			'-1',
			'1.5',
		]) {
			const error = invalidNow(value);
			expect(error.name).toBe('InvalidNow');
			expect(error.message).toBe(`\`${value}\` is not an ISO-8601 date-time or a Unix epoch.`);
		}
		expect(invalidNow(undefined, { SOURCE_DATE_EPOCH: 'yesterday' }).message).toContain('`yesterday`');
	});

	it('refuses calendar dates that do not exist instead of rolling them into the next month', () => {
		for (const value of ['2026-02-30', '2026-02-29T00:00:00Z', '2026-04-31T12:00:00+02:00', '2026-11-00', '2026-12-32']) {
			expect(invalidNow(value).name, value).toBe('InvalidNow');
		}
	});
});

describe('buildIdOf', () => {
	it('writes the clock in ISO 8601 basic form, to the second', () => {
		expect(buildIdOf(new Date('2026-11-23T00:00:00Z'))).toBe('20261123T000000Z');
		expect(buildIdOf(new Date('2026-01-02T03:04:05.678Z'))).toBe('20260102T030405Z');
		expect(buildIdOf(resolveNow('2026-11-23T09:30:15+02:00', {}))).toBe('20261123T073015Z');
	});

	it('gives ids that sort like their clocks and are safe in URLs and file names', () => {
		const clocks = ['2025-12-31T23:59:59Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', '2026-10-01T00:00:00Z'];
		const ids = clocks.map((c) => buildIdOf(new Date(c)));
		expect([...ids].sort()).toEqual(ids);
		for (const id of ids) expect(id).toMatch(/^\d{8}T\d{6}Z$/);
	});
});

describe('fixedNow', () => {
	it('is the clock --now or SOURCE_DATE_EPOCH fixes, and nothing when neither does', () => {
		expect(fixedNow('2026-11-23T00:00:00Z', {})?.toISOString()).toBe('2026-11-23T00:00:00.000Z');
		expect(fixedNow(undefined, { SOURCE_DATE_EPOCH: '1795392000' })?.toISOString()).toBe('2026-11-23T00:00:00.000Z');
		expect(fixedNow(undefined, {})).toBeUndefined();
		expect(fixedNow(undefined, { SOURCE_DATE_EPOCH: '' })).toBeUndefined();
		expect(() => fixedNow('garbage', {})).toThrow(HalflifeError);
	});
});

describe('machineNowAfter', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('is the machine clock at once after an earlier build, or a later one (which the build then refuses)', async () => {
		vi.useFakeTimers({ now: new Date('2026-12-02T08:00:00.400Z') });
		for (const previous of [undefined, '2026-12-02T07:59:59.000Z', '2999-01-01T00:00:00.000Z']) {
			// Without the clock moving on: it does not wait.
			expect((await machineNowAfter(previous)).toISOString()).toBe('2026-12-02T08:00:00.000Z');
		}
	});

	it('waits for the next second after a build published in this one, so the two ids differ', async () => {
		vi.useFakeTimers({ now: new Date('2026-12-02T08:00:00.400Z') });
		let now: Date | undefined;
		const waiting = machineNowAfter('2026-12-02T08:00:00.250Z').then((date) => (now = date));
		await vi.advanceTimersByTimeAsync(500);
		expect(now).toBeUndefined();
		await vi.advanceTimersByTimeAsync(100);
		await waiting;
		expect(now!.toISOString()).toBe('2026-12-02T08:00:01.000Z');
	});
});

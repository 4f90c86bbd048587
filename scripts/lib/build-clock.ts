import { HalflifeError } from '../errors/halflife-error.ts';

/**
 * The build's clock: `--now` when given, else SOURCE_DATE_EPOCH (the reproducible-builds
 * convention), else the machine's time. Same inputs and same clock give the same site.
 */
export function resolveNow(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Date {
	return fixedNow(flag, env) ?? machineNow();
}

/** The build's clock when `--now` or SOURCE_DATE_EPOCH fixes it; undefined when the build goes by the machine's. */
export function fixedNow(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Date | undefined {
	const value = flag ?? env['SOURCE_DATE_EPOCH'];
	if (value === undefined || value === '') return undefined;
	const date = /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
	// Only full ISO date-times with a zone are unambiguous across machines.
	if (Number.isNaN(date.getTime()) || (!/^\d+$/.test(value) && !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2}))?$/.test(value))) {
		throw new HalflifeError('InvalidNow', { params: { value } });
	}
	// Date() rolls a day past the month's end into the next month (2026-02-30 is 2 March): refuse it instead.
	const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
	if (day && !isCalendarDay(Number(day[1]), Number(day[2]), Number(day[3]))) {
		throw new HalflifeError('InvalidNow', { params: { value } });
	}
	return date;
}

/** The machine's time in whole seconds, as build ids count it. */
export function machineNow(): Date {
	return new Date(Math.floor(Date.now() / 1000) * 1000);
}

/**
 * The machine's time for a build that reads it once it holds the site: when the build before it
 * published within the same second, the next second, so the two do not share one build id.
 */
export async function machineNowAfter(previous: string | undefined): Promise<Date> {
	// Ids count whole seconds: a clock of .250 past the second has the same id.
	const last = previous === undefined ? Number.NaN : Math.floor(Date.parse(previous) / 1000) * 1000;
	let now = machineNow();
	while (now.getTime() === last) {
		await new Promise((resolve) => setTimeout(resolve, last + 1000 - Date.now()));
		now = machineNow();
	}
	return now;
}

function isCalendarDay(year: number, month: number, day: number): boolean {
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A build id from its clock, in ISO 8601 basic form: sortable, URL- and file-safe. `20261123T000000Z`. */
export function buildIdOf(now: Date): string {
	return now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

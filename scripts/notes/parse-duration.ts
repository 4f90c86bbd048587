const UNIT_DAYS: Record<string, number> = { d: 1, w: 7, m: 30, y: 365 };

/**
 * Reads a review cadence as whole days: a positive number of days, or text like `90d`, `12w`,
 * `6m` (30-day months) or `1y`; null when it is neither.
 */
export function parseDuration(value: number | string): number | null {
	if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : null;
	const match = /^(\d+)\s*(d|w|m|y)$/i.exec(value.trim());
	if (!match) return null;
	const days = Number(match[1]) * UNIT_DAYS[match[2]!.toLowerCase()]!;
	return days > 0 ? days : null;
}

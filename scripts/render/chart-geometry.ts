/** A value of one series at one build; null where the series has no value (the service did not exist then). */
export interface ChartPoint {
	/** The build's clock, ISO-8601. */
	x: string;
	/** From 0 to the chart's `max` (1 unless said), or null. */
	y: number | null;
}

/** One line of a chart. */
export interface ChartSeries {
	label: string;
	points: ChartPoint[];
}

/** Where everything of a line chart goes, in SVG user units; numbers are rounded so output is byte-stable. */
export interface ChartGeometry {
	width: number;
	height: number;
	plot: { left: number; top: number; right: number; bottom: number };
	series: Array<{ label: string; segments: string[]; points: Array<{ cx: number; cy: number; x: string; y: number }> }>;
	xTicks: Array<{ x: number; label: string }>;
	yTicks: Array<{ y: number; label: string }>;
}

const MARGIN = { left: 44, top: 12, right: 16, bottom: 28 };
const MAX_X_TICKS = 6;
// A date label is about 60 units wide at the chart's font size.
const MIN_TICK_GAP = 72;

/** How a chart's values read: shares from 0 to 1 (the default), or counts from 0 to a round top. */
export type ChartScale = 'share' | 'count';

/**
 * Lays out a line chart over builds: x by time (builds are not evenly spaced), y by value from 0
 * to 1 (shares) or from 0 to a round number above the largest count, a gap wherever a value is
 * missing. Geometry only, so the Astro component stays markup and this stays testable.
 */
export function chartGeometry(series: readonly ChartSeries[], size: { width?: number; height?: number; scale?: ChartScale } = {}): ChartGeometry {
	const width = size.width ?? 640;
	const height = size.height ?? 200;
	const plot = { left: MARGIN.left, top: MARGIN.top, right: width - MARGIN.right, bottom: height - MARGIN.bottom };
	const times = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort();
	const first = times.length > 0 ? Date.parse(times[0]!) : 0;
	const last = times.length > 0 ? Date.parse(times.at(-1)!) : 0;
	// One build (or several at one instant) sits in the middle rather than dividing by zero.
	const xOf = (iso: string) =>
		last === first ? (plot.left + plot.right) / 2 : plot.left + ((Date.parse(iso) - first) / (last - first)) * (plot.right - plot.left);
	const max = size.scale === 'count' ? roundTop(Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.y ?? 0)))) : 1;
	const clamp = (value: number) => Math.min(max, Math.max(0, value));
	const yOf = (value: number) => plot.bottom - (clamp(value) / max) * (plot.bottom - plot.top);

	const laidOut = series.map((s) => {
		const sorted = [...s.points].sort((a, b) => (a.x < b.x ? -1 : a.x > b.x ? 1 : 0));
		const segments: string[] = [];
		let current: string[] = [];
		const points: ChartGeometry['series'][number]['points'] = [];
		for (const point of sorted) {
			if (point.y === null || !Number.isFinite(point.y)) {
				if (current.length > 0) segments.push(current.join(' '));
				current = [];
				continue;
			}
			const cx = round(xOf(point.x));
			const cy = round(yOf(point.y));
			current.push(`${current.length === 0 ? 'M' : 'L'}${cx} ${cy}`);
			points.push({ cx, cy, x: point.x, y: clamp(point.y) });
		}
		if (current.length > 0) segments.push(current.join(' '));
		return { label: s.label, segments, points };
	});

	// Ticks at builds, evenly picked among them, always the first and the last; one per day, and
	// never so close that two labels overlap (the last wins over its neighbour).
	const step = Math.max(1, Math.ceil(times.length / MAX_X_TICKS));
	const xTicks: ChartGeometry['xTicks'] = [];
	times.forEach((t, i) => {
		if (i % step !== 0 && i !== times.length - 1) return;
		const tick = { x: round(xOf(t)), label: t.slice(0, 10) };
		const previous = xTicks.at(-1);
		if (previous && (previous.label === tick.label || tick.x - previous.x < MIN_TICK_GAP)) {
			if (i !== times.length - 1 || xTicks.length === 1) return;
			xTicks.pop();
		}
		xTicks.push(tick);
	});
	const yTicks = [0, max / 2, max].map((v) => ({ y: round(yOf(v)), label: size.scale === 'count' ? String(v) : `${v * 100}%` }));
	return { width, height, plot, series: laidOut, xTicks, yTicks };
}

// The smallest even number of 2, 5 or 10 times a power of ten at or above `value`, so the middle tick is whole too.
function roundTop(value: number): number {
	const power = 10 ** Math.floor(Math.log10(value));
	return [2, 4, 10, 20].map((m) => m * power).find((top) => top >= value) ?? 20 * power;
}

function round(value: number): number {
	return Math.round(value * 10) / 10;
}

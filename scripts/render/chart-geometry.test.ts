import { describe, expect, it } from 'vitest';
import { chartGeometry } from './chart-geometry.ts';

const week = (n: number) => new Date(Date.UTC(2026, 9, 19 + 7 * n)).toISOString();

describe('chartGeometry', () => {
	it('places builds by time and values by height: a falling line goes down the screen', () => {
		const chart = chartGeometry([{ label: 'cart', points: [0, 1, 2].map((n) => ({ x: week(n), y: 0.9 - 0.1 * n })) }], { width: 244, height: 140 });
		// Plot from x 44 to 228, y 12 to 112.
		expect(chart.plot).toEqual({ left: 44, top: 12, right: 228, bottom: 112 });
		expect(chart.series[0]!.segments).toEqual(['M44 22 L136 32 L228 42']);
		expect(chart.yTicks).toEqual([
			{ y: 112, label: '0%' },
			{ y: 62, label: '50%' },
			{ y: 12, label: '100%' },
		]);
	});

	it('spaces builds by their dates, not their order', () => {
		const chart = chartGeometry([{ label: 's', points: [week(0), week(1), week(4)].map((x) => ({ x, y: 0.5 })) }], { width: 244, height: 140 });
		expect(chart.series[0]!.points.map((p) => p.cx)).toEqual([44, 90, 228]);
	});

	it('breaks the line where a value is missing, clamps values, and never emits NaN', () => {
		const chart = chartGeometry([
			{ label: 's', points: [{ x: week(0), y: 0.5 }, { x: week(1), y: null }, { x: week(2), y: 1.4 }, { x: week(3), y: -1 }] },
		]);
		expect(chart.series[0]!.segments).toHaveLength(2);
		expect(chart.series[0]!.points.map((p) => p.y)).toEqual([0.5, 1, 0]);
		expect(JSON.stringify(chart)).not.toMatch(/NaN|Infinity/);
	});

	it('draws a single build as a point in the middle', () => {
		const chart = chartGeometry([{ label: 's', points: [{ x: week(0), y: 0.25 }] }], { width: 244, height: 140 });
		expect(chart.series[0]!.points).toEqual([{ cx: 136, cy: 87, x: week(0), y: 0.25 }]);
		expect(chart.xTicks).toEqual([{ x: 136, label: '2026-10-19' }]);
	});

	it('labels at most six builds, always the first and the last', () => {
		const chart = chartGeometry([{ label: 's', points: Array.from({ length: 20 }, (_, n) => ({ x: week(n), y: 0.5 })) }]);
		expect(chart.xTicks.length).toBeLessThanOrEqual(7);
		expect(chart.xTicks[0]!.label).toBe('2026-10-19');
		expect(chart.xTicks.at(-1)!.label).toBe(week(19).slice(0, 10));
	});

	it('never puts two date labels on top of each other, nor the same day twice', () => {
		const days = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => ({ x: new Date(Date.UTC(2026, 9, 1 + n * 3)).toISOString(), y: 0.5 }));
		days.push({ x: new Date(Date.UTC(2026, 9, 22, 12)).toISOString(), y: 0.4 });
		const chart = chartGeometry([{ label: 's', points: days }]);
		for (let i = 1; i < chart.xTicks.length; i++) {
			expect(chart.xTicks[i]!.x - chart.xTicks[i - 1]!.x).toBeGreaterThanOrEqual(72);
			expect(chart.xTicks[i]!.label).not.toBe(chart.xTicks[i - 1]!.label);
		}
		expect(chart.xTicks.at(-1)!.label).toBe('2026-10-22');
	});
});

describe('count charts', () => {
	it('scales counts to a round top with a whole middle tick, and labels the ticks as numbers', () => {
		const series = [{ label: 'Instances', points: ['2026-11-02', '2026-11-09', '2026-11-16'].map((day, i) => ({ x: `${day}T00:00:00Z`, y: [3, 12, 4][i]! })) }];
		const chart = chartGeometry(series, { scale: 'count' });
		expect(chart.yTicks.map((t) => t.label)).toEqual(['0', '10', '20']);
		const [low, high] = [chart.series[0]!.points[0]!, chart.series[0]!.points[1]!];
		expect(high.y).toBe(12);
		expect(high.cy).toBeLessThan(low.cy);
		// 12 of 20 is 60% of the plot's height above its bottom.
		expect(chart.plot.bottom - high.cy).toBeCloseTo(0.6 * (chart.plot.bottom - chart.plot.top), 0);
		expect(chartGeometry([{ label: 'one', points: [{ x: '2026-11-02T00:00:00Z', y: 1 }] }], { scale: 'count' }).yTicks.map((t) => t.label)).toEqual(['0', '1', '2']);
	});
});

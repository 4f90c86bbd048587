import { confidenceOptionsSchema } from '../config/confidence-options.ts';
import { scorePairs } from '../model/calibration.ts';
import type { BuildSequence } from './calibration-builds.ts';
import { rescorePairs } from './rescore-pairs.ts';

/** The values tried of the three settings telemetry moves a dependency's confidence by; every combination is scored. */
export const GRID = {
	seenWeight: [0.9, 0.95, 0.98, 0.99],
	minCallShare: [0.001, 0.003, 0.01, 0.02, 0.03, 0.05],
	absentFloor: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
} as const;

/** One combination of the grid's settings. */
export interface GridSetting {
	seenWeight: number;
	minCallShare: number;
	absentFloor: number;
}

/** One combination and its Brier score on each sequence searched, in the order given. */
export interface GridPoint extends GridSetting {
	briers: (number | null)[];
}

const DEFAULTS = confidenceOptionsSchema.parse({});

/** The defaults' values of the grid's settings. */
export const DEFAULT_SETTING: GridSetting = { seenWeight: DEFAULTS.seenWeight, minCallShare: DEFAULTS.minCallShare, absentFloor: DEFAULTS.absentFloor };

/** Scores every combination of the grid (other options at their defaults) on each sequence. */
export function gridSearch(sequences: readonly BuildSequence[]): GridPoint[] {
	const points: GridPoint[] = [];
	for (const seenWeight of GRID.seenWeight) {
		for (const minCallShare of GRID.minCallShare) {
			for (const absentFloor of GRID.absentFloor) {
				const options = { ...DEFAULTS, seenWeight, minCallShare, absentFloor };
				points.push({ seenWeight, minCallShare, absentFloor, briers: sequences.map((sequence) => scorePairs(rescorePairs(sequence, options)).brier) });
			}
		}
	}
	return points;
}

/** The mean of a point's Brier scores; null when any sequence had no pairs. */
export function meanBrier(point: Pick<GridPoint, 'briers'>): number | null {
	if (point.briers.some((b) => b === null)) return null;
	return (point.briers as number[]).reduce((a, b) => a + b, 0) / point.briers.length;
}

/**
 * The points no worse than the defaults on every sequence and better on at least one, best mean first:
 * the only ones the defaults may be changed to, since a gain on one history must not be bought with a loss on another.
 */
export function improvements(points: readonly GridPoint[], defaults: readonly (number | null)[]): GridPoint[] {
	const noWorse = (p: GridPoint) => p.briers.every((b, i) => b !== null && defaults[i] !== null && b <= defaults[i]!);
	const better = (p: GridPoint) => p.briers.some((b, i) => b !== null && defaults[i] !== null && b < defaults[i]!);
	return points.filter((p) => noWorse(p) && better(p)).sort((a, b) => meanBrier(a)! - meanBrier(b)!);
}

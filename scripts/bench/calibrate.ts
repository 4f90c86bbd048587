// `npm run calibrate`: whether confidence predicts what the next build's telemetry sees, on the
// demo's six builds and on 19 real TrainTicket captures, the defaults beside other settings and simpler baselines.
import path from 'node:path';
import { captureBuilds, demoBuilds } from './calibration-builds.ts';
import { compareScores, type SequenceCalibration } from './compare-scores.ts';
import { DEFAULT_SETTING, GRID, gridSearch, improvements, meanBrier, type GridPoint, type GridSetting } from './grid-search.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const captures = path.join(root, 'fixtures', 'realdata', 'traces', 'csv', 'windows', 'trainticket-2023-01-29');

const sequences = [await demoBuilds(root), await captureBuilds(captures)];
const results = sequences.map(compareScores);
for (const result of results) process.stdout.write(`${report(result)}\n`);
process.stdout.write(`${gridReport(results, gridSearch(sequences))}\n`);

function report(result: SequenceCalibration): string {
	const percent = (n: number | null) => (n === null ? '–' : `${(n * 100).toFixed(1)}%`);
	const brier = (n: number | null) => (n === null ? '–' : n.toFixed(4));
	const defaults = result.scorers[0]!.brier;
	const lines = [
		`#### ${result.name}: ${result.builds} builds, ${result.pairs} pairs (a declared dependency at one build, seen or not at the next), ${percent(result.baseRate)} seen`,
		'',
		table(
			['scorer', 'Brier', 'vs defaults', 'how'],
			result.scorers.map((s) => [s.scorer, brier(s.brier), s.brier === null || defaults === null ? '–' : signed(s.brier - defaults), s.how]),
		),
		'',
		'Reliability of the defaults (confidence at one build against the share seen at the next):',
		'',
		table(
			['confidence', 'pairs', 'mean confidence', 'seen next build', '95% interval of the share seen'],
			result.bins.map((b) => [`${Math.round(b.from * 100)}–${Math.round(b.to * 100)}%`, String(b.pairs), percent(b.meanConfidence), percent(b.seenShare), wilson(b.seenShare, b.pairs).map(percent).join('–')]),
		),
		'',
		verdict(result),
		'',
	];
	return lines.join('\n');
}

// Plainly: which simpler scorer, if any, beats the defaults.
function verdict(result: SequenceCalibration): string {
	const [defaults, ...rest] = result.scorers;
	if (!defaults || defaults.brier === null) return 'No pairs: nothing to judge.';
	const baselines = rest.filter((s) => ['review age alone', 'telemetry alone', 'base rate'].includes(s.scorer) && s.brier !== null);
	const better = baselines.filter((s) => s.brier! < defaults.brier!);
	const best = [...rest].filter((s) => s.brier !== null).sort((a, b) => a.brier! - b.brier!)[0];
	const baselineText =
		better.length === 0
			? `The defaults (${defaults.brier.toFixed(4)}) are no worse than every simpler baseline.`
			: `A SIMPLER BASELINE WINS: ${better.map((s) => `${s.scorer} ${s.brier!.toFixed(4)}`).join(', ')} against the defaults' ${defaults.brier.toFixed(4)}.`;
	const bestText = best && best.brier! < defaults.brier ? ` Best of all: ${best.scorer} (${best.brier!.toFixed(4)}).` : ' No alternative here scores better than the defaults.';
	return baselineText + bestText;
}

// The grid's best setting per sequence and on their mean, and the best that beats the defaults on no sequence's loss, beside the baselines.
function gridReport(results: readonly SequenceCalibration[], points: readonly GridPoint[]): string {
	const brier = (n: number | null | undefined) => (n === null || n === undefined ? '–' : n.toFixed(4));
	const name = (s: GridSetting) => `seenWeight ${s.seenWeight}, minCallShare ${s.minCallShare}, absentFloor ${s.absentFloor}`;
	const same = (a: GridSetting, b: GridSetting) => a.seenWeight === b.seenWeight && a.minCallShare === b.minCallShare && a.absentFloor === b.absentFloor;
	const scorer = (n: string) => results.map((r) => r.scorers.find((s) => s.scorer === n)?.brier ?? null);
	const defaults = points.find((p) => same(p, DEFAULT_SETTING))?.briers ?? scorer('defaults');
	const mean = (briers: readonly (number | null)[]) => meanBrier({ briers: [...briers] });
	const scored = points.filter((p) => mean(p.briers) !== null);
	const bestOn = (i: number) => [...scored].sort((a, b) => a.briers[i]! - b.briers[i]!)[0];
	const bestMean = [...scored].sort((a, b) => mean(a.briers)! - mean(b.briers)!)[0];
	const adopt = improvements(points, defaults)[0];
	const row = (label: string, briers: readonly (number | null)[]) => [label, ...briers.map(brier), brier(mean(briers))];
	const rows = [
		row(`defaults (${name(DEFAULT_SETTING)})`, defaults),
		...results.flatMap((r, i) => (bestOn(i) ? [row(`best on ${r.name}: ${name(bestOn(i)!)}`, bestOn(i)!.briers)] : [])),
		...(bestMean ? [row(`best mean: ${name(bestMean)}`, bestMean.briers)] : []),
		...(adopt ? [row(`best no worse than the defaults on each: ${name(adopt)}`, adopt.briers)] : []),
		row('telemetry alone', scorer('telemetry alone')),
		row('base rate', scorer('base rate')),
	];
	const beatsTelemetry = (p: GridPoint) => p.briers.every((b, i) => b !== null && scorer('telemetry alone')[i] !== null && b < scorer('telemetry alone')[i]!);
	const verdictText = !adopt
		? 'No setting of the grid is no worse than the defaults on each history and better on one: keep the defaults.'
		: `${name(adopt)} is no worse than the defaults on each history and better on at least one. ${
				points.some(beatsTelemetry) ? 'Some setting beats telemetry alone on every history.' : 'NO SETTING OF THE GRID BEATS TELEMETRY ALONE ON EVERY HISTORY.'
			}`;
	const tried = Object.entries(GRID).map(([option, values]) => `${option} ${values.join(', ')}`).join('; ');
	return [
		`#### Grid search: ${points.length} settings (${tried}; other options at their defaults)`,
		'',
		table(['setting', ...results.map((r) => r.name), 'mean'], rows),
		'',
		verdictText,
		'',
	].join('\n');
}

// The Wilson score interval: unlike share ± 1.96 standard errors, it does not collapse to a point at 0% or 100%.
function wilson(share: number, n: number): [number, number] {
	const z = 1.96;
	const centre = (share + (z * z) / (2 * n)) / (1 + (z * z) / n);
	const half = (z * Math.sqrt((share * (1 - share)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
	return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function signed(delta: number): string {
	return Math.abs(delta) < 0.00005 ? '±0' : `${delta > 0 ? '+' : '−'}${Math.abs(delta).toFixed(4)}`;
}

function table(header: string[], rows: string[][]): string {
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

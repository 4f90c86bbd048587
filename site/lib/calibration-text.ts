import { plural } from '../../scripts/lib/plural.ts';
import type { Calibration } from '../../scripts/model/model-schema.ts';
import { formatPercent } from './format.ts';

/** A bin's range as a reader says it: `80–90%`. */
export function binRange(bin: Calibration['bins'][number]): string {
	return `${Math.round(bin.from * 100)}–${Math.round(bin.to * 100)}%`;
}

/** How many of a bin's pairs were seen: its share is rounded, the count is not. */
export function seenCount(bin: Calibration['bins'][number]): number {
	return Math.round(bin.seenShare * bin.pairs);
}

/** The sentence that opens the calibration: what became of the dependencies in the bin holding the most of them. */
export function calibrationHeadline(calibration: Calibration): string | null {
	const largest = [...calibration.bins].sort((a, b) => b.pairs - a.pairs || b.from - a.from)[0];
	if (!largest) return null;
	return `Of the ${plural(largest.pairs, 'dependency', 'dependencies')} we were ${binRange(largest)} sure of at build ${calibration.previous}, ${formatPercent(seenCount(largest), largest.pairs)} were seen in this build.`;
}

/** What the Brier score means, against what a constant at the share seen would have scored. */
export function brierMeaning(calibration: Calibration): string | null {
	if (calibration.brier === null) return null;
	const seen = calibration.bins.reduce((n, bin) => n + seenCount(bin), 0);
	const share = seen / calibration.pairs;
	const constant = share * (1 - share);
	const verdict =
		calibration.brier <= constant
			? 'so the scores told the dependencies apart better than that constant'
			: 'so the scores did worse than that constant: they claim more than this build bore out';
	return `Brier score ${calibration.brier.toFixed(3)}: the mean of (how sure we were − what happened)², counting seen as 1 and not seen as 0, over ${plural(calibration.pairs, 'dependency', 'dependencies')}. 0 is perfect; always saying 50% scores 0.250; always saying the share that was seen, known only in hindsight (${formatPercent(seen, calibration.pairs)}), would have scored ${constant.toFixed(3)}, ${verdict}.`;
}

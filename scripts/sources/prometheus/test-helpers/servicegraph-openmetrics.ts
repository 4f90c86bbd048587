import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/** When a series has samples: from `startMs` to `endMs` inclusive, every `stepMs`. */
export interface Timeline {
	startMs: number;
	endMs: number;
	stepMs: number;
}

/** One counter series: its full sample name (`..._total`), labels, and how much it grows per step. */
export interface CounterSeries {
	type: 'counter';
	name: string;
	labels: Record<string, string>;
	/** Value at the first sample (0 for a counter born in the data). */
	base: number;
	/** Growth per step. */
	perStep: number;
	/** Step at which the counter restarts (a collector restart): its value is then one step's growth. */
	resetAtStep?: number;
	timeline: Timeline;
}

/** One histogram series: family name, labels, bucket bounds in seconds, and per-bucket growth per step. */
export interface HistogramSeries {
	type: 'histogram';
	name: string;
	labels: Record<string, string>;
	/** Finite upper bounds, ascending; the `+Inf` bucket comes after them. */
	bounds: number[];
	/** Growth per step of each bucket, not cumulative; one more entry than `bounds`. */
	countsPerStep: number[];
	/** Growth per step of `_sum`, in seconds. */
	sumPerStep: number;
	resetAtStep?: number;
	timeline: Timeline;
}

/** A series to backfill. */
export type Series = CounterSeries | HistogramSeries;

interface OtlpAttribute {
	key: string;
	value: { stringValue?: string; boolValue?: boolean; intValue?: string };
}
interface OtlpDataPoint {
	attributes?: OtlpAttribute[];
	asInt?: string;
	asDouble?: number;
	bucketCounts?: string[] | null;
	explicitBounds?: number[];
	sum?: number;
}
interface OtlpMetric {
	name: string;
	sum?: { dataPoints: OtlpDataPoint[]; isMonotonic?: boolean };
	histogram?: { dataPoints: OtlpDataPoint[] };
}

/**
 * Reads OTLP metrics in YAML (the Collector servicegraph connector's golden output) and turns
 * each data point into a series that grows by the data point's value every step: the golden
 * trace happening once per step. Labels come from the attributes (booleans as `true`/`false`;
 * empty values dropped, as Prometheus treats them as absent), plus `extraLabels`.
 */
export async function seriesFromOtlpMetricsYaml(file: string, timeline: Timeline, extraLabels: Record<string, string>): Promise<Series[]> {
	const document = parse(await readFile(file, 'utf8')) as {
		resourceMetrics: { scopeMetrics: { metrics: OtlpMetric[] }[] }[];
	};
	const series: Series[] = [];
	for (const resource of document.resourceMetrics) {
		for (const scope of resource.scopeMetrics) {
			for (const metric of scope.metrics) {
				for (const point of metric.sum?.dataPoints ?? []) {
					if (!metric.sum?.isMonotonic) throw new Error(`${metric.name} is not a monotonic sum`);
					series.push({
						type: 'counter',
						name: metric.name,
						labels: { ...labelsOf(point), ...extraLabels },
						base: 0,
						perStep: point.asInt !== undefined ? Number(point.asInt) : (point.asDouble ?? 0),
						timeline,
					});
				}
				for (const point of metric.histogram?.dataPoints ?? []) {
					const bounds = point.explicitBounds ?? [];
					const counts = (point.bucketCounts ?? []).map(Number);
					series.push({
						type: 'histogram',
						name: metric.name,
						labels: { ...labelsOf(point), ...extraLabels },
						bounds,
						// The connector leaves bucketCounts empty when nothing was counted.
						countsPerStep: counts.length > 0 ? counts : new Array<number>(bounds.length + 1).fill(0),
						sumPerStep: point.sum ?? 0,
						timeline,
					});
				}
			}
		}
	}
	return series;
}

function labelsOf(point: OtlpDataPoint): Record<string, string> {
	const labels: Record<string, string> = {};
	for (const { key, value } of point.attributes ?? []) {
		const text = value.stringValue ?? (value.boolValue !== undefined ? String(value.boolValue) : value.intValue);
		if (text !== undefined && text !== '') labels[key] = text;
	}
	return labels;
}

/** Writes series as OpenMetrics text, which `promtool tsdb create-blocks-from openmetrics` backfills. */
export function toOpenMetrics(series: Series[]): string {
	const families = new Map<string, { type: Series['type']; lines: string[] }>();
	for (const one of series) {
		const family = one.type === 'counter' ? one.name.replace(/_total$/, '') : one.name;
		let entry = families.get(family);
		if (!entry) {
			entry = { type: one.type, lines: [] };
			families.set(family, entry);
		}
		if (entry.type !== one.type) throw new Error(`${family} is both a counter and a histogram`);
		const steps = stepCount(one.timeline);
		for (let step = 0; step < steps; step++) {
			const seconds = (one.timeline.startMs + step * one.timeline.stepMs) / 1000;
			const growth = grownSteps(step, one.resetAtStep);
			if (one.type === 'counter') {
				entry.lines.push(`${one.name}${labelText(one.labels)} ${one.base + growth * one.perStep} ${seconds}`);
				continue;
			}
			let cumulative = 0;
			one.countsPerStep.forEach((count, index) => {
				cumulative += count * growth;
				const le = index < one.bounds.length ? String(one.bounds[index]) : '+Inf';
				entry.lines.push(`${one.name}_bucket${labelText({ ...one.labels, le })} ${cumulative} ${seconds}`);
			});
			entry.lines.push(`${one.name}_count${labelText(one.labels)} ${cumulative} ${seconds}`);
			entry.lines.push(`${one.name}_sum${labelText(one.labels)} ${one.sumPerStep * growth} ${seconds}`);
		}
	}
	const out: string[] = [];
	for (const [family, { type, lines }] of families) out.push(`# TYPE ${family} ${type}`, ...lines);
	out.push('# EOF', '');
	return out.join('\n');
}

/** Samples in a timeline. */
export function stepCount(timeline: Timeline): number {
	return Math.floor((timeline.endMs - timeline.startMs) / timeline.stepMs) + 1;
}

// Steps of growth behind the sample at `step`; after a restart the counter starts over, and its
// first sample holds one step's growth.
function grownSteps(step: number, resetAtStep: number | undefined): number {
	return resetAtStep !== undefined && step >= resetAtStep ? step - resetAtStep + 1 : step;
}

function labelText(labels: Record<string, string>): string {
	const pairs = Object.entries(labels).map(([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
	return pairs.length > 0 ? `{${pairs.join(',')}}` : '';
}

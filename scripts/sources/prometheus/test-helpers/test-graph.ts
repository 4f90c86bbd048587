import { realData } from '../../../../fixtures/real-data.ts';
import { seriesFromOtlpMetricsYaml, type Series, type Timeline } from './servicegraph-openmetrics.ts';

const HOUR = 3_600_000;
const PREFIX = 'traces_service_graph';

/** The golden pair's expected metrics, from the Collector's servicegraph connector tests (fixtures/realdata). */
export const GOLDEN_METRICS_YAML = realData('graphs/otel-servicegraph-connector/messaging-system-trace-expected-metrics.yaml');

/** The test's observation window: 7 days. The data's last sample sits on its end, so `increase()` has nothing to extrapolate. */
export const WINDOW = { start: new Date('2024-05-01T00:00:00Z'), end: new Date('2024-05-08T00:00:00Z') };

/** Scrapes every 15 minutes over the window's last 2 days. */
export const IN_WINDOW: Timeline = { startMs: WINDOW.end.getTime() - 48 * HOUR, endMs: WINDOW.end.getTime(), stepMs: HOUR / 4 };

// Ten days before the window: an edge that has since gone away.
const BEFORE_WINDOW: Timeline = { startMs: WINDOW.start.getTime() - 240 * HOUR, endMs: WINDOW.start.getTime() - 200 * HOUR, stepMs: HOUR / 4 };

/** The Collector connector's default latency buckets, in seconds, read from the golden YAML's explicitBounds. */
function boundsOf(golden: Series[]): number[] {
	const histogram = golden.find((one) => one.type === 'histogram');
	if (!histogram || histogram.type !== 'histogram') throw new Error('the golden metrics have no histogram');
	return histogram.bounds;
}

interface EdgeSpec {
	client: string;
	server: string;
	connectionType?: string;
	okPerStep: number;
	failedPerStep?: number;
	/** Growth per step of the server-latency buckets (not cumulative), from the first bucket; omitted: no histogram. */
	latencyBuckets?: number[];
	cluster?: string;
	resetAtStep?: number;
	base?: number;
	timeline?: Timeline;
}

// A small shop beside the golden edge, laid out as the Collector connector writes it: request_total
// split by `failed`, request_failed_total for the failures, a server-latency histogram.
const EXTRA_EDGES: EdgeSpec[] = [
	// A root span with no caller: the connector names the virtual client `user`.
	{ client: 'user', server: 'frontend', connectionType: 'virtual_node', okPerStep: 12, latencyBuckets: [0, 0, 2, 4, 3, 2, 1] },
	// Failures, and a collector restart halfway that resets every counter of the edge.
	{ client: 'frontend', server: 'checkout', okPerStep: 5, failedPerStep: 1, resetAtStep: 100, latencyBuckets: [0, 0, 0, 0, 1, 3, 1, 1] },
	// An uninstrumented peer named from the client span's attributes.
	{ client: 'frontend', server: 'payments-api', connectionType: 'virtual_node', okPerStep: 3, latencyBuckets: [0, 0, 0, 0, 0, 0, 1, 1, 1] },
	{ client: 'checkout', server: 'fulfilment', connectionType: 'messaging_system', okPerStep: 4, latencyBuckets: [0, 0, 0, 0, 0, 4] },
	{ client: 'checkout', server: 'order-events', connectionType: 'messaging_system', okPerStep: 2 },
	// A database edge without a latency histogram: latency unknown.
	{ client: 'fulfilment', server: 'postgres', connectionType: 'database', okPerStep: 7, failedPerStep: 2 },
	// A counter that did not move in the window: no calls seen.
	{ client: 'frontend', server: 'legacy-cart', okPerStep: 0, base: 40 },
	// Samples only before the window.
	{ client: 'frontend', server: 'search-v1', okPerStep: 3, timeline: BEFORE_WINDOW },
	// Another cluster, for the selector.
	{ client: 'frontend', server: 'checkout-canary', okPerStep: 2, cluster: 'staging', latencyBuckets: [0, 0, 0, 0, 1, 1] },
];

/** Every series of the test graph: the golden YAML's, replayed once per step, then the extra edges. */
export async function buildTestSeries(): Promise<Series[]> {
	const golden = await seriesFromOtlpMetricsYaml(GOLDEN_METRICS_YAML, IN_WINDOW, { cluster: 'prod' });
	const bounds = boundsOf(golden);
	const series: Series[] = [...golden];
	for (const edge of EXTRA_EDGES) {
		const timeline = edge.timeline ?? IN_WINDOW;
		const labels = {
			client: edge.client,
			server: edge.server,
			...(edge.connectionType ? { connection_type: edge.connectionType } : {}),
			cluster: edge.cluster ?? 'prod',
		};
		const common = { timeline, ...(edge.resetAtStep !== undefined ? { resetAtStep: edge.resetAtStep } : {}) };
		const failed = edge.failedPerStep ?? 0;
		series.push({ type: 'counter', name: `${PREFIX}_request_total`, labels: { ...labels, failed: 'false' }, base: edge.base ?? 0, perStep: edge.okPerStep, ...common });
		if (failed > 0) {
			series.push({ type: 'counter', name: `${PREFIX}_request_total`, labels: { ...labels, failed: 'true' }, base: 0, perStep: failed, ...common });
			series.push({ type: 'counter', name: `${PREFIX}_request_failed_total`, labels, base: 0, perStep: failed, ...common });
		}
		if (edge.latencyBuckets) {
			const counts = [...edge.latencyBuckets, ...new Array<number>(bounds.length + 1 - edge.latencyBuckets.length).fill(0)];
			series.push({ type: 'histogram', name: `${PREFIX}_request_server_seconds`, labels, bounds, countsPerStep: counts, sumPerStep: 0, ...common });
		}
	}
	return series;
}

import { readOtlpFile } from '../otlp-json/read-otlp-file.ts';
import type { FormatReadOptions, FormatResult, FormatSink, TelemetryFile, TelemetryFormat } from './telemetry-format.ts';

// A JSON object key as it appears in the first bytes, whatever the spacing.
const key = (name: string) => new RegExp(`"${name}"\\s*:`);
const RESOURCE_SPANS = key('resourceSpans');
const BATCHES = key('batches');
const LEGACY_SCOPES = /"(?:instrumentationLibrarySpans|scopeSpans)"\s*:/;

/**
 * OTLP/JSON traces: the OpenTelemetry Collector file exporter's JSON lines, one
 * `ExportTraceServiceRequest` document, Jaeger v2's `{"result": {...}}` and Tempo's `{"trace": {...}}`
 * API responses, and the pre-1.0 shape (`batches`, `instrumentationLibrarySpans`, base64 ids);
 * gzip or not. Sampling evidence on the spans is passed to `sink.counting` once the file is read.
 * Service names are delivered as reported: naming rules belong to the deriver (its `namer`
 * option), which also records the raw names it folded.
 */
export const otlpJsonFormat: TelemetryFormat = {
	name: 'otlp-json',
	description: 'OTLP/JSON traces (OpenTelemetry Collector file exporter JSON lines, an ExportTraceServiceRequest, a Jaeger v2 or Tempo API response)',
	sniff(head: string, _file: TelemetryFile): boolean {
		const start = head.charCodeAt(0) === 0xfeff ? head.slice(1).trimStart() : head.trimStart();
		if (!start.startsWith('{')) return false;
		if (RESOURCE_SPANS.test(start)) return true;
		// `batches` alone is also Jaeger's internal model; the OTLP one has scopes inside.
		return BATCHES.test(start) && LEGACY_SCOPES.test(start);
	},
	async read(file: TelemetryFile, sink: FormatSink, options: FormatReadOptions = {}): Promise<FormatResult> {
		const summary = await readOtlpFile(file, (span) => sink.span(span), undefined, options.wholeMaxBytes);
		if (summary.otherSignalLines > 0) sink.warn(`skipped ${summary.otherSignalLines} line(s) of metrics, logs or profiles`);
		const counting = summary.sampling.counting(summary.spans);
		if (counting.basis !== 'unknown') sink.counting?.(counting);
		return { spans: summary.spans, links: 0, skipped: summary.skipped };
	},
};

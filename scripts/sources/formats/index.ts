import { dependencyLinksFormat } from './dependency-links.ts';
import { jaegerJsonFormat } from './jaeger-json.ts';
import { otlpJsonFormat } from './otlp-json.ts';
import type { TelemetryFormat } from './telemetry-format.ts';
import { zipkinV2Format } from './zipkin-v2.ts';

/** Every telemetry file format Halflife reads, in the order a file is offered to them. */
export const telemetryFormats: readonly TelemetryFormat[] = [otlpJsonFormat, jaegerJsonFormat, dependencyLinksFormat, zipkinV2Format];

import { describe, expect, it } from 'vitest';
import { SkippedRecords } from './formats/skipped-records.ts';
import { jaegerTraceSpans } from './formats/jaeger-json.ts';
import { zipkinSpanInputs } from './formats/zipkin-span.ts';
import { forEachOtlpSpan } from './otlp-json/otlp-spans.ts';
import { instanceOf, resendCountOf } from './retry-evidence.ts';
import type { SpanInput } from './span-input.ts';

describe('resendCountOf and instanceOf', () => {
	it('reads resends as they are and attempts as one more than the resends', () => {
		expect(resendCountOf(new Map([['http.request.resend_count', '2']]))).toBe(2);
		expect(resendCountOf(new Map([['grpc-previous-rpc-attempts', '1']]))).toBe(1);
		expect(resendCountOf(new Map([['x-envoy-attempt-count', '3']]))).toBe(2);
		expect(resendCountOf(new Map([['http.request.header.x-envoy-attempt-count', '["1"]']]))).toBe(0);
		expect(resendCountOf(new Map([['http.request.resend_count', 'none']]))).toBeUndefined();
		expect(resendCountOf(new Map())).toBeUndefined();
	});

	it('prefers the service instance id, then the pod, then the host', () => {
		expect(instanceOf(new Map([['host.name', 'h'], ['k8s.pod.name', 'p'], ['service.instance.id', 'i']]))).toBe('i');
		expect(instanceOf(new Map([['host.name', 'h'], ['k8s.pod.name', 'p']]))).toBe('p');
		expect(instanceOf(new Map([['host.name', 'h']]))).toBe('h');
		expect(instanceOf(new Map([['service.name', 'cart']]))).toBeUndefined();
	});
});

describe('span readers fill name, instance and resend count', () => {
	it('OTLP: the span name, the resource instance, a client span resend count', () => {
		const spans: SpanInput[] = [];
		const resourceSpans = [
			{
				resource: { attributes: [{ key: 'service.name', value: { stringValue: 'cart' } }, { key: 'k8s.pod.name', value: { stringValue: 'cart-7d9f-abcde' } }] },
				scopeSpans: [
					{
						spans: [
							{ traceId: '1'.repeat(32), spanId: '2'.repeat(16), name: 'GET /price', kind: 3, startTimeUnixNano: '1000000000', endTimeUnixNano: '2000000000', attributes: [{ key: 'http.request.resend_count', value: { intValue: '1' } }] },
							{ traceId: '1'.repeat(32), spanId: '3'.repeat(16), name: 'cart.Get', kind: 2, startTimeUnixNano: '1000000000', endTimeUnixNano: '2000000000' },
						],
					},
				],
			},
		];
		forEachOtlpSpan(resourceSpans, ['resourceSpans'], (s) => void spans.push(s), () => {});
		expect(spans.map((s) => [s.name, s.instance, s.resendCount])).toEqual([
			['GET /price', 'cart-7d9f-abcde', 1],
			['cart.Get', 'cart-7d9f-abcde', undefined],
		]);
	});

	it('Zipkin: the name, the local endpoint as instance, an Envoy attempt count', () => {
		const raw = [
			{ traceId: 'a'.repeat(16), id: 'b'.repeat(16), name: 'get /cart', kind: 'CLIENT', timestamp: 1_000_000, duration: 10, localEndpoint: { serviceName: 'web', ipv4: '10.0.0.7', port: 8080 }, tags: { 'x-envoy-attempt-count': '2' } },
			{ traceId: 'a'.repeat(16), id: 'c'.repeat(16), kind: 'SERVER', timestamp: 1_000_000, duration: 10, localEndpoint: { serviceName: 'cart' }, tags: { 'service.instance.id': 'cart-1' } },
		];
		const spans = zipkinSpanInputs(raw.map((value, i) => ({ value, at: [i] })), new SkippedRecords());
		expect(spans.map((s) => [s.service, s.name, s.instance, s.resendCount])).toEqual([
			['web', 'get /cart', '10.0.0.7:8080', 1],
			['cart', undefined, 'cart-1', undefined],
		]);
	});

	it('Jaeger: the operation name, the process hostname as instance, a gRPC previous-attempts tag', () => {
		const trace = {
			traceID: 'd'.repeat(32),
			processes: {
				p1: { serviceName: 'web', tags: [{ key: 'hostname', type: 'string', value: 'web-host-2' }, { key: 'ip', type: 'string', value: '10.1.1.1' }] },
				p2: { serviceName: 'cart', tags: [{ key: 'ip', type: 'string', value: '10.1.1.9' }] },
			},
			spans: [
				{ traceID: 'd'.repeat(32), spanID: 'e'.repeat(16), operationName: 'cart.Get', processID: 'p1', startTime: 1_000_000, duration: 5, tags: [{ key: 'span.kind', value: 'client' }, { key: 'grpc-previous-rpc-attempts', value: 2 }] },
				{ traceID: 'd'.repeat(32), spanID: 'f'.repeat(16), operationName: 'cart.Get', processID: 'p2', startTime: 1_000_000, duration: 5, tags: [{ key: 'span.kind', value: 'server' }] },
			],
		};
		const spans = jaegerTraceSpans(trace, [], 'trace.json', new SkippedRecords());
		expect(spans.map((s) => [s.service, s.name, s.instance, s.resendCount])).toEqual([
			['web', 'cart.Get', 'web-host-2', 2],
			['cart', 'cart.Get', '10.1.1.9', undefined],
		]);
	});
});

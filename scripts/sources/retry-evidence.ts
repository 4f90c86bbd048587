/**
 * Span attributes that say a request was a retry, each with what its value counts: `resends`
 * (sends before this one) or `attempts` (this one included). OpenTelemetry's HTTP convention,
 * gRPC's retry metadata and Envoy's header, bare or as OpenTelemetry records captured
 * request headers and gRPC metadata.
 */
const RETRY_ATTRIBUTE_COUNTS: ReadonlyMap<string, 'resends' | 'attempts'> = new Map([
	['http.request.resend_count', 'resends'],
	['grpc-previous-rpc-attempts', 'resends'],
	['rpc.grpc.request.metadata.grpc-previous-rpc-attempts', 'resends'],
	['x-envoy-attempt-count', 'attempts'],
	['http.request.header.x-envoy-attempt-count', 'attempts'],
]);

/** Span attributes `resendCountOf` reads; span parsers keep these for client spans. */
export const RETRY_ATTRIBUTES: ReadonlySet<string> = new Set(RETRY_ATTRIBUTE_COUNTS.keys());

/**
 * How many times a request was sent before this span's, from the first retry attribute it
 * carries (`RETRY_ATTRIBUTES`; an attempt count is one more than the resends), or undefined when
 * none holds a whole number. Captured headers may be lists (`["2"]`), so the first number in the text is read.
 */
export function resendCountOf(attributes: ReadonlyMap<string, string>): number | undefined {
	for (const [key, counts] of RETRY_ATTRIBUTE_COUNTS) {
		const text = attributes.get(key);
		if (text === undefined) continue;
		const digits = /\d{1,9}/.exec(text);
		if (!digits) continue;
		const value = Number(digits[0]);
		return counts === 'attempts' ? Math.max(0, value - 1) : value;
	}
	return undefined;
}

/** Resource attributes that name an instance of a service, most specific first. */
export const INSTANCE_ATTRIBUTES: readonly string[] = ['service.instance.id', 'k8s.pod.name', 'host.name'];

/** The instance a resource's (or process's) attributes name: the first of `INSTANCE_ATTRIBUTES` present, else undefined. */
export function instanceOf(attributes: ReadonlyMap<string, string>): string | undefined {
	for (const key of INSTANCE_ATTRIBUTES) {
		const value = attributes.get(key);
		if (value !== undefined && value !== '') return value;
	}
	return undefined;
}

import type { InferredCallee } from '../derive-service-graph.ts';

/** Span attributes `inferCallee` reads; the span parser keeps only these. */
export const CALLEE_ATTRIBUTES: ReadonlySet<string> = new Set([
	'db.system.name',
	'db.system',
	'db.namespace',
	'db.name',
	'messaging.system',
	'messaging.destination.name',
	'messaging.destination',
	'peer.service',
	'service.peer.name',
	'server.address',
	'net.peer.name',
]);

/**
 * Names the uninstrumented thing a CLIENT or PRODUCER span called, from OpenTelemetry
 * semantic-convention attributes (current names first, then the legacy ones). First rule that applies:
 *
 * 1. Database — `db.system.name` or `db.system` is set: node `<system>:<target>`, where target is
 *    `db.namespace`, else `db.name`, else `server.address`, else `net.peer.name`; just `<system>`
 *    when none is set. Example: `postgresql:orders`.
 * 2. Queue — `messaging.system` is set: node `<system>:<destination>`, where destination is
 *    `messaging.destination.name`, else the legacy `messaging.destination`; just `<system>` when
 *    neither is set. Example: `kafka:orders.created`.
 * 3. External — `peer.service`, else `service.peer.name` (its newer name), else `server.address`,
 *    else `net.peer.name`: node with that name, as is. Example: `payments-api`, `api.stripe.com`.
 *
 * Returns undefined when none applies: such a span is not an edge.
 */
export function inferCallee(attributes: ReadonlyMap<string, string>): InferredCallee | undefined {
	const get = (...keys: string[]): string | undefined => {
		for (const key of keys) {
			const value = attributes.get(key);
			if (value !== undefined) return value;
		}
		return undefined;
	};

	const dbSystem = get('db.system.name', 'db.system');
	if (dbSystem !== undefined) {
		const target = get('db.namespace', 'db.name', 'server.address', 'net.peer.name');
		return { name: joinName(dbSystem, target), kind: 'database', via: 'database' };
	}
	const messagingSystem = get('messaging.system');
	if (messagingSystem !== undefined) {
		const destination = get('messaging.destination.name', 'messaging.destination');
		return { name: joinName(messagingSystem, destination), kind: 'queue', via: 'messaging' };
	}
	const peer = get('peer.service', 'service.peer.name', 'server.address', 'net.peer.name');
	if (peer !== undefined) return { name: peer, kind: 'external', via: 'peer' };
	return undefined;
}

function joinName(system: string, target: string | undefined): string {
	return target === undefined ? system : `${system}:${target}`;
}

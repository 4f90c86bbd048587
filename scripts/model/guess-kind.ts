import type { NodeKind } from '../sources/snapshot.ts';

const DATABASES = new Set(['postgresql', 'postgres', 'mysql', 'mariadb', 'mssql', 'oracle', 'redis', 'memcached', 'mongodb', 'cassandra', 'elasticsearch', 'opensearch', 'dynamodb', 'sqlite', 'clickhouse', 'cockroachdb']);
const QUEUES = new Set(['kafka', 'rabbitmq', 'sqs', 'sns', 'pubsub', 'gcp_pubsub', 'nats', 'activemq', 'kinesis', 'servicebus', 'eventhubs', 'pulsar']);

/**
 * Guesses what a name that only a note mentions refers to, using the same `system:name`
 * convention the telemetry sources use for databases and queues, and host names for externals.
 */
export function guessKind(name: string): NodeKind {
	const system = /^([a-z0-9_]+):/i.exec(name)?.[1]?.toLowerCase();
	if (system && DATABASES.has(system)) return 'database';
	if (system && QUEUES.has(system)) return 'queue';
	if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(name) && /[a-z]/i.test(name.split('.').at(-1)!)) return 'external';
	return 'service';
}

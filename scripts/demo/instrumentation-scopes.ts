import type { Runtime } from './org-model.ts';

/** What a span records, which decides the instrumentation library that would have emitted it. */
export type ScopeRole = 'server' | 'client' | 'messaging' | 'internal' | `db:${string}`;

// Real instrumentation library names, so the demo telemetry reads like a real Collector export.
const scopes: Record<Runtime, Record<string, string>> = {
	node: {
		server: '@opentelemetry/instrumentation-http',
		client: '@opentelemetry/instrumentation-undici',
		messaging: '@opentelemetry/instrumentation-kafkajs',
		'db:postgresql': '@opentelemetry/instrumentation-pg',
		'db:redis': '@opentelemetry/instrumentation-ioredis',
		'db:elasticsearch': '@opentelemetry/instrumentation-undici',
	},
	go: {
		server: 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp',
		client: 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp',
		messaging: 'github.com/IBM/sarama/otelsarama',
		'db:postgresql': 'github.com/XSAM/otelsql',
		'db:redis': 'github.com/redis/go-redis/extra/redisotel',
		'db:elasticsearch': 'github.com/elastic/go-elasticsearch',
	},
	java: {
		server: 'io.opentelemetry.tomcat-10.0',
		client: 'io.opentelemetry.java-http-client',
		messaging: 'io.opentelemetry.kafka-clients-2.6',
		'db:postgresql': 'io.opentelemetry.jdbc',
		'db:redis': 'io.opentelemetry.lettuce-5.1',
		'db:elasticsearch': 'io.opentelemetry.elasticsearch-rest-7.0',
	},
	python: {
		server: 'opentelemetry.instrumentation.fastapi',
		client: 'opentelemetry.instrumentation.httpx',
		messaging: 'opentelemetry.instrumentation.confluent_kafka',
		'db:postgresql': 'opentelemetry.instrumentation.psycopg',
		'db:redis': 'opentelemetry.instrumentation.redis',
		'db:elasticsearch': 'opentelemetry.instrumentation.elasticsearch',
	},
	php: {
		server: 'io.opentelemetry.contrib.php.laravel',
		client: 'io.opentelemetry.contrib.php.psr18',
		messaging: 'io.opentelemetry.contrib.php.laravel',
		'db:postgresql': 'io.opentelemetry.contrib.php.pdo',
		'db:redis': 'io.opentelemetry.contrib.php.laravel',
		'db:elasticsearch': 'io.opentelemetry.contrib.php.psr18',
	},
};

/** The instrumentation scope name a span of this role would carry in a service on this runtime. */
export function scopeName(runtime: Runtime, role: ScopeRole, service: string): string {
	// Jobs and other hand-written spans come from the service's own tracer.
	if (role === 'internal') return service;
	return scopes[runtime][role] ?? scopes[runtime].client ?? service;
}

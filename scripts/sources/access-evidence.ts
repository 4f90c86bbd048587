/** Whether a call to a store read it or changed it. */
export type Access = 'read' | 'write';

/**
 * Span attributes that name a database operation, most specific first: OpenTelemetry's current
 * and legacy operation names, then the query text (current, legacy, and Zipkin's `sql.query`),
 * whose first word is the verb.
 */
const OPERATION_ATTRIBUTES = ['db.operation.name', 'db.operation', 'db.query.text', 'db.statement', 'sql.query'] as const;

/** Span attributes `accessOf` reads; span parsers keep these for client spans. */
export const ACCESS_ATTRIBUTES: ReadonlySet<string> = new Set(OPERATION_ATTRIBUTES);

// Verbs of SQL, Redis, MongoDB, DynamoDB, Cassandra and Elasticsearch clients, upper case. A verb
// in neither list (a stored procedure, `EXEC`, a transaction's `BEGIN`) says nothing either way.
const READS = new Set([
	'SELECT', 'WITH', 'SHOW', 'DESCRIBE', 'EXPLAIN', 'GET', 'MGET', 'HGET', 'HMGET', 'HGETALL', 'EXISTS', 'KEYS', 'SCAN', 'HSCAN', 'SSCAN', 'ZSCAN',
	'LRANGE', 'LLEN', 'SMEMBERS', 'SISMEMBER', 'SCARD', 'ZRANGE', 'ZRANGEBYSCORE', 'ZREVRANGE', 'ZSCORE', 'ZCARD', 'TTL', 'STRLEN', 'GEORADIUS', 'GEOSEARCH',
	'FIND', 'FINDONE', 'AGGREGATE', 'COUNT', 'COUNTDOCUMENTS', 'DISTINCT', 'GETITEM', 'BATCHGETITEM', 'QUERY', 'SEARCH', 'MSEARCH', 'READ', 'LOOKUP',
]);
const WRITES = new Set([
	'INSERT', 'UPDATE', 'DELETE', 'UPSERT', 'MERGE', 'REPLACE', 'TRUNCATE', 'CREATE', 'DROP', 'ALTER', 'COPY', 'SET', 'SETEX', 'SETNX', 'MSET', 'HSET',
	'HMSET', 'HDEL', 'DEL', 'UNLINK', 'INCR', 'INCRBY', 'DECR', 'DECRBY', 'EXPIRE', 'LPUSH', 'RPUSH', 'LPOP', 'RPOP', 'SADD', 'SREM', 'ZADD', 'ZREM',
	'GEOADD', 'APPEND', 'PUT', 'PUTITEM', 'UPDATEITEM', 'DELETEITEM', 'BATCHWRITEITEM', 'INSERTONE', 'INSERTMANY', 'UPDATEONE', 'UPDATEMANY', 'DELETEONE',
	'DELETEMANY', 'FINDONEANDUPDATE', 'FINDANDMODIFY', 'BULKWRITE', 'BULK', 'INDEX', 'WRITE', 'SAVE', 'STORE',
]);

/**
 * Whether a database call read or wrote, from the first operation attribute it carries
 * (`ACCESS_ATTRIBUTES`), else from its span name, which OpenTelemetry's database convention
 * begins with the operation (`SELECT shop.orders`; HotROD's `SQL SELECT`; a client's `GetDriver`);
 * undefined when no verb is known.
 */
export function accessOf(attributes: ReadonlyMap<string, string>, spanName?: string): Access | undefined {
	for (const key of OPERATION_ATTRIBUTES) {
		const text = attributes.get(key);
		if (text === undefined) continue;
		const access = accessOfText(text);
		if (access) return access;
	}
	return spanName === undefined ? undefined : accessOfText(spanName.replace(/^SQL\s+/i, ''));
}

// The verb is the first word, or the first word of a camel-cased name (`getDriver`, `FindDriverIDs`).
function accessOfText(text: string): Access | undefined {
	const word = /^(?:[\s(]|\/\*[\s\S]*?\*\/)*([A-Za-z]+)/.exec(text)?.[1];
	if (!word) return undefined;
	for (const verb of [word.toUpperCase(), /^[A-Za-z][a-z]*/.exec(word)![0].toUpperCase()]) {
		if (READS.has(verb)) return 'read';
		if (WRITES.has(verb)) return 'write';
	}
	return undefined;
}

/** `accessOf` for a span whose callee is a database; undefined for any other call. */
export function storeAccess(callee: { kind: string } | undefined, attributes: ReadonlyMap<string, string>, spanName: string | undefined): Access | undefined {
	return callee?.kind === 'database' ? accessOf(attributes, spanName) : undefined;
}

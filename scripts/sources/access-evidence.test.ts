import { describe, expect, it } from 'vitest';
import { accessOf } from './access-evidence.ts';

const attrs = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('accessOf', () => {
	it('reads the operation from the current attribute, then the legacy one, then the query text', () => {
		expect(accessOf(attrs({ 'db.operation.name': 'SELECT', 'db.query.text': 'INSERT INTO x' }))).toBe('read');
		expect(accessOf(attrs({ 'db.operation': 'UPDATE' }))).toBe('write');
		expect(accessOf(attrs({ 'db.statement': '  /* app */ (SELECT id FROM orders)' }))).toBe('read');
		expect(accessOf(attrs({ 'db.query.text': 'delete from carts where id = $1' }))).toBe('write');
		// HotROD's MySQL client (a real trace) writes the query in Zipkin's tag.
		expect(accessOf(attrs({ 'sql.query': 'SELECT * FROM customer WHERE customer_id=123' }))).toBe('read');
	});

	it('knows the verbs of key-value, document and search stores', () => {
		expect(accessOf(attrs({ 'db.operation.name': 'HGETALL' }))).toBe('read');
		expect(accessOf(attrs({ 'db.operation.name': 'SETEX' }))).toBe('write');
		expect(accessOf(attrs({ 'db.operation.name': 'findOneAndUpdate' }))).toBe('write');
		expect(accessOf(attrs({ 'db.operation.name': 'GetItem' }))).toBe('read');
		expect(accessOf(attrs({ 'db.operation.name': 'search' }))).toBe('read');
	});

	it('falls back to the span name, whose first word (or camel-cased word) is the verb', () => {
		expect(accessOf(attrs({}), 'SELECT shop.orders')).toBe('read');
		expect(accessOf(attrs({}), 'SQL SELECT')).toBe('read');
		expect(accessOf(attrs({}), 'GetDriver')).toBe('read');
		expect(accessOf(attrs({}), 'FindDriverIDs')).toBe('read');
		expect(accessOf(attrs({}), 'INSERT shop.orders')).toBe('write');
	});

	it('says nothing for a verb it does not know rather than guess', () => {
		expect(accessOf(attrs({ 'db.operation.name': 'EXEC' }))).toBeUndefined();
		expect(accessOf(attrs({}), 'BEGIN')).toBeUndefined();
		expect(accessOf(attrs({}), 'ordersQuery')).toBeUndefined();
		expect(accessOf(attrs({}), '')).toBeUndefined();
		// An unknown operation name does not hide a known verb in the query text.
		expect(accessOf(attrs({ 'db.operation.name': 'batch', 'db.query.text': 'UPDATE t SET a = 1' }))).toBe('write');
	});
});

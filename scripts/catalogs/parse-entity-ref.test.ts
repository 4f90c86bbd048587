import { describe, expect, it } from 'vitest';
import { ownerId, parseEntityRef, refName } from './parse-entity-ref.ts';

describe('parseEntityRef', () => {
	it('reads every form of `[kind:][namespace/]name`', () => {
		expect(parseEntityRef('team-a')).toEqual({ kind: null, namespace: 'default', name: 'team-a' });
		expect(parseEntityRef('Component:ops/cart', 'default')).toEqual({ kind: 'component', namespace: 'ops', name: 'cart' });
		expect(parseEntityRef('resource:default/orders-db')).toEqual({ kind: 'resource', namespace: 'default', name: 'orders-db' });
		expect(parseEntityRef('cart', 'ops')).toEqual({ kind: null, namespace: 'ops', name: 'cart' });
	});

	it('rejects empty parts, extra separators and spaces', () => {
		for (const ref of ['', 'component:', ':cart', 'a/b/c', 'component:a:b', 'my service', 'ns/']) expect(parseEntityRef(ref), ref).toBeNull();
	});
});

describe('ownerId', () => {
	it('drops the default kind and namespace, and marks people', () => {
		expect(ownerId(parseEntityRef('group:default/team-a')!)).toBe('team-a');
		expect(ownerId(parseEntityRef('group:ops/team-a')!)).toBe('ops/team-a');
		expect(ownerId(parseEntityRef('user:guest')!)).toBe('user:guest');
		expect(ownerId(parseEntityRef('user:development/guest')!)).toBe('user:development/guest');
		expect(ownerId(parseEntityRef('system:shop')!)).toBeNull();
		expect(refName({ namespace: 'Default', name: 'cart' })).toBe('cart');
	});
});

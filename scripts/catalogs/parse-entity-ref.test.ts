import { describe, expect, it } from 'vitest';
import { ownerId, ownerOf, parseEntityRef, readTarget, refName } from './parse-entity-ref.ts';

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

describe('ownerOf', () => {
	it('gives one id for every way an owner can be written', () => {
		for (const written of ['alpha', 'group:alpha', 'group:default/alpha', 'Group:DEFAULT/alpha', ' alpha ']) expect(ownerOf(written), written).toBe('alpha');
		for (const written of ['user:jdoe', 'user:default/jdoe', 'User:jdoe']) expect(ownerOf(written), written).toBe('user:jdoe');
		expect(ownerOf('group:ops/alpha')).toBe('ops/alpha');
		expect(ownerOf('user:ops/jdoe')).toBe('user:ops/jdoe');
	});

	it('keeps what is no reference to a team or a person as written, for the owner check to name', () => {
		expect(ownerOf('Platform Team')).toBe('Platform Team');
		expect(ownerOf('component:cart')).toBe('component:cart');
	});
});

describe('readTarget', () => {
	it('reads a reference of any catalog kind as the name of what it refers to', () => {
		for (const written of ['cart', 'component:cart', 'Component:default/cart', 'service:cart', 'default/cart']) expect(readTarget(written), written).toEqual({ name: 'cart', api: false });
		expect(readTarget('resource:default/artists-db')).toEqual({ name: 'artists-db', api: false });
		expect(readTarget('datastore:orders-db')).toEqual({ name: 'orders-db', api: false });
		expect(readTarget('api:default/search-api')).toEqual({ name: 'search-api', api: true });
		expect(readTarget('component:cart', 'shop')).toEqual({ name: 'shop/cart', api: false });
	});

	it('keeps infrastructure, hosts and anything else that is no reference as written', () => {
		for (const written of ['postgresql:orders', 'kafka:events', 'REDIS:sessions', 'api.stripe.com', 'redis:cache:1', 'my service']) {
			expect(readTarget(written), written).toEqual({ name: written, api: false });
		}
	});
});

import { describe, expect, it } from 'vitest';
import { assignSlugs, MAX_SLUG_LENGTH, slugify } from './assign-slugs.ts';

describe('slugify', () => {
	it('keeps plain names readable', () => {
		expect(slugify('checkout')).toBe('checkout');
		expect(slugify('Checkout Service')).toBe('checkout-service');
		expect(slugify('postgresql:orders')).toBe('postgresql-orders');
		expect(slugify('Zürich-Gateway')).toBe('zurich-gateway');
	});

	it('makes hostile names into safe, bounded slugs', () => {
		for (const name of ['../../etc/passwd', '<script>alert(1)</script>', 'a'.repeat(500), '🔥', '', 'CON', ' /\\ ']) {
			const slug = slugify(name);
			expect(slug).toMatch(/^[a-z0-9][a-z0-9-]*$/);
			expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
		}
		expect(slugify('CON')).not.toBe('con');
	});
});

describe('assignSlugs', () => {
	it('keeps slugs unique when names slug alike, independent of order', () => {
		const names = ['Cart', 'cart', 'cart!', 'checkout', 'a'.repeat(100), `${'a'.repeat(100)}b`];
		const forward = assignSlugs(names);
		const backward = assignSlugs([...names].reverse());
		expect(new Set(forward.values()).size).toBe(names.length);
		expect(forward).toEqual(backward);
		expect(forward.get('checkout')).toBe('checkout');
		expect(forward.get('cart')).toMatch(/^cart-[0-9a-f]{8}$/);
		for (const slug of forward.values()) expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
	});
});

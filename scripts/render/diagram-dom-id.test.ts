import { describe, expect, it } from 'vitest';
import { diagramDomId } from './diagram-dom-id.ts';

describe('diagramDomId', () => {
	it('reduces any id to a valid, stable DOM id', () => {
		for (const id of ['service-cart', 'Cart', '"><script>', '', '🚀', 'x'.repeat(500), '1st']) {
			const domId = diagramDomId(id);
			expect(domId).toMatch(/^hl-[a-z0-9-]+$/);
			expect(domId.length).toBeLessThanOrEqual(3 + 48 + 1 + 8);
			expect(diagramDomId(id)).toBe(domId);
		}
		expect(diagramDomId('service-cart')).toMatch(/^hl-service-cart-[0-9a-f]{8}$/);
	});

	it('keeps ids apart that reduce to the same slug', () => {
		expect(diagramDomId('Cart')).not.toBe(diagramDomId('cart'));
		expect(diagramDomId('a b')).not.toBe(diagramDomId('a-b'));
	});
});
